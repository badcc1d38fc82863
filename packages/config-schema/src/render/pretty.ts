import type { Catalogue } from "../diagnostics/catalogue.js";
import type { Diagnostic, RelatedLocation, Severity } from "../diagnostics/diagnostic.js";
import { countDiagnostics, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { didYouMean } from "../diagnostics/suggest.js";
import { plural } from "../text/plural.js";
import { type Palette, palette } from "./ansi.js";
import { buildCodeFrame, type CodeFrame, formatCodeFrame, gutterWidth } from "./code-frame.js";
import { formatLocation } from "./location.js";
import { sanitizeForTerminal, sanitizeHumanOutput, sanitizeLines } from "./sanitize.js";
import type { RenderOptions } from "./types.js";

function severityColor(paint: Palette, severity: Severity): (text: string) => string {
  if (severity === "error") return paint.red;
  if (severity === "warning") return paint.yellow;
  return paint.cyan;
}

/**
 * A message, made printable on one line: messages embed keys and values from the file, so a newline
 * in them is shown (`␊`), never printed (a key `"\n::error …"` must not start a line).
 */
function oneLine(text: string): string {
  return sanitizeForTerminal(text);
}

/** A hint or note (several lines allowed), made printable; continuation lines are indented. */
function printable(text: string, indent: string): string {
  return sanitizeLines(text).split("\n").join(`\n${indent}`);
}

/** The message without its trailing "did you mean" clause, which pretty output prints as `help`. */
function headline(diagnostic: Diagnostic): string {
  if (diagnostic.suggestion === undefined) return diagnostic.message;
  const clause = didYouMean(diagnostic.suggestion);
  return diagnostic.message.endsWith(clause)
    ? diagnostic.message.slice(0, -clause.length)
    : diagnostic.message;
}

interface RelatedBlock {
  readonly related: RelatedLocation;
  readonly file: string | undefined;
  readonly frame: CodeFrame | undefined;
}

function frameFor(
  sources: ReadonlyMap<string, string> | undefined,
  file: string | undefined,
  range: Diagnostic["range"],
  context: boolean,
): CodeFrame | undefined {
  if (file === undefined || range === undefined) return undefined;
  const text = sources?.get(file);
  if (text === undefined) return undefined;
  return buildCodeFrame(text, range, context ? {} : { linesAbove: 0, linesBelow: 0 });
}

function renderOne(diagnostic: Diagnostic, paint: Palette, options: RenderOptions): string[] {
  const mark = (text: string) => paint.bold(severityColor(paint, diagnostic.severity)(text));
  const frame = frameFor(options.sources, diagnostic.file, diagnostic.range, true);
  const related: RelatedBlock[] = (diagnostic.related ?? []).map((r) => {
    // A related location with a range but no file is in the diagnostic's own file.
    const file = r.file ?? (r.range === undefined ? undefined : diagnostic.file);
    return { related: r, file, frame: frameFor(options.sources, file, r.range, false) };
  });
  const frames = [frame, ...related.map((r) => r.frame)].filter((f): f is CodeFrame => f !== undefined);
  const width = gutterWidth(frames);
  const pad = " ".repeat(width + 2);
  const emptyGutter = `${pad} ${paint.dim("|")}`;
  const notePrefix = `${pad} ${paint.dim("=")} `;

  const out = [
    `${mark(`${diagnostic.severity}[${diagnostic.code}]`)}${paint.bold(`: ${oneLine(headline(diagnostic))}`)}`,
  ];
  const location = formatLocation(diagnostic.file, diagnostic.range);
  if (diagnostic.file !== undefined && diagnostic.file !== "") {
    out.push(`${pad}${paint.dim("-->")} ${sanitizeForTerminal(location)}`);
  }
  if (frame !== undefined) {
    out.push(emptyGutter);
    for (const line of formatCodeFrame(frame, width, paint, mark)) out.push(line);
  }

  const notes: string[] = [];
  for (const block of related) {
    const where = formatLocation(block.file, block.related.range);
    if (where === "") {
      notes.push(`${notePrefix}${paint.bold("note:")} ${oneLine(block.related.message)}`);
      continue;
    }
    out.push(`${pad}${paint.dim(":::")} ${sanitizeForTerminal(where)} ${oneLine(block.related.message)}`);
    if (block.frame !== undefined) {
      out.push(emptyGutter);
      for (const line of formatCodeFrame(block.frame, width, paint, paint.bold)) out.push(line);
    }
  }

  const hint = diagnostic.hint ?? options.catalogue?.get(diagnostic.code)?.fix;
  if (hint !== undefined && hint !== "") {
    notes.push(`${notePrefix}${paint.bold("hint:")} ${printable(hint, `${pad}         `)}`);
  }
  if (diagnostic.suggestion !== undefined && diagnostic.suggestion !== "") {
    notes.push(
      `${notePrefix}${paint.bold("help:")} did you mean '${sanitizeForTerminal(diagnostic.suggestion)}'?`,
    );
  }
  if (notes.length > 0) {
    if (frames.length > 0) out.push(emptyGutter);
    for (const item of notes) out.push(item);
  }
  return out;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words.at(-1)}`;
}

/** `✖ 3 errors and 1 warning in examples/config (2 files)`, or `✔ no problems found in …`. */
function summaryLine(diagnostics: readonly Diagnostic[], paint: Palette, target: string | undefined): string {
  const where = target === undefined || target === "" ? "" : ` in ${sanitizeForTerminal(target)}`;
  if (diagnostics.length === 0) return paint.green(`✔ no problems found${where}`);
  const counts = countDiagnostics(diagnostics);
  const parts: string[] = [];
  if (counts.error > 0) parts.push(plural(counts.error, "error"));
  if (counts.warning > 0) parts.push(plural(counts.warning, "warning"));
  if (counts.info > 0) parts.push(plural(counts.info, "info message"));
  const files = new Set(diagnostics.flatMap((d) => (d.file === undefined || d.file === "" ? [] : [d.file])))
    .size;
  const fileCount =
    files === 0 ? "" : where === "" ? ` in ${plural(files, "file")}` : ` (${plural(files, "file")})`;
  const text = `${joinWords(parts)}${where}${fileCount}`;
  if (counts.error > 0) return paint.bold(paint.red(`✖ ${text}`));
  if (counts.warning > 0) return paint.bold(paint.yellow(`⚠ ${text}`));
  return paint.bold(paint.cyan(`ℹ ${text}`));
}

/** rustc's closing pointer to `--explain`, for the codes the catalogue documents. */
function explainLine(
  diagnostics: readonly Diagnostic[],
  catalogue: Catalogue | undefined,
): string | undefined {
  if (catalogue === undefined) return undefined;
  const codes = [...new Set(diagnostics.map((d) => d.code))].filter((code) => catalogue.has(code)).sort();
  if (codes.length === 0) return undefined;
  if (codes.length === 1)
    return `For more information about ${codes[0]}, run \`switchyard explain ${codes[0]}\`.`;
  return `Some codes have detailed explanations: ${codes.join(", ")}. For more information about one, run \`switchyard explain ${codes[0]}\`.`;
}

/**
 * Diagnostics for people, in the style of rustc and miette: an `error[SY1030]: …` header, the
 * location, a Babel-style code frame (two lines above, three below, carets under the span) when
 * `options.sources` has the file, `= hint:` / `= help: did you mean …` notes, `:::` lines for related
 * locations, and a summary line. Sorted by file and position; deterministic; no ANSI codes unless
 * `options.color` is true.
 */
export function renderPretty(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  const paint = palette(options.color === true);
  const sorted = sortDiagnostics(diagnostics);
  const blocks = sorted.map((d) => renderOne(d, paint, options).join("\n"));
  const explain = explainLine(sorted, options.catalogue);
  if (explain !== undefined) blocks.push(explain);
  blocks.push(summaryLine(sorted, paint, options.summaryTarget));
  // The safety net over everything printed: no terminal escape but our colours, no workflow command.
  return sanitizeHumanOutput(`${blocks.join("\n\n")}\n`);
}
