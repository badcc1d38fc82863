/**
 * `@switchyard/config-schema/text`: small text helpers: `plural`, `sha256`, and the unified diff with
 * secrets redacted.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export { sha256 } from "../text/hash.js";
export { plural } from "../text/plural.js";
export type { UnifiedDiff, UnifiedDiffOptions } from "../text/unified-diff.js";
export { DEFAULT_MAX_DIFF_EDITS, redactDiff, unifiedDiff } from "../text/unified-diff.js";
