/**
 * Switchyard's glob, the one implementation of the schema's `pattern` (model-mappings routes), used by
 * consistency's rules and the generator: `*` matches any run of characters (also none), `?` exactly one
 * character — one Unicode code point, so `?` matches an emoji as it matches `a` — everything else
 * itself. Matching is anchored at both ends and compiled without regular expressions; it runs in
 * O(n·m) at worst (no backtracking beyond the last `*`), never exponential. LiteLLM's own wildcard
 * semantics (only `*`, anchored at the start only) are a different thing and live in the generator.
 */

/** One symbol of a glob: a literal character, `?` or `*`. */
type Symbol = string;

const STAR = "*";
const ONE = "?";

/** A compiled glob. */
export interface Glob {
  readonly source: string;
  /** The characters before the first wildcard. */
  readonly literalPrefix: string;
  /** The pattern split at `*`: the name must start with the first part, end with the last. */
  readonly parts: readonly (readonly Symbol[])[];
  /** Whether the pattern has any wildcard. */
  readonly isWildcard: boolean;
}

/** Compile a glob once, to match many names. */
export function compileGlob(source: string): Glob {
  const parts = source.split(STAR).map((part) => [...part]);
  const first = source.search(/[*?]/);
  return {
    source,
    literalPrefix: first < 0 ? source : source.slice(0, first),
    parts,
    isWildcard: first >= 0,
  };
}

/** Whether pattern symbol `p` matches subject symbol `s` (a subject is a name, or another glob). */
type SymbolMatch = (p: Symbol, s: Symbol) => boolean;

/** Matching a name: `?` matches any one character. */
const nameMatch: SymbolMatch = (p, s) => p === ONE || p === s;

/** Matching a glob as a subject: `?` matches a literal or a `?`, never a `*`; a literal only itself. */
const globMatch: SymbolMatch = (p, s) => (p === ONE ? s !== STAR : p === s);

function partMatchesAt(
  part: readonly Symbol[],
  subject: readonly Symbol[],
  at: number,
  match: SymbolMatch,
): boolean {
  if (at + part.length > subject.length) return false;
  for (let i = 0; i < part.length; i++) if (!match(part[i]!, subject[at + i]!)) return false;
  return true;
}

/**
 * Greedy anchored match: the first part at the start, the last at the end, each middle part at its
 * leftmost place after the previous one. Correct for any per-symbol match relation.
 */
function matchParts(
  parts: readonly (readonly Symbol[])[],
  subject: readonly Symbol[],
  match: SymbolMatch,
): boolean {
  const first = parts[0] ?? [];
  if (parts.length === 1) return first.length === subject.length && partMatchesAt(first, subject, 0, match);
  const last = parts[parts.length - 1] ?? [];
  if (first.length + last.length > subject.length) return false;
  if (!partMatchesAt(first, subject, 0, match)) return false;
  const end = subject.length - last.length;
  if (!partMatchesAt(last, subject, end, match)) return false;
  let position = first.length;
  for (let k = 1; k < parts.length - 1; k++) {
    const part = parts[k]!;
    let found = -1;
    for (let at = position; at + part.length <= end; at++) {
      if (partMatchesAt(part, subject, at, match)) {
        found = at;
        break;
      }
    }
    if (found < 0) return false;
    position = found + part.length;
  }
  return true;
}

/** Whether `name` matches the glob. */
export function globMatches(glob: Glob, name: string): boolean {
  if (!name.startsWith(glob.literalPrefix)) return false;
  return matchParts(glob.parts, [...name], nameMatch);
}

/**
 * Whether every name that `inner` matches is also matched by `outer` (so `outer`, tried first,
 * shadows `inner`). Sound but conservative: `true` is always right; a few exotic inclusions
 * are not recognised.
 */
export function globIncludes(outer: Glob, inner: Glob): boolean {
  return matchParts(outer.parts, [...inner.source], globMatch);
}

/**
 * An index of globs by literal prefix, so that finding the globs a name may match costs the
 * length of the name plus the candidates, not the number of globs.
 */
export class GlobIndex<T extends { readonly glob: Glob }> {
  readonly #root: TrieNode<T> = { children: new Map(), items: [] };

  constructor(items: Iterable<T>) {
    for (const item of items) {
      let node = this.#root;
      const prefix = item.glob.literalPrefix;
      for (let i = 0; i < prefix.length; i++) {
        const ch = prefix.charAt(i);
        let child = node.children.get(ch);
        if (!child) {
          child = { children: new Map(), items: [] };
          node.children.set(ch, child);
        }
        node = child;
      }
      node.items.push(item);
    }
  }

  /** Call `visit` for each item whose literal prefix is a prefix of `text` (no allocation). */
  forEachCandidate(text: string, visit: (item: T) => void): void {
    let node: TrieNode<T> | undefined = this.#root;
    for (let i = 0; node !== undefined; i++) {
      for (const item of node.items) visit(item);
      if (i >= text.length) break;
      node = node.children.get(text.charAt(i));
    }
  }

  /** The items whose literal prefix is a prefix of `text`, shortest prefix first. */
  candidates(text: string): T[] {
    const out: T[] = [];
    this.forEachCandidate(text, (item) => {
      out.push(item);
    });
    return out;
  }
}

interface TrieNode<T> {
  readonly children: Map<string, TrieNode<T>>;
  readonly items: T[];
}
