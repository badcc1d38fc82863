/**
 * `docs/troubleshooting.md`, generated from the diagnostic catalogue: every code any package can
 * report, as `switchyard explain --list` knows them (the CLI's `fullCatalogue`, the one list of every
 * catalogue), with its title, severity, what it means, the fix and an example: a checked example
 * (src/code-examples/: a change to the `init` set and what a command really prints on it) or a case
 * of `examples/broken/` (whose output the CLI's golden test checks).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import type { CatalogueEntry } from "@switchyard/config-schema";
import { fullCatalogue } from "../../apps/cli/src/full-catalogue.ts";
import { codeExampleRuns, type ExampleRun } from "./code-examples/index.ts";
import { append, fenced, formatMarkdown, generatedNotice, githubSlug, inline, table } from "./markdown.ts";

/** What each thousand of the code space holds (the package that reports it). */
const FAMILIES: Readonly<Record<string, string>> = {
  SY1: "Loading, schema and safe writes (`@switchyard/config-schema`)",
  SY2: "Cross-file consistency (`@switchyard/consistency`)",
  SY3: "Schema versions and migrations (`@switchyard/migrations`)",
  SY4: "LiteLLM generation and import (`@switchyard/litellm-generator`)",
  SY5: "Audit checks (`@switchyard/audit`)",
  SY6: "Ports (`@switchyard/port-registry`)",
  SY7: "Feature flags (`@switchyard/feature-flags`)",
};

function family(code: string): string {
  const prefix = code.slice(0, 3);
  return FAMILIES[prefix] ?? `${prefix}xxx`;
}

const BROKEN = fileURLToPath(new URL("../../examples/broken/", import.meta.url));

/** One finding as `switchyard validate` prints it for a case of `examples/broken/`. */
interface SeenIn {
  readonly example: string;
  readonly output: string;
}

/**
 * The findings of every `examples/broken/<case>/expected.txt` (the exact `validate` output that the
 * CLI's golden test checks), by code, in case order: real output to show beside each entry.
 */
export function brokenExampleFindings(dir: string = BROKEN): Map<string, SeenIn[]> {
  const found = new Map<string, SeenIn[]>();
  const cases = readdirSync(dir, { withFileTypes: true })
    .filter((d) => d.isDirectory())
    .map((d) => d.name)
    .sort();
  for (const name of cases) {
    let text: string;
    try {
      text = readFileSync(join(dir, name, "expected.txt"), "utf8");
    } catch {
      continue;
    }
    const lines = text.split("\n");
    for (let i = 0; i < lines.length; i++) {
      const header = /^(?:error|warning|info|note)\[(SY\d+)\]/.exec(lines[i]!);
      if (!header) continue;
      const block = [lines[i]!];
      for (let j = i + 1; j < lines.length; j++) {
        const line = lines[j]!;
        if (/^(?:error|warning|info|note)\[SY\d+\]|^For more information|^✖|^exit: /.test(line)) break;
        block.push(line);
      }
      while (block.at(-1)?.trim() === "") block.pop();
      const code = header[1]!;
      const list = found.get(code) ?? [];
      if (!list.some((seen) => seen.example === name)) list.push({ example: name, output: block.join("\n") });
      found.set(code, list);
    }
  }
  return found;
}

function entryHeading(entry: CatalogueEntry): string {
  return `${entry.code} ${entry.name}`;
}

/** Control characters an example's change holds, made visible in the page. */
function visible(text: string): string {
  return text.replaceAll("\r", "␍").replaceAll("\uFEFF", "<U+FEFF>").replaceAll("\t", "→   ");
}

function exampleLines(run: ExampleRun): string[] {
  const { example } = run;
  const lines = ["", `**Example.** ${example.what}`];
  if (run.diff !== "") append(lines, ["", ...fenced("diff", visible(run.diff))]);
  for (const [file, text] of Object.entries(example.files ?? {}))
    append(lines, ["", `\`${file}\`:`, "", ...fenced("yaml", visible(text))]);
  if (example.setupNote !== undefined) lines.push("", `Then: ${example.setupNote}`);
  const exit = run.exitCode === 0 ? "exits 0" : `exits ${run.exitCode}`;
  const printed = run.output.split("\n");
  const shown =
    example.head !== undefined && printed.length > example.head + 1
      ? [...printed.slice(0, example.head), `… (${printed.length - example.head} more lines)`]
      : example.tail !== undefined && printed.length > example.tail + 1
        ? [`… (${printed.length - example.tail} lines before)`, ...printed.slice(-example.tail)]
        : printed;
  if (example.snippet !== undefined)
    append(lines, [
      "",
      "This program, run with the packages installed,",
      "",
      ...fenced("ts", example.snippet),
      "",
      "prints:",
    ]);
  else lines.push("", `\`${run.command}\` prints (and ${exit}):`);
  append(lines, ["", ...fenced("text", shown.join("\n"))]);
  return lines;
}

function entrySection(entry: CatalogueEntry, seen: readonly SeenIn[], run?: ExampleRun): string[] {
  const lines = [
    `### ${entryHeading(entry)}`,
    "",
    `**${inline(entry.title)}** (${entry.severity})`,
    "",
    `**What it means.** ${inline(entry.cause)}`,
    "",
    `**Fix.** ${inline(entry.fix)}`,
  ];
  if (run !== undefined) append(lines, exampleLines(run));
  else if (entry.example !== undefined)
    append(lines, ["", "**In short**, what reports it:", "", ...fenced("yaml", entry.example)]);
  const [first, ...more] = seen;
  if (first !== undefined) {
    const link = (name: string) => `[\`examples/broken/${name}\`](../examples/broken/${name})`;
    append(lines, [
      "",
      `**Seen in** ${link(first.example)}: \`switchyard validate examples/broken/${first.example}\` prints`,
      "",
      ...fenced("text", first.output),
    ]);
    if (more.length > 0) lines.push("", `Also in ${more.map((m) => link(m.example)).join(", ")}.`);
  }
  if (entry.aliases !== undefined && entry.aliases.length > 0) {
    lines.push("", `Formerly reported as ${entry.aliases.map((a) => `\`${a}\``).join(", ")}.`);
  }
  lines.push("", `\`switchyard explain ${entry.code}\` prints this entry.`);
  return lines;
}

/** The whole page, from the given entries (every catalogue's by default), ordered by code. */
export async function troubleshootingGuide(
  entries?: readonly CatalogueEntry[],
  seen: ReadonlyMap<string, readonly SeenIn[]> = brokenExampleFindings(),
  runs?: ReadonlyMap<string, ExampleRun>,
): Promise<string> {
  const examples = runs ?? (await codeExampleRuns());
  const all = [...(entries ?? (await fullCatalogue()).values())].sort((a, b) =>
    a.code < b.code ? -1 : a.code > b.code ? 1 : 0,
  );
  const lines = [
    generatedNotice("the diagnostic catalogues (`switchyard explain --list`)"),
    "",
    "# Troubleshooting",
    "",
    `Every diagnostic code Switchyard reports (${all.length} of them), what it means and how to fix it. Every finding names its code (\`error[SY1030]\`, \`SY5202 no-backups\`); \`switchyard explain <code>\` prints the same entry in a terminal, and \`switchyard explain --list\` lists them all. Codes are stable and never reused; a code that was renamed lists its former codes, and \`explain\` finds it by them.`,
    "",
    "A finding can be silenced where it is deliberate with an inline `# switchyard-ignore <CODE>: reason` comment or in `.switchyard.yaml` (see [`@switchyard/consistency`](../packages/consistency/README.md)); an audit finding can also be accepted into a baseline (`switchyard audit --write-baseline`).",
  ];
  const families = [...new Set(all.map((e) => family(e.code)))];
  lines.push("", "## Codes", "");
  for (const name of families) {
    const members = all.filter((e) => family(e.code) === name);
    append(lines, [
      `**${name}**`,
      "",
      ...table(
        ["code", "severity", "what it means"],
        members.map((e) => [`[${e.code}](#${githubSlug(entryHeading(e))})`, e.severity, inline(e.title)]),
      ),
      "",
    ]);
  }
  for (const name of families) {
    lines.push(`## ${name}`);
    for (const entry of all.filter((e) => family(e.code) === name))
      append(lines, ["", ...entrySection(entry, seen.get(entry.code) ?? [], examples.get(entry.code))]);
    lines.push("");
  }
  return formatMarkdown(`${lines.join("\n").replace(/\n+$/, "")}\n`, "docs/troubleshooting.md");
}
