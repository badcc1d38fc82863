/**
 * Synthetic config sets of any size, for the benchmarks and for tests (not published).
 */
export type { SyntheticConfigSize, SyntheticConfigTexts } from "./config-texts.js";
export { syntheticConfigTexts } from "./config-texts.js";
export { syntheticLegacySet } from "./legacy-set.js";
