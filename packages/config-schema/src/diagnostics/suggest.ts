import { distance } from "fastest-levenshtein";

/**
 * The nearest candidate to `name` by edit distance, or `undefined` when none is close enough.
 *
 * Uses TypeScript's `getSpellingSuggestion` thresholds: a candidate must be within
 * `max(2, floor(length × 0.34))` edits and its length within a third of the name's; a
 * case-insensitive exact match always wins. Pass only the names that are valid at that place.
 */
export function suggestName(name: string, candidates: Iterable<string>): string | undefined {
  const maximum = Math.max(2, Math.floor(name.length * 0.34));
  const lower = name.toLowerCase();
  let best: string | undefined;
  let bestDistance = maximum + 1;
  for (const candidate of candidates) {
    if (candidate === name) continue;
    if (candidate.toLowerCase() === lower) return candidate;
    if (Math.abs(candidate.length - name.length) > Math.max(maximum, Math.ceil(name.length / 3))) continue;
    if (candidate.length < 3 && lower !== candidate.toLowerCase()) continue;
    const d = distance(lower, candidate.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && candidate < best)) {
      best = candidate;
      bestDistance = d;
    }
  }
  return bestDistance <= maximum ? best : undefined;
}

/** The "did you mean" sentence for a suggestion, or an empty string. */
export function didYouMean(suggestion: string | undefined): string {
  return suggestion === undefined ? "" : ` — did you mean '${suggestion}'?`;
}
