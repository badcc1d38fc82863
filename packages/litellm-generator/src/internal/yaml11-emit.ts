import { Document } from "yaml";

/**
 * A direct YAML emitter for plain JSON-like data, producing exactly the text the `yaml` package's
 * `Document#toString` produces for the same data with `compat: "yaml-1.1"` and `lineWidth: 0`
 * (block collections, two-space indent, sequences indented under their key). It ports the `yaml`
 * package's scalar quoting decisions for single-line strings and declines (returns `undefined`)
 * on anything it does not reproduce exactly — multi-line strings, strings starting with a document
 * marker, overlong keys, non-finite numbers, bigints, `undefined` array items, class instances,
 * non-object roots — so the caller can fall back to the `Document` round trip.
 */

/** Marks a value the direct emitter does not reproduce exactly. */
class Unsupported extends Error {}

/**
 * The resolvers of the schema the `yaml` package stringifies against (YAML 1.2 core tags plus the
 * YAML 1.1 compat tags): a string matching any of them is quoted instead of written plain. Taken
 * from the package itself so the two stay in step.
 */
const PLAIN_RESOLVERS: readonly RegExp[] = (() => {
  const { schema } = new Document(null, { compat: "yaml-1.1" });
  const tests: RegExp[] = [];
  for (const tag of [...schema.tags, ...(schema.compat ?? [])]) {
    const test: unknown = "test" in tag ? tag.test : undefined;
    if (tag.default && tag.tag !== "tag:yaml.org,2002:str" && test instanceof RegExp) tests.push(test);
  }
  return tests;
})();

/** Characters that force double quotes in the `yaml` package: controls and unpaired surrogates. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: the yaml package's own test, ported as is
const FORCE_DOUBLE = /[\x00-\x08\x0b-\x1f\x7f-\x9f\u{D800}-\u{DFFF}]/u;
/** Single-line strings the `yaml` package will not write plain (its `plainString` indicator test). */
const PLAIN_INDICATORS = /^[\n\t ,[\]{}#&*!|>'"%@`]|^[?-]$|^[?-][ \t]|[\n:][ \t]|[ \t]\n|[\n\t ]#|[\n\t :]$/;
/** A document marker at the start, for which the `yaml` package may switch to a block scalar. */
const DOCUMENT_MARKER = /^(?:---|\.\.\.)/;
/** The longest key the `yaml` package writes as an implicit (`key: value`) key. */
const MAX_IMPLICIT_KEY_LENGTH = 1024;

/** The `yaml` package's double-quoted form of a single-line string (its `doubleQuotedString`). */
function doubleQuoted(value: string): string {
  const json = JSON.stringify(value);
  if (!json.includes("\\u")) return json;
  let out = "";
  let start = 0;
  for (let i = 0; i < json.length; i++) {
    if (json[i] !== "\\") continue;
    if (json[i + 1] !== "u") {
      i += 1;
      continue;
    }
    out += json.slice(start, i);
    const code = json.substr(i + 2, 4);
    if (code === "0000") out += "\\0";
    else if (code === "0007") out += "\\a";
    else if (code === "000b") out += "\\v";
    else if (code === "001b") out += "\\e";
    else if (code.startsWith("00")) out += `\\x${code.slice(2)}`;
    else out += json.substr(i, 6);
    i += 5;
    start = i + 1;
  }
  return out + json.slice(start);
}

/** The `yaml` package's choice between single and double quotes (its `quotedString`). */
function quoted(value: string): string {
  const hasDouble = value.includes('"');
  const hasSingle = value.includes("'");
  return hasDouble && !hasSingle ? `'${value.replace(/'/g, "''")}'` : doubleQuoted(value);
}

/**
 * How a PyYAML-safe emitter adjusts strings: `forceDouble` tells which strings must be
 * double-quoted, `escapeDoubleQuoted` rewrites the inside of a double-quoted scalar.
 */
export interface StringPolicy {
  forceDouble(value: string): boolean;
  escapeDoubleQuoted(text: string): string;
}

/** The scalar text of a single-line string, key or value alike. */
function stringScalar(value: string, policy: StringPolicy): string {
  if (value.includes("\n") || DOCUMENT_MARKER.test(value)) throw new Unsupported();
  if (policy.forceDouble(value) || FORCE_DOUBLE.test(value)) {
    return policy.escapeDoubleQuoted(doubleQuoted(value));
  }
  if (PLAIN_INDICATORS.test(value) || PLAIN_RESOLVERS.some((re) => re.test(value))) return quoted(value);
  return value;
}

class Emitter {
  /**
   * The text of each mapping key, memoised: a few dozen keys repeat on every deployment. Values are
   * not memoised: most are unique (model names, ids), and a memo of 200,000 models' values was a
   * map of millions of strings kept alive to the end — its lookups and the garbage collection it
   * caused grew faster than the input (31× the time of the 20k set's on 10× the models).
   */
  private readonly keys = new Map<string, string>();
  private out = "";

  constructor(private readonly policy: StringPolicy) {}

  private key(value: string): string {
    let text = this.keys.get(value);
    if (text === undefined) {
      text = stringScalar(value, this.policy);
      this.keys.set(value, text);
    }
    return text;
  }

  /** The inline text of a scalar or empty collection, or `undefined` for a block collection. */
  inline(value: unknown): string | undefined {
    switch (typeof value) {
      case "string":
        return stringScalar(value, this.policy);
      case "number":
        if (!Number.isFinite(value)) throw new Unsupported();
        return Object.is(value, -0) ? "-0" : JSON.stringify(value);
      case "boolean":
        return value ? "true" : "false";
      case "object":
        if (value === null) return "null";
        if (Array.isArray(value)) return value.length === 0 ? "[]" : undefined;
        if (!isPlainObject(value)) throw new Unsupported();
        return hasEntries(value) ? undefined : "{}";
      default:
        throw new Unsupported();
    }
  }

  /** A block mapping; its first line goes after `firstPrefix`, the others after `indent`. */
  map(value: Record<string, unknown>, firstPrefix: string, indent: string): void {
    let prefix = firstPrefix;
    for (const key of Object.keys(value)) {
      const item = value[key];
      if (item === undefined) continue;
      const keyText = this.key(key);
      if (keyText.length > MAX_IMPLICIT_KEY_LENGTH) throw new Unsupported();
      const text = this.inline(item);
      if (text !== undefined) {
        this.out += `${prefix}${keyText}: ${text}\n`;
      } else {
        this.out += `${prefix}${keyText}:\n`;
        const inner = `${indent}  `;
        this.block(item, inner, inner);
      }
      prefix = indent;
    }
  }

  /** A block sequence; its first line goes after `firstPrefix`, the others after `indent`. */
  seq(value: readonly unknown[], firstPrefix: string, indent: string): void {
    let prefix = firstPrefix;
    for (const item of value) {
      if (item === undefined) throw new Unsupported();
      const text = this.inline(item);
      if (text !== undefined) this.out += `${prefix}- ${text}\n`;
      else this.block(item, `${prefix}- `, `${indent}  `);
      prefix = indent;
    }
  }

  /** A non-empty block collection. */
  block(value: unknown, firstPrefix: string, indent: string): void {
    if (Array.isArray(value)) this.seq(value, firstPrefix, indent);
    else this.map(value as Record<string, unknown>, firstPrefix, indent);
  }

  text(): string {
    return this.out;
  }
}

function isPlainObject(value: object): boolean {
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasEntries(value: object): boolean {
  for (const key in value) {
    if (Object.hasOwn(value, key) && (value as Record<string, unknown>)[key] !== undefined) return true;
  }
  return false;
}

/**
 * The YAML text of `data` (a plain object or array of JSON-like values), identical to what the
 * `yaml` package's `Document#toString` writes with `compat: "yaml-1.1"`, `lineWidth: 0`, and
 * double quotes wherever `policy.forceDouble` asks; `undefined` when the data holds something this
 * emitter does not reproduce exactly.
 */
export function emitBlockYaml(data: unknown, policy: StringPolicy): string | undefined {
  if (data === null || typeof data !== "object") return undefined;
  const emitter = new Emitter(policy);
  try {
    const inline = emitter.inline(data);
    if (inline !== undefined) return `${inline}\n`;
    emitter.block(data, "", "");
  } catch (error) {
    if (error instanceof Unsupported) return undefined;
    throw error;
  }
  return emitter.text();
}
