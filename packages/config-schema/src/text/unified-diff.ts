import { FILE_HEADERS_ONLY, formatPatch, structuredPatch } from "diff";

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
  | { readonly kind: "patch"; readonly text: string; readonly patch: string }
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
  const patch =
    Math.abs(oldLines - newLines) > maxEditLength
      ? undefined
      : structuredPatch(
          options.oldLabel ?? "a",
          options.newLabel ?? "b",
          oldText,
          newText,
          undefined,
          undefined,
          { context: options.context ?? 3, maxEditLength },
        );
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
