import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import { countDiagnostics, sortDiagnostics } from "../diagnostics/diagnostic.js";
import { plural } from "../text/plural.js";
import { formatLocation, normalizeRange, toForwardSlashes } from "./location.js";
import { sanitizeForTerminal, sanitizeLines } from "./sanitize.js";
import { placeInRepository, type SourceRoot } from "./source-root.js";
import type { RenderOptions } from "./types.js";

/** GitHub shows at most this many annotations of each level per step (and 50 per job). */
export const GITHUB_ANNOTATIONS_PER_LEVEL = 10;

const commandOf: Record<Severity, "error" | "warning" | "notice"> = {
  error: "error",
  warning: "warning",
  info: "notice",
};

/** Escape a workflow-command message: `%`, `\r`, `\n` (as `@actions/core` does). */
export function escapeGithubData(text: string): string {
  return text.replace(/%/g, "%25").replace(/\r/g, "%0D").replace(/\n/g, "%0A");
}

/** Escape a workflow-command property value: the message escapes plus `:` and `,`. */
export function escapeGithubProperty(text: string): string {
  return escapeGithubData(text).replace(/:/g, "%3A").replace(/,/g, "%2C");
}

/** The path an annotation names: relative to the repository root, which GitHub resolves it against. */
function annotationPath(file: string, sourceRoot: SourceRoot | undefined): string | undefined {
  const place = placeInRepository(file, sourceRoot);
  if (place.kind === "none") return undefined;
  return place.kind === "inside" ? place.path : toForwardSlashes(place.absolute);
}

function properties(diagnostic: Diagnostic, title: string, sourceRoot: SourceRoot | undefined): string {
  const props: [string, string | number][] = [];
  const path =
    diagnostic.file === undefined || diagnostic.file === ""
      ? undefined
      : annotationPath(diagnostic.file, sourceRoot);
  if (path !== undefined) {
    props.push(["file", sanitizeForTerminal(path)]);
    if (diagnostic.range !== undefined) {
      const span = normalizeRange(diagnostic.range);
      // An exclusive end at column 1 ends on the previous line.
      const endLine = span.endLine > span.startLine && span.endColumn === 1 ? span.endLine - 1 : span.endLine;
      props.push(["line", span.startLine], ["endLine", endLine]);
      // GitHub refuses columns on annotations that span several lines. Its end column is inclusive.
      if (endLine === span.startLine) {
        props.push(["col", span.startColumn]);
        if (span.endLine === span.startLine)
          props.push(["endColumn", Math.max(span.startColumn, span.endColumn - 1)]);
      }
    }
  }
  props.push(["title", sanitizeForTerminal(title)]);
  return props.map(([key, value]) => `${key}=${escapeGithubProperty(String(value))}`).join(",");
}

/**
 * The annotation's text: the message (one line: a newline from a key is shown as `␊`), the hint and
 * related locations on lines of their own, every part through the one sanitiser.
 */
function annotationMessage(diagnostic: Diagnostic, sourceRoot: SourceRoot | undefined): string {
  let message = sanitizeForTerminal(diagnostic.message);
  // A finding about a path that is no file (a missing required file) names it in its text instead.
  if (
    diagnostic.file !== undefined &&
    diagnostic.file !== "" &&
    annotationPath(diagnostic.file, sourceRoot) === undefined
  )
    message = `${sanitizeForTerminal(toForwardSlashes(diagnostic.file))}: ${message}`;
  if (diagnostic.suggestion !== undefined && !diagnostic.message.includes(`'${diagnostic.suggestion}'`)) {
    message += ` — did you mean '${sanitizeForTerminal(diagnostic.suggestion)}'?`;
  }
  if (diagnostic.hint !== undefined && diagnostic.hint !== "")
    message += `\nHint: ${sanitizeLines(diagnostic.hint)}`;
  for (const related of diagnostic.related ?? []) {
    const file = related.file ?? (related.range === undefined ? undefined : diagnostic.file);
    const where = sanitizeForTerminal(
      formatLocation(
        file === undefined ? undefined : (annotationPath(file, sourceRoot) ?? toForwardSlashes(file)),
        related.range,
      ),
    );
    const text = sanitizeForTerminal(related.message);
    message += where === "" ? `\nNote: ${text}` : `\nSee ${where}: ${text}`;
  }
  return message;
}

/**
 * Diagnostics as GitHub Actions workflow commands (`::error file=…,line=…,endLine=…,col=…,endColumn=…,
 * title=SY1030 unknown-key::message`), one per line: warnings become `::warning`, info `::notice`.
 * With `options.sourceRoot`, `file=` is relative to the repository root (GitHub resolves it there, not
 * in the directory the tool ran in), and a finding about a path that is no file has no `file=`.
 * The hint, a suggestion and related locations are part of the message. GitHub shows at most 10
 * annotations per level in a step, so each level is capped at 10 and a final `::notice` says how many
 * more there are (it takes one notice slot itself).
 */
export function renderGithub(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  const sorted = sortDiagnostics(diagnostics);
  const counts = countDiagnostics(sorted);
  const cap = GITHUB_ANNOTATIONS_PER_LEVEL;
  const overflow = counts.error > cap || counts.warning > cap || counts.info > cap;
  const limits: Record<Severity, number> = { error: cap, warning: cap, info: overflow ? cap - 1 : cap };
  const shown: Record<Severity, number> = { error: 0, warning: 0, info: 0 };
  const lines: string[] = [];
  for (const diagnostic of sorted) {
    if (shown[diagnostic.severity] >= limits[diagnostic.severity]) continue;
    shown[diagnostic.severity]++;
    const name = options.catalogue?.get(diagnostic.code)?.name;
    const title = name === undefined ? diagnostic.code : `${diagnostic.code} ${name}`;
    lines.push(
      `::${commandOf[diagnostic.severity]} ${properties(diagnostic, title, options.sourceRoot)}::${escapeGithubData(annotationMessage(diagnostic, options.sourceRoot))}`,
    );
  }
  if (overflow) {
    const hidden = {
      error: counts.error - shown.error,
      warning: counts.warning - shown.warning,
      info: counts.info - shown.info,
    };
    const total = hidden.error + hidden.warning + hidden.info;
    const parts = [
      hidden.error > 0 ? plural(hidden.error, "error") : "",
      hidden.warning > 0 ? plural(hidden.warning, "warning") : "",
      hidden.info > 0 ? `${hidden.info} info` : "",
    ].filter((p) => p !== "");
    const summary = `${plural(total, "more finding")} not annotated (${parts.join(", ")}): GitHub shows at most ${cap} annotations per level in a step. Run with --format pretty, or upload --format sarif, for the full list.`;
    lines.push(`::notice title=${escapeGithubProperty("Switchyard")}::${escapeGithubData(summary)}`);
  }
  return lines.length === 0 ? "" : `${lines.join("\n")}\n`;
}
