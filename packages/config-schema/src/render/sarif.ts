import type { Catalogue, CatalogueEntry } from "../diagnostics/catalogue.js";
import type { Diagnostic, RelatedLocation, Severity, SourceRange } from "../diagnostics/diagnostic.js";
import { sortDiagnostics } from "../diagnostics/diagnostic.js";
import { sha256 } from "../text/hash.js";
import { formatYamlPath } from "../validate/describe-path.js";
import { lineHashes } from "./line-hash.js";
import { normalizeRange, toForwardSlashes } from "./location.js";
import { guardJsonForLogs } from "./sanitize.js";
import type {
  SarifArtifactLocation,
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifNotification,
  SarifRegion,
  SarifReportingDescriptor,
  SarifResult,
} from "./sarif-types.js";
import { placeInRepository, type RepositoryPlace, type SourceRoot } from "./source-root.js";
import type { RenderOptions } from "./types.js";

/** The `$schema` written into every log. */
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** GitHub code scanning shows at most this many results of a run; the rest are left out. */
export const SARIF_MAX_RESULTS = 5000;
/** `tool.driver.informationUri`. */
export const SWITCHYARD_INFORMATION_URI = "https://github.com/switchyard-dev/switchyard";
/** Key of the partial fingerprint (rule + file + YAML path), so edits above a finding keep its identity. */
export const SARIF_FINGERPRINT_KEY = "switchyard/v1";

const levelOf: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };
const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The `uriBaseId` of every repository-relative path: the repository root. */
export const SARIF_SOURCE_ROOT_ID = "%SRCROOT%";

/** A `file:` URI for an absolute path, each segment percent-encoded (`/` kept, a drive letter too). */
function fileUri(absolute: string, directory = false): string {
  const slashed = toForwardSlashes(absolute);
  const segments = slashed.replace(/^\/+/, "").split("/");
  const encoded = segments.map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s)));
  const uri = `file:///${encoded.join("/")}`;
  return directory && !uri.endsWith("/") ? `${uri}/` : uri;
}

/**
 * The artifact location of a file: a URI reference relative to `%SRCROOT%` (the repository root,
 * which is what GitHub resolves against) inside the repository, a `file://` URI outside it. Each
 * segment is percent-encoded, so spaces, `#`, `?` and a `:` in a first segment stay literal.
 */
function artifactLocation(place: RepositoryPlace & { kind: "inside" | "outside" }): SarifArtifactLocation {
  if (place.kind === "outside") return { uri: fileUri(place.absolute) };
  return { uri: place.path.split("/").map(encodeURIComponent).join("/"), uriBaseId: SARIF_SOURCE_ROOT_ID };
}

/**
 * A full region (start and end line and column; GitHub requires all four). A finding about a whole
 * file (a missing key at the top, a file over the size cap) has no range: it covers the first line.
 */
function region(range: SourceRange | undefined, text: string | undefined): SarifRegion {
  if (range === undefined) {
    const firstLine = text === undefined ? "" : (/^[^\r\n]*/.exec(text)?.[0] ?? "");
    return { startLine: 1, startColumn: 1, endLine: 1, endColumn: Math.max(2, firstLine.length + 1) };
  }
  const span = normalizeRange(range);
  return {
    startLine: span.startLine,
    startColumn: span.startColumn,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
}

/**
 * Plain text for a SARIF message: `\\`, `[` and `]` escaped with a backslash (SARIF 2.1.0 §3.11.6),
 * so that only the links we write, `[text](id)`, read as embedded links.
 */
export function escapeSarifText(text: string): string {
  return text.replace(/[\\[\]]/g, (c) => `\\${c}`);
}

/** Rule + file (as the repository names it, wherever the tool ran) + YAML path, or the message. */
function fingerprint(diagnostic: Diagnostic, file: string): string {
  const where = diagnostic.path === undefined ? diagnostic.message : formatYamlPath(diagnostic.path);
  return sha256(`${diagnostic.code}\u0000${toForwardSlashes(file)}\u0000${where}`).slice(0, 32);
}

function resultText(diagnostic: Diagnostic, links: readonly string[] = []): string {
  let text = escapeSarifText(diagnostic.message);
  if (diagnostic.suggestion !== undefined && !diagnostic.message.includes(`'${diagnostic.suggestion}'`)) {
    text += ` — did you mean '${escapeSarifText(diagnostic.suggestion)}'?`;
  }
  // Code scanning shows related locations only when the message links them.
  if (links.length > 0) text += `\nSee ${links.join("; ")}.`;
  if (diagnostic.hint !== undefined && diagnostic.hint !== "")
    text += `\nHint: ${escapeSarifText(diagnostic.hint)}`;
  return text;
}

function relatedLocation(
  related: RelatedLocation,
  id: number,
  fallbackFile: string | undefined,
  options: RenderOptions,
  sourceRoot: SourceRoot | undefined,
): SarifLocation {
  // A related location with a range but no file is in the diagnostic's own file.
  const file = related.file ?? (related.range === undefined ? undefined : fallbackFile);
  const location: SarifLocation = { id, message: { text: escapeSarifText(related.message) } };
  if (file !== undefined && file !== "") {
    const place = placeInRepository(file, sourceRoot);
    if (place.kind !== "none")
      location.physicalLocation = {
        artifactLocation: artifactLocation(place),
        region: region(related.range, options.sources?.get(file)),
      };
  }
  return location;
}

function rule(code: string, entry: CatalogueEntry | undefined, severity: Severity): SarifReportingDescriptor {
  const explain = `Run \`switchyard explain ${code}\` for the full entry.`;
  if (entry === undefined) {
    return {
      id: code,
      name: code,
      shortDescription: { text: `Switchyard diagnostic ${code}.` },
      fullDescription: { text: `Switchyard diagnostic ${code}.` },
      help: { text: explain, markdown: explain },
      defaultConfiguration: { level: levelOf[severity] },
    };
  }
  const example = entry.example === undefined ? "" : `\n\nExample:\n${entry.example}`;
  const markdownExample =
    entry.example === undefined ? "" : `\n\n**Example**\n\n\`\`\`yaml\n${entry.example}\n\`\`\``;
  return {
    id: code,
    name: entry.name,
    shortDescription: { text: entry.title },
    fullDescription: { text: entry.cause },
    help: {
      text: `${entry.title}\n\nCause: ${entry.cause}\n\nFix: ${entry.fix}${example}\n\n${explain}`,
      markdown: `**${code} ${entry.name}**: ${entry.title}\n\n**Cause.** ${entry.cause}\n\n**Fix.** ${entry.fix}${markdownExample}\n\n${explain}`,
    },
    defaultConfiguration: { level: levelOf[entry.severity] },
  };
}

/** The diagnostics that fit in the cap: errors first, then warnings, then info; input order kept. */
function withinCap(diagnostics: readonly Diagnostic[], cap: number): Diagnostic[] {
  if (diagnostics.length <= cap) return [...diagnostics];
  const ranked = diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) =>
        severityRank[a.diagnostic.severity] - severityRank[b.diagnostic.severity] || a.index - b.index,
    )
    .slice(0, cap)
    .sort((a, b) => a.index - b.index);
  return ranked.map((r) => r.diagnostic);
}

function buildRules(diagnostics: readonly Diagnostic[], catalogue: Catalogue | undefined) {
  const firstSeverity = new Map<string, Severity>();
  for (const d of diagnostics) if (!firstSeverity.has(d.code)) firstSeverity.set(d.code, d.severity);
  const codes = [...firstSeverity.keys()].sort();
  const rules = codes.map((code) => rule(code, catalogue?.get(code), firstSeverity.get(code)!));
  const indexOf = new Map(codes.map((code, index) => [code, index]));
  return { rules, indexOf };
}

/**
 * Diagnostics as a SARIF 2.1.0 log that GitHub code scanning accepts: one run whose driver is
 * `switchyard` with a rule for each code that occurs (metadata from `options.catalogue`), a result
 * per diagnostic with a `%SRCROOT%`-relative location, a 1-based region in UTF-16 columns, related
 * locations and a partial fingerprint of code + file + YAML path (so a finding keeps its identity when
 * lines above it change).
 *
 * A diagnostic without a range is kept with a region at line 1 of its file (GitHub drops results
 * without a location). A diagnostic without any file (a set-level problem), or about a path that is
 * not a file (`options.sourceRoot`'s `isFile`: a missing required file, a directory), has nowhere to
 * point in the repository, so it becomes a tool-execution notification of the run's invocation
 * instead of a result, still linked to its rule. Past 5000 results (GitHub's limit per run) results are left out,
 * errors kept first, and a notification plus `run.properties` say how many.
 */
export function toSarif(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): SarifLog {
  const sourceRoot = options.sourceRoot;
  const sorted = sortDiagnostics(diagnostics);
  // A finding can be a result only where GitHub can show it: a file in place (the source root's
  // `isFile` turns a missing file or a directory into a place of kind "none", a notification).
  const placed = sorted.map((d) => ({
    d,
    place: d.file === undefined || d.file === "" ? undefined : placeInRepository(d.file, sourceRoot),
  }));
  const located = placed.filter(
    (p): p is { d: Diagnostic; place: RepositoryPlace & { kind: "inside" | "outside" } } =>
      p.place !== undefined && p.place.kind !== "none",
  );
  const unlocated = placed.filter((p) => p.place === undefined || p.place.kind === "none");
  const kept = withinCap(
    located.map((p) => p.d),
    SARIF_MAX_RESULTS,
  );
  const keptSet = new Set(kept);
  const omitted = located.length - kept.length;
  const { rules, indexOf } = buildRules([...kept, ...unlocated.map((p) => p.d)], options.catalogue);
  const hashes = new Map<string, readonly string[]>();
  const lineHash = (file: string, line: number): string | undefined => {
    const text = options.sources?.get(file);
    if (text === undefined) return undefined;
    let known = hashes.get(file);
    if (known === undefined) {
      known = lineHashes(text);
      hashes.set(file, known);
    }
    return known[line - 1];
  };

  const results: SarifResult[] = located
    .filter((p) => keptSet.has(p.d))
    .map(({ d, place }) => {
      const related = (d.related ?? []).map((r, i) => relatedLocation(r, i + 1, d.file, options, sourceRoot));
      const links = related.flatMap((r) =>
        r.physicalLocation === undefined ? [] : [`[${r.message!.text}](${r.id})`],
      );
      const primaryRegion = region(d.range, options.sources?.get(d.file!));
      const result: SarifResult = {
        ruleId: d.code,
        ruleIndex: indexOf.get(d.code)!,
        level: levelOf[d.severity],
        message: { text: resultText(d, links) },
        locations: [
          { physicalLocation: { artifactLocation: artifactLocation(place), region: primaryRegion } },
        ],
      };
      if (related.length > 0) result.relatedLocations = related;
      const hash = lineHash(d.file!, primaryRegion.startLine);
      result.partialFingerprints = {
        [SARIF_FINGERPRINT_KEY]: fingerprint(d, place.kind === "inside" ? place.path : place.absolute),
        ...(hash === undefined ? {} : { primaryLocationLineHash: hash }),
      };
      if (d.path !== undefined) result.properties = { yamlPath: formatYamlPath(d.path) };
      return result;
    });

  // A finding with no file in the repository (a set-level problem, a missing required file, a
  // directory that cannot be read) has no location an alert could point at: it is a notification
  // of the run, naming the path, still linked to its rule.
  const notifications: SarifNotification[] = unlocated.map(({ d }) => ({
    level: levelOf[d.severity],
    message: {
      text: `${d.code}: ${d.file === undefined || d.file === "" ? "" : `${escapeSarifText(toForwardSlashes(d.file))}: `}${resultText(d)}`,
    },
    associatedRule: { id: d.code, index: indexOf.get(d.code)! },
  }));
  if (omitted > 0) {
    notifications.push({
      level: "warning",
      message: {
        text: `${omitted} of ${located.length} results were left out: GitHub code scanning shows at most ${SARIF_MAX_RESULTS} results per run. Errors were kept first, then warnings, then info.`,
      },
    });
  }

  const root = sourceRoot?.root ?? process.cwd();
  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "switchyard",
            ...(options.toolVersion === undefined ? {} : { version: options.toolVersion }),
            informationUri: SWITCHYARD_INFORMATION_URI,
            rules,
          },
        },
        originalUriBaseIds: {
          [SARIF_SOURCE_ROOT_ID]: {
            uri: fileUri(root, true),
            description: { text: "The root of the repository (the git top level, or GITHUB_WORKSPACE)." },
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            workingDirectory: { uri: fileUri(sourceRoot?.cwd ?? process.cwd(), true) },
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        columnKind: "utf16CodeUnits",
        ...(omitted > 0 ? { properties: { truncated: true, omittedResults: omitted } } : {}),
      },
    ],
  };
}

/** {@link toSarif}, serialised with two-space indentation and a final newline. */
export function renderSarif(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  return `${guardJsonForLogs(JSON.stringify(toSarif(diagnostics, options), null, 2))}\n`;
}
