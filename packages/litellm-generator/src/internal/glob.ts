/** Escape a string for use inside a regular expression. */
function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** Switchyard's glob semantics: `*` any run of characters, `?` one character, the whole name. */
export function globMatches(pattern: string, name: string): boolean {
  const source = pattern
    .split("")
    .map((c) => (c === "*" ? ".*" : c === "?" ? "." : escapeRegExp(c)))
    .join("");
  return new RegExp(`^${source}$`, "s").test(name);
}

/**
 * LiteLLM's wildcard semantics: only `*` is special (any run of characters), and the match is
 * anchored at the start of the requested name but not at its end.
 */
export function litellmWildcardMatches(pattern: string, name: string): boolean {
  const source = pattern.split("*").map(escapeRegExp).join(".*");
  return new RegExp(`^${source}`, "s").test(name);
}

/**
 * Whether some model name matches both wildcard patterns under LiteLLM's semantics. As every
 * pattern behaves as if it ended in `*`, two patterns overlap exactly when the literal text before
 * the first `*` of one is a prefix of the other's.
 */
export function wildcardsOverlap(a: string, b: string): boolean {
  const prefixA = a.split("*")[0]!;
  const prefixB = b.split("*")[0]!;
  return prefixA.startsWith(prefixB) || prefixB.startsWith(prefixA);
}
