import { FAILSAFE_SCHEMA, load, type Schema, Type } from "js-yaml";
import { FORBIDDEN_KEYS } from "./forbidden-keys.js";
import { MAX_NESTING_DEPTH } from "./nesting-cap.js";
import {
  type PlainKey,
  type PlainNode,
  type PlainRepeats,
  readPlainData,
  readPlainLocated,
} from "./plain-reader.js";
import { isBlankOrComment } from "./syntax/lines.js";

/**
 * The fast tier of the loader. The `yaml` package builds a full document (every node with its source
 * range), which a config set needs only to *locate* a problem; building it costs 15–20× more than
 * reading the data (about 1.5 s against 70 ms for a 2,000-provider set on a small machine). So the
 * loader first reads the data with js-yaml under a schema that resolves plain scalars exactly as
 * the `yaml` package's YAML 1.2 core schema does, and builds the positioned document lazily, only
 * when a diagnostic needs a location.
 *
 * Its first step is the plain reader (plain-reader.ts), one pass over the lines of the plainest
 * files (which machine-sized ones are); what it declines goes to js-yaml as described here.
 *
 * The fast tier takes only plain files: anything that could read differently between the two
 * parsers, or that the strict tier reports on, goes to the strict tier — anchors and aliases, tags,
 * tabs, document markers, complex keys, directives, forbidden key names, and any js-yaml error
 * (duplicate keys included). A differential property test keeps the two tiers in agreement.
 */

let coreSchema: Schema | undefined;

/**
 * YAML 1.2 core scalars, resolved as the `yaml` package resolves them (no timestamps, no merge keys).
 * Built on first use: only large files take the fast tier, so most runs never need it.
 */
function coreSchemaOf(): Schema {
  if (coreSchema !== undefined) return coreSchema;
  const coreNull = new Type("tag:yaml.org,2002:null", {
    kind: "scalar",
    resolve: (data: string) => /^(?:~|[Nn]ull|NULL)?$/.test(data),
    construct: () => null,
  });
  const coreBool = new Type("tag:yaml.org,2002:bool", {
    kind: "scalar",
    resolve: (data: string) => /^(?:[Tt]rue|TRUE|[Ff]alse|FALSE)$/.test(data),
    construct: (data: string) => data[0] === "t" || data[0] === "T",
  });
  const coreInt = new Type("tag:yaml.org,2002:int", {
    kind: "scalar",
    resolve: (data: string) => /^(?:0o[0-7]+|[-+]?[0-9]+|0x[0-9a-fA-F]+)$/.test(data),
    construct: (data: string) =>
      data.startsWith("0o")
        ? Number.parseInt(data.slice(2), 8)
        : data.startsWith("0x")
          ? Number.parseInt(data.slice(2), 16)
          : Number.parseInt(data, 10),
  });
  const coreFloat = new Type("tag:yaml.org,2002:float", {
    kind: "scalar",
    resolve: (data: string) =>
      /^(?:[-+]?\.(?:inf|Inf|INF)|\.nan|\.NaN|\.NAN|[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)[eE][-+]?[0-9]+|[-+]?(?:\.[0-9]+|[0-9]+\.[0-9]*))$/.test(
        data,
      ),
    construct: (data: string) => {
      if (/nan$/i.test(data)) return Number.NaN;
      if (/inf$/i.test(data)) return data[0] === "-" ? Number.NEGATIVE_INFINITY : Number.POSITIVE_INFINITY;
      return Number.parseFloat(data);
    },
  });
  coreSchema = FAILSAFE_SCHEMA.extend({ implicit: [coreNull, coreBool, coreInt, coreFloat] });
  return coreSchema;
}

/**
 * Text the fast tier leaves to the strict one: tabs, anchors, aliases, tags, directives, document
 * markers, complex keys, forbidden key names and unusual line breaks. Conservative on purpose: a
 * false match only costs speed.
 */
let needsStrictTier: RegExp | undefined;
const needsStrictTierOf = (): RegExp =>
  (needsStrictTier ??= new RegExp(
    [
      "\\t", // tabs
      "(?:^|[\\s[{,])[&*!]", // anchors, aliases, tags
      "^%", // directives
      "^(?:---|\\.\\.\\.)(?:\\s|$)", // document markers
      "(?:^|\\s)\\?(?:\\s|$)", // complex keys
      "(?:^|[\\s{[,])(?:~|[Nn]ull|NULL)?:(?=[\\s,\\]}]|$)", // null or empty keys (js-yaml names them "null", yaml "")
      "[\"'\\]}]#", // a comment glued to a token, which the strict tier rejects
      "__proto__|constructor|prototype", // forbidden key names
      "\\r(?!\\n)|[\\u0085\\u2028\\u2029]", // unusual line breaks
      "^[ -]*[[{].*[\\]}][ ]*:(?:\\s|$)", // flow collections as keys
      "-[ ]+-(?:\\s|$)", // compact nested sequences ("- -"), read differently by the two parsers
      "^[ ]*-[ ]*$", // a bare "-" (an empty item, or one whose block starts below): js-yaml misnests some
      "-[,\\]}]", // "-" before a flow indicator, a block sequence inside a flow collection
      "^.{1025}", // long lines: the strict tier refuses an implicit key over 1,024 characters
    ].join("|"),
    "m",
  ));

/**
 * True when a flow collection (`[`, `{`) or a quoted scalar spans lines or is left open: the two
 * parsers disagree on several malformed forms of these, so such files take the strict tier.
 * A line break inside either answers true at once, so every line starts outside both: only lines
 * with a quote or an opening bracket need the character scan (a cold run interprets this loop).
 */
function hasMultilineConstruct(text: string): boolean {
  for (const line of text.matchAll(/^.*["'[{].*$/gm)) if (leavesOpen(line[0])) return true;
  return false;
}

/** Whether a quote or a flow collection opened on `line` is still open at its end. */
function leavesOpen(line: string): boolean {
  let depth = 0;
  let quote = "";
  for (let i = 0; i < line.length; i++) {
    const c = line[i];
    if (quote !== "") {
      if (quote === '"' && c === "\\") i++;
      else if (c === quote) {
        if (quote === "'" && line[i + 1] === "'") i++;
        else quote = "";
      }
      continue;
    }
    const before = i === 0 ? "\n" : line[i - 1]!;
    if (c === "#" && (before === " " || before === "\n")) break;
    if ((c === '"' || c === "'") && " \n[{,:-".includes(before)) quote = c;
    else if (c === "[" || c === "{") depth++;
    else if (c === "]" || c === "}") depth = Math.max(0, depth - 1);
  }
  return depth > 0 || quote !== "";
}

/** A line indented this far could hold content deeper than the strict tier reads. */
const NESTING_MARGIN = MAX_NESTING_DEPTH - 2;
const DEEP_INDENT = new RegExp(`^ {${NESTING_MARGIN},}`, "m");

/**
 * Whether the text could nest deeper than {@link MAX_NESTING_DEPTH} levels, which the strict tier
 * refuses (SY1001): such text is left to it, so that both tiers refuse the same files. A bound, not
 * a count: a line's content is at most its indentation plus two levels deep (`- key:` opens two),
 * plus one per bracket on it (the fast tier takes only one-line flow collections).
 */
function mayNestTooDeep(text: string): boolean {
  if (DEEP_INDENT.test(text)) return true;
  for (const line of text.matchAll(/^.*[[{].*$/gm)) {
    const content = line[0];
    let depth = content.length - content.trimStart().length;
    for (let i = 0; i < content.length && depth <= NESTING_MARGIN; i++) {
      const c = content.charCodeAt(i);
      if (c === 0x5b || c === 0x7b) depth++;
    }
    if (depth > NESTING_MARGIN) return true;
  }
  return false;
}

/**
 * Inputs below this size always take the strict tier. The fast tier pays off at every size that
 * matters, not only on machine-sized files: a CLI run executes both parsers cold (interpreted), where
 * js-yaml's single pass costs far less than building the positioned document, so validating
 * examples/config (four files of 1–4 KB) takes about 25 ms less CPU through the fast tier. Under
 * 1 KiB the difference is negligible, and tiny documents keep the strict tier's reports.
 */
export const FAST_TIER_MIN_LENGTH = 1024;

/** Data of a plain YAML file read by the fast tier, or `undefined` when the strict tier must read it. */
export function fastLoad(text: string): Record<string, unknown> | undefined {
  const read = fastRead(text);
  // Repeated and forbidden keys are the caller's to report (parseYaml does): not data alone.
  return read?.reported === undefined ? read?.data : undefined;
}

/** What the fast tier read. */
export interface FastRead {
  readonly data: Record<string, unknown>;
  /** Whether the plain reader read it (the plainest files, which machine-sized ones are). */
  readonly plain: boolean;
  /** Where each key and value is, when the plain reader read it with `located` (or met a repeated key). */
  readonly index?: PlainNode;
  /**
   * Keys the strict tier reports, which the plain reader reads so that a large file holding one is
   * not left to the strict tier (seconds): the block mappings with repeated keys (the last value
   * wins, as in the strict tier) and the forbidden keys (left out of the data, as the strict tier
   * does). The caller reports them.
   */
  readonly reported?: {
    readonly repeated: readonly PlainRepeats[];
    readonly forbidden: readonly PlainKey[];
  };
}

/**
 * The fast tier's reading of `text`; with `located`, the plain reader also records where each key
 * and value is while it reads (for a caller that will locate many things, such as the audit).
 */
export function fastRead(text: string, located = false): FastRead | undefined {
  if (mayNestTooDeep(text)) return undefined;
  // A data-only read stops at a repeated key; the located read reads on and says where each is.
  const plain = located ? "reported-keys" : readPlainData(text);
  if (plain === "reported-keys") {
    const read = readPlainLocated(text);
    if (read !== undefined)
      return {
        data: read.data,
        plain: true,
        index: read.index,
        ...(read.repeated.length > 0 || read.forbidden.length > 0
          ? { reported: { repeated: read.repeated, forbidden: read.forbidden } }
          : {}),
      };
  } else if (plain !== undefined) return { data: plain, plain: true };
  const data = jsYamlRead(text);
  return data === undefined ? undefined : { data, plain: false };
}

/** Where js-yaml stopped reading a text, and why. */
interface JsYamlFailure {
  /** Offset of the error (`undefined` when js-yaml does not say). */
  readonly offset: number | undefined;
  /** js-yaml's words for it (e.g. `bad indentation of a mapping entry`). */
  readonly reason: string;
}

/** js-yaml's reason for a repeated key: a repeated key is no syntax error. */
const REPEATED_KEY = "duplicated mapping key";

/**
 * Where js-yaml last stopped with an error, for the text it read (one entry: the loader asks about
 * the text it has just tried, see {@link jsYamlComplaints}).
 */
let lastFailure: (JsYamlFailure & { readonly text: string }) | undefined;

/**
 * js-yaml's reading of `text`, or where it stopped with an error. With `repeatedKeys: "allow"` a
 * repeated key overrides the one before it (js-yaml's `json` mode) instead of stopping the read.
 */
function jsYamlLoad(
  text: string,
  repeatedKeys: "refuse" | "allow" = "refuse",
): { data: unknown } | JsYamlFailure {
  try {
    return { data: load(text, { schema: coreSchemaOf(), json: repeatedKeys === "allow" }) };
  } catch (error) {
    const { mark, reason } = error as { mark?: { position?: unknown }; reason?: unknown };
    const failure = {
      offset: typeof mark?.position === "number" ? mark.position : undefined,
      reason: typeof reason === "string" ? reason : "",
    };
    if (repeatedKeys === "refuse") lastFailure = { text, ...failure };
    return failure;
  }
}

/** What js-yaml says of a text it does not read: see {@link jsYamlComplaints}. */
interface JsYamlComplaints {
  /** Its first syntax error, past any repeated keys. */
  readonly syntax?: { readonly offset: number; readonly reason: string };
  /** Where its first repeated key is, when the text has one before any syntax error. */
  readonly repeatedKeyAt?: number;
}

/**
 * What js-yaml (a reader that stops at its first error, linear) says of `text`: `undefined` when it
 * reads it or cannot say where it stops (js-yaml recurses per level of nesting, and stops with an
 * error past 100 levels, its `maxDepth`). A repeated key is not a syntax error: js-yaml reads on
 * past repeated keys to the first syntax error after them (a file of 150,000 repeated keys and then
 * 104,000 unclosed `{` was read whole by the strict tier, 2.3 s of CPU; fuzz seed 20261211 input
 * 9793). A hint for the strict tier, not a verdict: js-yaml refuses some text the `yaml` package
 * reads (unknown tags). Answered from the fast tier's own attempt when it just read the same text.
 */
export function jsYamlComplaints(text: string): JsYamlComplaints | undefined {
  const last = lastFailure;
  // Consumed once: the memo must not keep a large text alive.
  lastFailure = undefined;
  const first = last !== undefined && last.text === text ? last : jsYamlLoad(text);
  if ("data" in first || first.offset === undefined) return undefined;
  if (first.reason !== REPEATED_KEY) return { syntax: { offset: first.offset, reason: first.reason } };
  const read = jsYamlLoad(text, "allow");
  return {
    repeatedKeyAt: first.offset,
    ...("data" in read || read.offset === undefined
      ? {}
      : { syntax: { offset: read.offset, reason: read.reason } }),
  };
}

/** The js-yaml step of the fast tier, for what the plain reader declines. */
function jsYamlRead(text: string): Record<string, unknown> | undefined {
  if (needsStrictTierOf().test(text) || hasMultilineConstruct(text)) return undefined;
  const read = jsYamlLoad(text);
  if ("offset" in read) return undefined;
  const data = read.data;
  if (data === null || typeof data !== "object") return undefined;
  // The text search above cannot see a key spelt with escapes (`"\u005f_proto__"`): look at the
  // keys themselves, so that the strict tier reports every forbidden key (SY1007) as it would in a
  // small file.
  if (hasForbiddenKey(data)) return undefined;
  if (Array.isArray(data)) {
    lastList = text;
    return undefined;
  }
  return data as Record<string, unknown>;
}

/** The text js-yaml last read as a list at the top level (see {@link topLevelListSpan}). */
let lastList: string | undefined;

/**
 * Where the top-level block list is in a `text` the fast tier has just declined because it is one
 * (js-yaml read a list, with nothing only the strict tier reports: no anchor, tag, repeated or
 * forbidden key): the offsets the strict tier's document gives the list, from its first `-` to the
 * line break after its last line. `undefined` when the text is not such a list or its ends are not
 * plain (a comment indented after the last item, a block scalar, a carriage return): then the strict
 * tier reads it. A top-level list is always an error (SY1009), and a 150,000-item one took the strict
 * tier 1–1.2 s of CPU in every command (fuzz seed 20261212 inputs 2435, 35712, 46230 and 16357).
 */
export function topLevelListSpan(text: string): { readonly start: number; readonly end: number } | undefined {
  const listed = lastList === text;
  // Consumed once: the memo must not keep a large text alive.
  lastList = undefined;
  // A carriage return, or a `|` or `>` on a line that is not a comment (a block scalar may end the list).
  if (!listed || text.includes("\r") || /^[ \t]*[^#\s][^\n]*[|>]/m.test(text)) return undefined;
  let start = 0;
  for (;;) {
    const next = text.indexOf("\n", start);
    if (!isBlankOrComment(text.slice(start, next === -1 ? text.length : next))) break;
    if (next === -1) return undefined;
    start = next + 1;
  }
  while (text[start] === " ") start++;
  if (text[start] !== "-") return undefined;
  // Back over the blank lines and first-column comments after the list (a final line break does not
  // start another line).
  let end = text.length;
  let lineEnd = text.endsWith("\n") ? text.length - 1 : text.length;
  for (;;) {
    const lineStart = text.lastIndexOf("\n", lineEnd - 1) + 1;
    const line = text.slice(lineStart, lineEnd);
    // An indented comment after the list may be the list's or not (the strict tier's rule): only
    // blank lines and first-column comments are passed over.
    if (!line.startsWith("#") && line.trimStart().startsWith("#")) return undefined;
    if (!isBlankOrComment(line)) break;
    if (lineStart <= start) return undefined;
    end = lineStart;
    lineEnd = lineStart - 1;
  }
  return { start, end };
}

/** Whether any mapping in `data` has a key in {@link FORBIDDEN_KEYS}. Walks without recursion. */
function hasForbiddenKey(data: object): boolean {
  const stack: unknown[] = [data];
  while (stack.length > 0) {
    const value = stack.pop();
    if (value === null || typeof value !== "object") continue;
    if (Array.isArray(value)) {
      for (const item of value) stack.push(item);
      continue;
    }
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) return true;
      stack.push((value as Record<string, unknown>)[key]);
    }
  }
  return false;
}
