/**
 * "— did you mean 'x'?" for usage errors. The edit-distance code lives in config-schema (with its
 * dependency); it is imported only when a usage error needs a suggestion, so a start that parses
 * its arguments cleanly loads no library.
 */
export async function didYouMeanAmong(name: string, candidates: Iterable<string>): Promise<string> {
  const { didYouMean, suggestName } = await import("./suggest-impl.js");
  return didYouMean(suggestName(name, candidates));
}
