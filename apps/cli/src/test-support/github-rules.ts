import { existsSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";

/**
 * The consumers of `--format github` and `--format sarif` as GitHub implements them, for tests:
 * the runner's workflow-command parser and the rules code scanning applies to an uploaded SARIF
 * file. Each returns what GitHub would make of our output, or the list of rules it breaks.
 */

/** A workflow command as the runner parses it. */
export interface WorkflowCommand {
  readonly command: string;
  readonly properties: Readonly<Record<string, string>>;
  readonly data: string;
}

const ANNOTATION_COMMANDS = new Set(["error", "warning", "notice"]);

function unescapeWith(text: string, mappings: readonly (readonly [string, string])[]): string {
  let out = text;
  for (const [token, replacement] of mappings) out = out.split(replacement).join(token);
  return out;
}

// actions/runner, src/Runner.Common/ActionCommand.cs: the order of the mappings is the runner's
// (`%` last), so `%253A` reads as `%3A`, not `:`.
const PROPERTY_MAPPINGS = [
  ["\r", "%0D"],
  ["\n", "%0A"],
  [":", "%3A"],
  [",", "%2C"],
  ["%", "%25"],
] as const;
const DATA_MAPPINGS = [
  ["\r", "%0D"],
  ["\n", "%0A"],
  ["%", "%25"],
] as const;

/**
 * One output line through the runner's `ActionCommand.TryParseV2`: after trimming leading space it
 * must start with `::`; the command info runs to the next `::`; the name ends at the first space;
 * properties are split on `,` (empty entries dropped) and each at its first `=` (a pair with an
 * empty side is dropped); the data is the rest. `undefined` when the runner would print the line as
 * plain log text instead.
 */
export function parseWorkflowCommand(line: string): WorkflowCommand | undefined {
  const message = line.trimStart();
  if (!message.startsWith("::")) return undefined;
  const end = message.indexOf("::", 2);
  if (end < 0) return undefined;
  const info = message.slice(2, end);
  const space = info.indexOf(" ");
  const command = space < 0 ? info : info.slice(0, space);
  if (!ANNOTATION_COMMANDS.has(command)) return undefined;
  const properties: Record<string, string> = {};
  if (space > 0) {
    for (const entry of info
      .slice(space + 1)
      .trim()
      .split(",")
      .filter((e) => e !== "")) {
      const at = entry.indexOf("=");
      if (at <= 0 || at === entry.length - 1) continue;
      properties[entry.slice(0, at)] = unescapeWith(entry.slice(at + 1), PROPERTY_MAPPINGS);
    }
  }
  return { command, properties, data: unescapeWith(message.slice(end + 2), DATA_MAPPINGS) };
}

function lineCount(path: string): number {
  return readFileSync(path, "utf8").split(/\r\n|\r|\n/).length;
}

/**
 * The rules an annotation breaks for a job whose checkout is `repoRoot`: GitHub resolves `file=`
 * against the repository root, and an annotation on a file that is not there, or on a line past its
 * end, is not shown on the diff.
 */
export function annotationProblems(command: WorkflowCommand, repoRoot: string): string[] {
  const problems: string[] = [];
  const { file, line, endLine, col, endColumn } = command.properties;
  if (file === undefined) {
    if (line !== undefined) problems.push("line= without file=");
    return problems;
  }
  if (file.startsWith("/")) problems.push(`file=${file} is absolute`);
  const path = join(repoRoot, file);
  if (!existsSync(path) || !statSync(path).isFile()) {
    problems.push(`file=${file} is no file of the repository`);
    return problems;
  }
  const lines = lineCount(path);
  for (const [name, value] of Object.entries({ line, endLine, col, endColumn })) {
    if (value !== undefined && !/^[1-9]\d*$/.test(value))
      problems.push(`${name}=${value} is not a positive integer`);
  }
  if (line !== undefined && Number(line) > lines) problems.push(`line=${line} is past the end of ${file}`);
  return problems;
}

interface SarifLike {
  version?: unknown;
  $schema?: unknown;
  runs?: {
    tool?: {
      driver?: {
        name?: unknown;
        rules?: {
          id?: string;
          shortDescription?: { text?: string };
          fullDescription?: { text?: string };
          help?: { text?: string };
          properties?: Record<string, unknown>;
        }[];
      };
    };
    originalUriBaseIds?: Record<string, { uri?: string }>;
    columnKind?: unknown;
    results?: {
      ruleId?: string;
      level?: string;
      message?: { text?: string };
      locations?: {
        physicalLocation?: {
          artifactLocation?: { uri?: string; uriBaseId?: string };
          region?: { startLine?: number; startColumn?: number; endLine?: number; endColumn?: number };
        };
      }[];
      relatedLocations?: { id?: number; physicalLocation?: { artifactLocation?: { uri?: string } } }[];
      partialFingerprints?: Record<string, string>;
    }[];
  }[];
}

/**
 * The rules of GitHub code scanning a SARIF log breaks when uploaded from the checkout `repoRoot`
 * (see shared/field-guide.md, "SARIF 2.1.0 that GitHub code scanning accepts"): every result needs
 * a rule with descriptions and help, a level and a message, and a location in a file that exists,
 * named relative to the repository root with every `uriBaseId` defined in `originalUriBaseIds`, a
 * full region within the file, `primaryLocationLineHash`; related locations must be linked from the
 * message as `[text](id)`; `security-severity` only on security rules; at most 5,000 results.
 */
export function codeScanningProblems(log: SarifLike, repoRoot: string): string[] {
  const problems: string[] = [];
  if (log.version !== "2.1.0") problems.push("version is not 2.1.0");
  if (typeof log.$schema !== "string") problems.push("no $schema");
  for (const [r, run] of (log.runs ?? []).entries()) {
    const at = `runs[${r}]`;
    if (typeof run.tool?.driver?.name !== "string") problems.push(`${at}: no tool.driver.name`);
    if (run.columnKind === undefined) problems.push(`${at}: no columnKind`);
    const rules = new Map((run.tool?.driver?.rules ?? []).map((rule) => [rule.id, rule]));
    for (const rule of rules.values()) {
      if (!rule.shortDescription?.text || !rule.fullDescription?.text || !rule.help?.text)
        problems.push(`${at}: rule ${rule.id} lacks a description or help`);
      const tags = (rule.properties?.tags as string[] | undefined) ?? [];
      if (rule.properties?.["security-severity"] !== undefined && !tags.includes("security"))
        problems.push(`${at}: rule ${rule.id} has security-severity but is not a security rule`);
    }
    const results = run.results ?? [];
    if (results.length > 5000) problems.push(`${at}: ${results.length} results (GitHub shows 5,000)`);
    for (const [i, result] of results.entries()) {
      const where = `${at}.results[${i}] (${result.ruleId})`;
      if (result.ruleId === undefined || !rules.has(result.ruleId)) problems.push(`${where}: no rule`);
      if (!["error", "warning", "note", "none"].includes(result.level ?? ""))
        problems.push(`${where}: no level`);
      if (!result.message?.text) problems.push(`${where}: no message.text`);
      const physical = result.locations?.[0]?.physicalLocation;
      if (physical === undefined) {
        problems.push(`${where}: no location (GitHub drops it)`);
        continue;
      }
      const uri = physical.artifactLocation?.uri ?? "";
      const base = physical.artifactLocation?.uriBaseId;
      if (base !== undefined && run.originalUriBaseIds?.[base] === undefined)
        problems.push(`${where}: uriBaseId ${base} is not defined in originalUriBaseIds`);
      if (/^[a-z]+:/i.test(uri) || uri.startsWith("/"))
        problems.push(`${where}: ${uri} is not relative to the repository`);
      const path = join(repoRoot, decodeURIComponent(uri));
      if (!existsSync(path) || !statSync(path).isFile()) {
        problems.push(`${where}: ${uri} is no file of the repository`);
        continue;
      }
      const region = physical.region;
      if (
        region?.startLine === undefined ||
        region.startColumn === undefined ||
        region.endLine === undefined ||
        region.endColumn === undefined
      )
        problems.push(`${where}: the region is not full`);
      else if (region.endLine > lineCount(path)) problems.push(`${where}: the region ends past the file`);
      if (result.partialFingerprints?.primaryLocationLineHash === undefined)
        problems.push(`${where}: no primaryLocationLineHash`);
      for (const related of result.relatedLocations ?? []) {
        if (related.physicalLocation === undefined) continue;
        if (!(result.message?.text ?? "").includes(`](${related.id})`))
          problems.push(`${where}: related location ${related.id} is not linked from the message`);
      }
    }
  }
  return problems;
}
