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
