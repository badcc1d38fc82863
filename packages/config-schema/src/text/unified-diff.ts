import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";
import { findSecretSpans } from "../secrets/detect.js";
import { redactSecrets } from "../secrets/redact.js";

/**
 * How many changed lines (removed + added) a diff may hold before {@link unifiedDiff} gives up and
 * answers "too large". Myers' algorithm (jsdiff) costs O(N + D²) for D changed lines; at this limit a
 * 200,000-line file with no line in common is refused in well under a second and in a few MB.
 */
export const DEFAULT_MAX_DIFF_EDITS = 2000;

/** Options for {@link unifiedDiff}. */
export interface UnifiedDiffOptions {
  /** Label of the old side (`--- a/...`). */
  readonly oldLabel?: string;
  /** Label of the new side (`+++ b/...`). */
  readonly newLabel?: string;
  /** Lines of context around each change (default 3, as `diff -u`). */
  readonly context?: number;
  /** Changed lines (removed + added) beyond which no diff is computed (default {@link DEFAULT_MAX_DIFF_EDITS}). */
  readonly maxEditLength?: number;
}

/**
 * The outcome of {@link unifiedDiff}. `text` is what a human is shown in every case: `""` when the
 * texts are equal, the patch, or one line saying the diff is too large. Print `patch` alone where a
 * tool reads it (`| patch -p1`).
 */
export type UnifiedDiff =
  | { readonly kind: "equal"; readonly text: "" }
  | {
      readonly kind: "patch";
      readonly text: string;
      readonly patch: string;
      /** Set when secrets in the lines were redacted ({@link redactDiff}): then the patch does not apply. */
      readonly redacted?: true;
    }
  | {
      readonly kind: "too-large";
      readonly text: string;
      /** Lines of the old text. */
      readonly oldLines: number;
      /** Lines of the new text. */
      readonly newLines: number;
      /** The limit that was exceeded, in changed lines. */
      readonly maxEditLength: number;
    };

function countLines(text: string): number {
  if (text === "") return 0;
  let lines = 0;
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lines++;
  return text.endsWith("\n") ? lines : lines + 1;
}

/**
 * Where the two texts start and stop differing, in whole lines, keeping `context` unchanged lines on
 * each side: the common head and tail never need tokenising (a one-line edit of a 4 MB generated file
 * is then diffed in a few lines, not 200,000).
 */
function trimCommon(
  a: string,
  b: string,
  context: number,
): { head: number; headLines: number; tail: number } {
  const max = Math.min(a.length, b.length);
  let p = 0;
  while (p < max && a.charCodeAt(p) === b.charCodeAt(p)) p++;
  // The start of the first line that differs, then `context` lines before it.
  let head = p === 0 ? 0 : a.lastIndexOf("\n", p - 1) + 1;
  for (let i = 0; i < context && head > 0; i++) head = head < 2 ? 0 : a.lastIndexOf("\n", head - 2) + 1;
  let headLines = 0;
  for (let i = a.indexOf("\n"); i !== -1 && i < head; i = a.indexOf("\n", i + 1)) headLines++;
  // The common tail, starting at a line start in both texts and not reaching into the head.
  let tail = 0;
  const room = max - head;
  while (tail < room && a.charCodeAt(a.length - 1 - tail) === b.charCodeAt(b.length - 1 - tail)) tail++;
  while (tail > 0 && !(a.charCodeAt(a.length - tail - 1) === 10 && b.charCodeAt(b.length - tail - 1) === 10))
    tail--;
  // Keep `context` of its lines.
  for (let i = 0; i < context && tail > 0; i++) {
    const lineEnd = a.indexOf("\n", a.length - tail);
    tail = lineEnd === -1 ? 0 : a.length - lineEnd - 1;
  }
  return { head, headLines, tail };
}

/**
 * A unified diff (as `diff -u` and `git diff` print it) between two texts, computed with jsdiff and
 * bounded: when more than `maxEditLength` lines would change, no diff is computed and the answer is
 * `too-large` ("files differ (N lines vs M), diff too large to show"), in time and memory bounded by
 * the limit rather than by the texts. Compute a diff only where one is shown: to learn whether a
 * file changed, compare texts or hashes.
 */
export function unifiedDiff(oldText: string, newText: string, options: UnifiedDiffOptions = {}): UnifiedDiff {
  if (oldText === newText) return { kind: "equal", text: "" };
  const maxEditLength = options.maxEditLength ?? DEFAULT_MAX_DIFF_EDITS;
  const oldLines = countLines(oldText);
  const newLines = countLines(newText);
  // At least |N − M| lines change, so a length gap beyond the limit needs no diff at all.
  const context = options.context ?? 3;
  let patch: ReturnType<typeof structuredPatch> | undefined;
  if (Math.abs(oldLines - newLines) <= maxEditLength) {
    const { head, headLines, tail } = trimCommon(oldText, newText, context);
    patch = structuredPatch(
      options.oldLabel ?? "a",
      options.newLabel ?? "b",
      oldText.slice(head, oldText.length - tail),
      newText.slice(head, newText.length - tail),
      undefined,
      undefined,
      { context, maxEditLength },
    );
    for (const hunk of patch?.hunks ?? []) {
      hunk.oldStart += headLines;
      hunk.newStart += headLines;
    }
  }
  if (patch === undefined) {
    return {
      kind: "too-large",
      text: `files differ (${oldLines} lines vs ${newLines}), diff too large to show (more than ${maxEditLength} changed lines)\n`,
      oldLines,
      newLines,
      maxEditLength,
    };
  }
  const text = formatPatch(patch, FILE_HEADERS_ONLY);
  return { kind: "patch", text, patch: text };
}

/**
 * A diff with every secret in its lines redacted (config-schema's one redaction), for printing and
 * returning as data: secrets never leave as plain text, not even in a diff. A patch that had to be
 * redacted says so (`redacted: true`): it shows what changes but must not be applied with `patch`.
 */
export function redactDiff(diff: UnifiedDiff): UnifiedDiff {
  if (diff.kind !== "patch") return diff;
  const spans = findSecretSpans(diff.patch);
  if (spans.length === 0) return diff;
  const patch = redactSecrets(diff.patch, spans);
  return {
    kind: "patch",
    text: diff.text === diff.patch ? patch : redactSecrets(diff.text),
    patch,
    redacted: true,
  };
}
