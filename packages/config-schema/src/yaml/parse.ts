import {
  type Alias,
  Composer,
  type Document,
  type DocumentOptions,
  isAlias,
  isCollection,
  isMap,
  isNode,
  isPair,
  isScalar,
  isSeq,
  LineCounter,
  type Node,
  type ParseOptions,
  type SchemaOptions,
  visit,
  type YAMLError,
  type YAMLMap,
  YAMLParseError,
} from "yaml";
import { capDiagnosticsPerFile, MAX_DIAGNOSTICS_PER_FILE, uncountedSummary } from "../diagnostics/cap.js";
import type { Diagnostic, SourceRange, YamlPath } from "../diagnostics/diagnostic.js";
import { type SchemaCode, schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { DEFAULT_MAX_BYTES } from "../fs/read-file.js";
import { redactSecrets } from "../secrets/redact.js";
import { decodeUtf8, nulCharacterDiagnostic } from "./decode.js";
import { errorCutDiagnostics, readUpToFirstErrors } from "./error-cut.js";
import { FAST_TIER_MIN_LENGTH, type FastRead, fastRead, topLevelListSpan } from "./fast-load.js";
import { FORBIDDEN_KEYS } from "./forbidden-keys.js";
import { MAX_NESTING_DEPTH, NESTING_TOO_DEEP, readTokens } from "./nesting-cap.js";
import { lookupPlainPath, type PlainNode, readPlainLocated } from "./plain-reader.js";
import { lookupPath, nodeRange, rangeFromOffsets } from "./positions.js";
import { EXPLAIN_MAX_ERRORS, EXPLAIN_MAX_LENGTH, explainSyntaxErrors } from "./syntax/explain.js";
import { bomsAfterIndentation, mixedLineEndings, strayByteOrderMark } from "./syntax/lexical.js";
import { findSyntaxCut, syntaxCutDiagnostic } from "./syntax-cap.js";

export { DEFAULT_MAX_BYTES } from "../fs/read-file.js";
export { FORBIDDEN_KEYS };
/** Default cap on alias expansion (yaml's own measure of alias fan-out). */
export const DEFAULT_MAX_ALIAS_COUNT = 100;

/** Options of {@link parseYaml}. */
/**
 * When a large plain file's positions are read: `when-needed` (default) on the first `rangeOf`, so a
 * clean run never pays for them; `while-reading` in the same pass as the data, for a caller that
 * locates many findings (the audit).
 */
export type Positions = "when-needed" | "while-reading";

export interface ParseYamlOptions {
  /** The file name diagnostics report. */
  readonly file: string;
  /** When the positions of a large plain file are read (see {@link Positions}). */
  readonly positions?: Positions;
  /** Refuse input larger than this many bytes (default 16 MiB). */
  readonly maxBytes?: number;
  /** Refuse documents whose aliases expand more than this (default 100). */
  readonly maxAliasCount?: number;
  /**
   * The data the text is known to read as — the data a generator has just emitted as this text —
   * so that it is not read again: positions are built from the text only when a diagnostic needs
   * one. The caller vouches for the equivalence (the emitter's round-trip tests do).
   */
  readonly data?: Record<string, unknown>;
}

/** A parsed YAML file that remembers where every node came from. */
export interface YamlSource {
  readonly file: string;
  /** The decoded text ("" when the bytes could not be decoded); a byte-order mark is dropped. */
  readonly text: string;
  /** The parsed document, when the text could be parsed at all. */
  readonly document: Document.Parsed | undefined;
  readonly lineCounter: LineCounter;
  /**
   * The plain data: objects without any forbidden key, `undefined` when the document has fatal
   * errors (syntax errors, alias limit) so that no half-read data is ever validated as if whole.
   */
  readonly data: unknown;
  /** Problems found while reading and parsing. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The range of the node at `path`: its key (`part: "key"`), its value (default; the key when the
   * value is empty), or, for a path that does not exist, the key of the deepest entry that does.
   */
  rangeOf(path: YamlPath, part?: "key" | "value"): SourceRange | undefined;
  /**
   * True when `rangeOf` answers from an index of the text (large plain files read by the fast tier)
   * without building `document`: callers that locate many nodes should then use `rangeOf`.
   */
  readonly indexed: boolean;
}

const START: SourceRange = {
  start: { line: 1, column: 1, offset: 0 },
  end: { line: 1, column: 1, offset: 0 },
};

const yamlErrorCodes: Record<string, { code: SchemaCode; message?: string; hint: string }> = {
  DUPLICATE_KEY: {
    code: "SY1002",
    message: "Duplicate key",
    hint: "Remove or rename one of the two entries; YAML maps need unique keys.",
  },
  TAB_AS_INDENT: { code: "SY1003", hint: "Indent with spaces; YAML does not allow tabs for indentation." },
  [NESTING_TOO_DEEP]: {
    code: "SY1001",
    hint: "Flatten the structure: config files never need more than a few levels. A file nested this deeply is often not the file that was meant.",
  },
  MULTIPLE_DOCS: {
    code: "SY1008",
    message: "The file holds more than one YAML document",
    hint: "Keep one YAML document per file: remove the `---` separator and what follows.",
  },
};

/** The key node of the map entry whose key starts at `offset`, if any. */
function keyStartingAt(document: Document.Parsed, offset: number): Node | undefined {
  let found: Node | undefined;
  visit(document, {
    Pair(_, pair) {
      if (isNode(pair.key) && pair.key.range?.[0] === offset) {
        found = pair.key;
        return visit.BREAK;
      }
      return undefined;
    },
  });
  return found;
}

function yamlIssueToDiagnostic(
  document: Document.Parsed,
  lineCounter: LineCounter,
  file: string,
  error: YAMLError,
  severity: "error" | "warning",
  textLength: number,
): Diagnostic {
  const mapped = yamlErrorCodes[error.code];
  // The parser can point one past the end of the text (an unclosed flow collection after a CRLF).
  const start = Math.min(error.pos[0], textLength);
  const end = Math.min(error.pos[1], textLength);
  // The parser's own messages quote the source ("Unexpected scalar token in YAML stream: \"…\""):
  // a quoted literal key must not leave as plain text (found by the fuzzer, seed 20261205-98).
  let message =
    mapped?.message ??
    redactSecrets(error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, ""));
  let range = rangeFromOffsets(lineCounter, start, Math.min(Math.max(end, start + 1), textLength));
  if (error.code === "DUPLICATE_KEY") {
    const key = keyStartingAt(document, start);
    if (isScalar(key) && key.range) {
      message = `Duplicate key '${String(key.value)}'`;
      range = rangeFromOffsets(lineCounter, key.range[0], key.range[1]);
    }
  }
  return {
    code: mapped?.code ?? (severity === "error" ? "SY1001" : "SY1042"),
    severity,
    message,
    file,
    range,
    hint:
      mapped?.hint ??
      "Fix the YAML syntax at this position; quote values that contain `: ` or start with a special character.",
  };
}

/**
 * Deep-copy parsed data, dropping forbidden keys, into plain objects. Keys are defined, never
 * assigned, so not even a key that slipped through could reach a prototype.
 */
function sanitize(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sanitize);
  if (value !== null && typeof value === "object") {
    if (value instanceof Date) return value;
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value)) {
      if (FORBIDDEN_KEYS.has(key)) continue;
      Object.defineProperty(out, key, {
        value: sanitize((value as Record<string, unknown>)[key]),
        enumerable: true,
        writable: true,
        configurable: true,
      });
    }
    return out;
  }
  return value;
}

function lineCounterOf(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = text.indexOf("\n"); i !== -1; i = text.indexOf("\n", i + 1)) lc.addNewLine(i + 1);
  return lc;
}

function isEmptyScalar(node: Node): boolean {
  return isScalar(node) && node.value === null && node.range != null && node.range[0] === node.range[1];
}

function makeSource(
  file: string,
  text: string,
  documentOrParse: Document.Parsed | (() => Document.Parsed) | undefined,
  lineCounter: LineCounter,
  data: unknown,
  diagnostics: Diagnostic[],
  plain?: PlainNode | (() => PlainNode | undefined),
): YamlSource {
  // A document passed as a function is built on first use (see fast-load.ts); until then, and
  // whenever it can, the positions the plain reader recorded answer rangeOf (see plain-reader.ts).
  let built = typeof documentOrParse === "function" ? undefined : documentOrParse;
  const documentOf = () => {
    if (built === undefined && typeof documentOrParse === "function") built = documentOrParse();
    return built;
  };
  let index: PlainNode | null | undefined = typeof plain === "function" ? undefined : (plain ?? null);
  const plainIndex = () => {
    if (index === undefined) index = (plain as () => PlainNode | undefined)() ?? null;
    return index;
  };
  const range = (start: number, end: number) => rangeFromOffsets(lineCounter, start, end);
  return {
    file,
    text,
    get document() {
      return documentOf();
    },
    lineCounter,
    data,
    // A broken file can have hundreds of thousands of problems (a line of `]` each): list the first.
    diagnostics:
      diagnostics.length > MAX_DIAGNOSTICS_PER_FILE ? capDiagnosticsPerFile(diagnostics) : diagnostics,
    get indexed() {
      return plainIndex() !== null;
    },
    rangeOf(path, part = "value") {
      const index = plainIndex();
      if (index !== null) {
        const found = lookupPlainPath(index, path);
        if (found.value) {
          const node = found.key && (part === "key" || found.value.empty) ? found.key : found.value;
          return range(node.start, node.end);
        }
        if (found.depth > 0) {
          const parent = lookupPlainPath(index, path.slice(0, found.depth));
          const node = parent.key ?? parent.value;
          if (node) return range(node.start, node.end);
        }
        return range(found.deepest.start, found.deepest.end);
      }
      const document = documentOf();
      if (!document) return undefined;
      const found = lookupPath(document.contents as Node | null, path);
      if (found.value) {
        const node = found.key && (part === "key" || isEmptyScalar(found.value)) ? found.key : found.value;
        return nodeRange(lineCounter, node);
      }
      if (found.depth > 0) {
        const parent = lookupPath(document.contents as Node | null, path.slice(0, found.depth));
        const node = parent.key ?? parent.value;
        if (node) return nodeRange(lineCounter, node);
      }
      return found.deepest ? nodeRange(lineCounter, found.deepest) : undefined;
    },
  };
}

/**
 * A source with no document and no data, for input that could not be read or decoded. Its
 * `diagnostics` are the ones given.
 */
export function sourceWithoutDocument(file: string, text: string, diagnostics: Diagnostic[]): YamlSource {
  return makeSource(file, text, undefined, lineCounterOf(text), undefined, diagnostics);
}

/** The SY1006 diagnostic for input over the size cap (`size` undefined when only known to be larger). */
export function fileTooLargeDiagnostic(file: string, size: number | undefined, maxBytes: number): Diagnostic {
  return schemaDiagnostic("SY1006", {
    message:
      size === undefined
        ? `File is larger than the ${maxBytes}-byte limit`
        : `File is ${size} bytes, over the ${maxBytes}-byte limit`,
    file,
    range: START,
    hint: "Check the path; split the file, or raise the limit with `--max-file-size` if it really needs to be this large.",
  });
}

interface AliasProblem {
  readonly alias: Alias;
  readonly kind: "unresolved" | "cyclic";
}

/**
 * How many more duplicate-key diagnostics a file gets; the rest are only counted (into one SY1019
 * summary): 150,000 repeated keys made 150,000 located diagnostics, of which 1,000 are shown.
 */
interface DuplicateBudget {
  left: number;
  uncounted: number;
  /** The first one only counted: where the summary points, as a summary of the cap does. */
  firstUncounted?: Diagnostic | undefined;
}

/** A key written again in one map: its text, whether it repeats the map's first key, both ranges. */
interface Repeat {
  readonly name: string;
  readonly ofFirstKey: boolean;
  /** The repeat's range and the first one's (made only for a diagnostic that is made). */
  readonly ranges: () => readonly [SourceRange | undefined, SourceRange | undefined];
}

/**
 * The diagnostics of one map's repeated keys (YAML requires unique keys), located at the later
 * one, within the file's budget. One reporting for both tiers: the strict tier finds repeats in the
 * document, the plain reader while it reads.
 */
function reportRepeats(
  repeats: readonly Repeat[],
  file: string,
  inList: boolean,
  budget: DuplicateBudget,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  let countedHere = 0;
  const firstUncountedBefore = budget.firstUncounted;
  /** Add one diagnostic made by `make` (made only when it is shown or is the first one counted). */
  const add = (make: () => Diagnostic): void => {
    if (budget.left > 0) {
      budget.left--;
      out.push(make());
    } else {
      budget.uncounted++;
      countedHere++;
      budget.firstUncounted ??= make();
    }
  };
  for (const repeat of repeats) {
    if (inList && repeat.ofFirstKey) {
      // A list item's first key again: the next item, written without its `- `. The keys after
      // it repeat too; they are the same slip, so this is the only diagnostic (the map's others
      // are given back to the budget).
      budget.left += out.length;
      budget.uncounted -= countedHere;
      budget.firstUncounted = firstUncountedBefore;
      out.length = 0;
      add(() => {
        const [range, firstRange] = repeat.ranges();
        return missingDash(repeat.name, file, range, firstRange);
      });
      return out;
    }
    add(() => {
      const [range, firstRange] = repeat.ranges();
      return schemaDiagnostic("SY1002", {
        message: `Duplicate key '${repeat.name}'`,
        file,
        ...(range ? { range } : {}),
        hint: "Remove or rename one of the two entries; YAML maps need unique keys.",
        related: [{ message: "first defined here", file, ...(firstRange ? { range: firstRange } : {}) }],
      });
    });
  }
  return out;
}

/** Keys that appear twice in one map of a document (see {@link reportRepeats}). */
function duplicateKeys(
  map: YAMLMap,
  lineCounter: LineCounter,
  file: string,
  inList: boolean,
  budget: DuplicateBudget,
): Diagnostic[] {
  const seen = new Map<string, Node>();
  const firstKey = map.items[0]?.key;
  let repeats: Repeat[] | undefined;
  for (const pair of map.items) {
    const key = pair.key;
    if (!isScalar(key)) continue;
    const id = `${typeof key.value}:${String(key.value)}`;
    const first = seen.get(id);
    if (first === undefined) {
      seen.set(id, key);
      continue;
    }
    repeats ??= [];
    repeats.push({
      name: String(key.value),
      ofFirstKey: first === firstKey,
      ranges: () => [nodeRange(lineCounter, key), nodeRange(lineCounter, first)],
    });
  }
  return repeats === undefined ? [] : reportRepeats(repeats, file, inList, budget);
}

/** SY1007: a key that could alter objects (`__proto__`, `constructor`, `prototype`). */
function forbiddenKeyDiagnostic(name: string, file: string, range: SourceRange | undefined): Diagnostic {
  return schemaDiagnostic("SY1007", {
    message: `Key '${name}' is not allowed`,
    file,
    ...(range ? { range } : {}),
    hint: "Rename the key: `__proto__`, `constructor` and `prototype` are refused so they can never alter objects.",
  });
}

/**
 * The diagnostics of the keys the plain reader met that the strict tier reports (repeated and
 * forbidden keys), as and in the order the strict tier reports them: its walk visits a mapping
 * (its repeats) before its entries (a forbidden key), depth first, so by position, a mapping's
 * repeats before a forbidden key where both start.
 */
function plainReportedDiagnostics(
  reported: NonNullable<FastRead["reported"]>,
  lineCounter: LineCounter,
  file: string,
): Diagnostic[] {
  const budget: DuplicateBudget = { left: MAX_DIAGNOSTICS_PER_FILE, uncounted: 0 };
  const range = (start: number, end: number) => rangeFromOffsets(lineCounter, start, end);
  const found: { at: number; rank: number; diagnostics: Diagnostic[] }[] = [];
  // Mappings by where they start: the budget of repeats is spent in the strict tier's order.
  for (const map of reported.repeated) {
    const repeats = map.repeats.map(
      (r): Repeat => ({
        name: r.name,
        ofFirstKey: r.ofFirstKey,
        ranges: () => [range(r.start, r.end), range(r.firstStart, r.firstEnd)],
      }),
    );
    found.push({ at: map.start, rank: 0, diagnostics: reportRepeats(repeats, file, map.inList, budget) });
  }
  for (const key of reported.forbidden)
    found.push({
      at: key.start,
      rank: 1,
      diagnostics: [forbiddenKeyDiagnostic(key.name, file, range(key.start, key.end))],
    });
  found.sort((a, b) => a.at - b.at || a.rank - b.rank);
  const diagnostics: Diagnostic[] = [];
  for (const item of found) for (const diagnostic of item.diagnostics) diagnostics.push(diagnostic);
  if (budget.firstUncounted !== undefined)
    diagnostics.push(
      uncountedSummary(file, { error: budget.uncounted, warning: 0, info: 0 }, budget.firstUncounted),
    );
  return diagnostics;
}

/** SY1024: a list item's first key repeated in the same item, where a `- ` should start the next. */
function missingDash(
  name: string,
  file: string,
  range: SourceRange | undefined,
  firstRange: SourceRange | undefined,
): Diagnostic {
  return schemaDiagnostic("SY1024", {
    message: `\`${name}\` appears twice in one list item: is the \`- \` that starts the next item missing?`,
    file,
    ...(range ? { range } : {}),
    hint: `Start the next item with \`- ${name}: …\`.`,
    related: [{ message: "the item starts here", file, ...(firstRange ? { range: firstRange } : {}) }],
  });
}

/** A double-quoted scalar whose last `"` is escaped by a `\\` (`"C:\\dir\\"`): it never ends. */
function escapedClosingQuote(source: string): boolean {
  if (!source.endsWith('\\"')) return false;
  let backslashes = 0;
  for (let i = source.length - 2; i >= 1 && source[i] === "\\"; i--) backslashes++;
  return backslashes % 2 === 1;
}

/** Forbidden keys, collection keys and aliases that point nowhere or into themselves. */
function checkNodes(document: Document.Parsed, lineCounter: LineCounter, file: string, text: string) {
  const diagnostics: Diagnostic[] = [];
  const aliasProblems: AliasProblem[] = [];
  const anchors = new Map<string, Node>();
  const budget: DuplicateBudget = { left: MAX_DIAGNOSTICS_PER_FILE, uncounted: 0 };
  let firstAlias: Alias | undefined;
  visit(document, (_, node, path) => {
    if (isAlias(node)) {
      firstAlias ??= node;
      const target = anchors.get(node.source);
      if (target === undefined) aliasProblems.push({ alias: node, kind: "unresolved" });
      else if (path.includes(target)) aliasProblems.push({ alias: node, kind: "cyclic" });
      return;
    }
    if (isNode(node)) {
      if (node.anchor) anchors.set(node.anchor, node);
      if (isMap(node))
        for (const item of duplicateKeys(node, lineCounter, file, isSeq(path[path.length - 1]), budget))
          diagnostics.push(item);
      if (
        isScalar(node) &&
        node.type === "QUOTE_DOUBLE" &&
        node.range &&
        escapedClosingQuote(text.slice(node.range[0], node.range[1]))
      ) {
        const end = node.range[1];
        diagnostics.push(
          schemaDiagnostic("SY1014", {
            message: 'The `\\` before the closing `"` escapes it, so the string never ends',
            file,
            range: rangeFromOffsets(lineCounter, end - 2, end),
            hint: "Write `\\\\` for a backslash at the end of a double-quoted string, or use single quotes, where `\\` is an ordinary character.",
          }),
        );
      }
      return;
    }
    if (!isPair(node)) return;
    const key = node.key;
    if (isScalar(key) && typeof key.value === "string" && FORBIDDEN_KEYS.has(key.value)) {
      diagnostics.push(forbiddenKeyDiagnostic(key.value, file, nodeRange(lineCounter, key)));
    } else if (isCollection(key)) {
      const range = nodeRange(lineCounter, key);
      diagnostics.push(
        schemaDiagnostic("SY1001", {
          message: "A key is a list or mapping; config keys must be plain names",
          file,
          ...(range ? { range } : {}),
          hint: "Write the key as a plain name; remove the `?` complex-key indicator or the brackets around it.",
        }),
      );
    }
  });
  for (const { alias, kind } of aliasProblems) {
    const range = nodeRange(lineCounter, alias);
    diagnostics.push({
      code: kind === "cyclic" ? "SY1004" : "SY1001",
      severity: "error",
      message:
        kind === "cyclic"
          ? `Alias *${alias.source} refers to a node that contains it (an endless cycle)`
          : `Alias *${alias.source} has no anchor &${alias.source} before it`,
      file,
      ...(range ? { range } : {}),
      hint:
        kind === "cyclic"
          ? "Write the value out instead of referring to the node the alias sits in."
          : /^[*\s]*$/.test(alias.source)
            ? `If \`*${alias.source}\` is text (a masked value), quote it: '*${alias.source}'.`
            : `Define \`&${alias.source}\` on a value above this line, or write the value out; if \`*${alias.source}\` is text, quote it.`,
    });
  }
  if (budget.firstUncounted !== undefined)
    diagnostics.push(
      uncountedSummary(file, { error: budget.uncounted, warning: 0, info: 0 }, budget.firstUncounted),
    );
  return { diagnostics, firstAlias };
}

/** The SY1009 of a file whose top level is a list or a single value instead of a mapping. */
function notAMapping(file: string, list: boolean, range: SourceRange | undefined): Diagnostic {
  return schemaDiagnostic("SY1009", {
    message: `The top level of a config file must be a mapping of keys to values, not ${list ? "a list" : "a single value"}`,
    file,
    ...(range ? { range } : {}),
    hint: 'Start the file with `schema_version: "2.0.0"` followed by the file\'s top-level keys.',
  });
}

function toData(
  document: Document.Parsed,
  lineCounter: LineCounter,
  file: string,
  maxAliasCount: number,
  firstAlias: Alias | undefined,
): { data: unknown } | { diagnostic: Diagnostic } {
  try {
    return { data: sanitize(document.toJS({ maxAliasCount })) };
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    const isAliasLimit = /excessive alias count/i.test(message);
    const isTooDeep = error instanceof RangeError;
    const range = (isAliasLimit && firstAlias ? nodeRange(lineCounter, firstAlias) : undefined) ?? START;
    return {
      diagnostic: {
        code: isAliasLimit ? "SY1004" : "SY1001",
        severity: "error",
        message: isAliasLimit
          ? "Aliases expand beyond the allowed limit (a possible alias bomb)"
          : isTooDeep
            ? "The document is nested too deeply to be read"
            : `The YAML could not be read: ${message}`,
        file,
        range,
        hint: isAliasLimit
          ? "Replace nested aliases with plain values; deeply nested `*alias` references can expand exponentially."
          : isTooDeep
            ? "Flatten the structure; config files never need more than a few levels."
            : "Fix the YAML at this position.",
      },
    };
  }
}

/** Options of {@link parseYamlDocument}: the `yaml` package's, e.g. `version: "1.1"` for LiteLLM's files. */
export type YamlDocumentOptions = ParseOptions & DocumentOptions & SchemaOptions;

/**
 * The strict tier: the `yaml` package's document, with every node's source range (duplicate keys
 * are not checked here; {@link parseYaml} reports them). Never throws on ordinary input: problems
 * are in `errors` and `warnings`. Fast on broken input too: no stack trace is captured per problem.
 * Nesting deeper than {@link MAX_NESTING_DEPTH} levels is not read: an error at the first token
 * that goes deeper, and the document holds what came before. Errors keep their offsets
 * (`prettyErrors` is not applied).
 */
export function parseYamlDocument(text: string, options: YamlDocumentOptions = {}): Document.Parsed {
  // yaml makes an Error object per problem; capturing a stack trace for each costs more than the
  // parse itself on a broken file (150,000 lines of `]`: 1.5 s of traces and 1.8 s of GC). The
  // traces point into yaml's own code and are never shown.
  const stackTraceLimit = Error.stackTraceLimit;
  Error.stackTraceLimit = 0;
  try {
    const settings: YamlDocumentOptions = {
      prettyErrors: false,
      // yaml's own duplicate-key check compares every key with every earlier one (quadratic: a
      // 50,000-entry map took over a minute); checkNodes finds duplicates with a set per map instead.
      uniqueKeys: false,
      keepSourceTokens: false,
      logLevel: "error",
      ...options,
    };
    // What yaml's parseDocument does, except that nesting deeper than MAX_NESTING_DEPTH is not
    // composed (composing recurses once per level; see nesting-cap.ts) and becomes an error there.
    const { tokens, tooDeepAt } = readTokens(text, settings.lineCounter?.addNewLine);
    let document: Document.Parsed | undefined;
    for (const next of new Composer(settings).compose(tokens, true, text.length)) {
      if (document === undefined) document = next;
      else if (document.options.logLevel !== "silent") {
        document.errors.push(
          new YAMLParseError(
            [next.range[0], next.range[1]],
            "MULTIPLE_DOCS",
            "Source contains multiple documents; please use YAML.parseAllDocuments()",
          ),
        );
        break;
      }
    }
    // compose(…, forceDoc = true) always ends with a document.
    const parsed = document!;
    // The cap is the cause of the errors that follow from the cut (unclosed collections): first.
    if (tooDeepAt !== undefined)
      parsed.errors.unshift(
        new YAMLParseError(
          [tooDeepAt, Math.min(text.length, tooDeepAt + 1)],
          NESTING_TOO_DEEP,
          `Nested more than ${MAX_NESTING_DEPTH} levels deep here; the rest of the file was not read`,
        ),
      );
    return parsed;
  } finally {
    Error.stackTraceLimit = stackTraceLimit;
  }
}

function parseText(text: string, file: string, maxAliasCount: number, positions: Positions): YamlSource {
  const diagnostics: Diagnostic[] = [];
  const nul = nulCharacterDiagnostic(text, file);
  if (nul) return sourceWithoutDocument(file, text, [nul]);

  // Lines are counted here rather than by the parser: the parser's LineCounter misses line breaks
  // inside tokens it fails to lex, which shifts every later position after a syntax error.
  const lineCounter = lineCounterOf(text);
  // Plain files are read by the fast tier; their positioned document is built only if a
  // diagnostic needs a location.
  // Invisible slips the parser accepts: a byte-order mark inside the file, mixed line endings.
  const strayBom = strayByteOrderMark(text, file);
  for (const lint of [strayBom, mixedLineEndings(text, file)]) if (lint !== undefined) diagnostics.push(lint);
  const fast =
    text.length >= FAST_TIER_MIN_LENGTH && diagnostics.every((d) => d.severity !== "error")
      ? fastRead(text, positions === "while-reading")
      : undefined;
  if (fast?.reported !== undefined) {
    // Repeated and forbidden keys are reported and the rest of the file is validated, as in the
    // strict tier; a forgotten `- ` (SY1024) or more repeats than are listed (SY1019) leave no data.
    const reported = plainReportedDiagnostics(fast.reported, lineCounter, file);
    for (const item of reported) diagnostics.push(item);
    const data = reported.some((d) => d.code !== "SY1002" && d.code !== "SY1007") ? undefined : fast.data;
    return makeSource(file, text, () => parseYamlDocument(text), lineCounter, data, diagnostics, fast.index);
  }
  // A large top-level list (an error whatever it holds) is located without the strict tier.
  const list = fast === undefined && text.length >= FAST_TIER_MIN_LENGTH ? topLevelListSpan(text) : undefined;
  if (list !== undefined) {
    diagnostics.push(notAMapping(file, true, rangeFromOffsets(lineCounter, list.start, list.end)));
    return makeSource(file, text, () => parseYamlDocument(text), lineCounter, undefined, diagnostics);
  }
  if (fast !== undefined)
    return makeSource(
      file,
      text,
      () => parseYamlDocument(text),
      lineCounter,
      fast.data,
      diagnostics,
      // Positions the plain reader did not record while reading, it reads on the first rangeOf.
      fast.index ?? (fast.plain ? () => readPlainLocated(text)?.index : undefined),
    );
  // A file with hundreds of unclosed `{`/`[` is parsed only up to there (the composer is quadratic).
  // A stray byte-order mark before a line's indentation (SY1016, said above) is invisible: the line
  // is parsed as it looks, with the mark moved after the indentation (every other offset unchanged),
  // so it is not also a mis-indented key (SY1013) and a cascade of them.
  const read = strayBom === undefined ? text : bomsAfterIndentation(text);
  // A large file that does not parse is read up to a little past its first syntax errors (then no
  // unclosed collection is left to count: js-yaml read the text before them).
  const errorCut = readUpToFirstErrors(
    read,
    (part) => parseYamlDocument(part),
    (part) => checkNodes(part, lineCounter, file, read).diagnostics.length,
  );
  const cut = errorCut === undefined ? findSyntaxCut(read) : undefined;
  const document =
    errorCut?.document ?? parseYamlDocument(cut === undefined ? read : read.slice(0, cut.offset));
  if (errorCut !== undefined)
    for (const item of errorCutDiagnostics(file, errorCut, text, lineCounter)) diagnostics.push(item);
  else if (cut !== undefined) diagnostics.push(syntaxCutDiagnostic(file, cut, lineCounter, text.length));
  // The text the document was read from: explanations re-parse parts of it.
  const parsed = errorCut === undefined ? read : read.slice(0, errorCut.offset);
  // One diagnostic per hand-editing slip (see syntax/explain.ts), not the parser's cascade.
  const explained =
    document.errors.length > 0 &&
    document.errors.length <= EXPLAIN_MAX_ERRORS &&
    parsed.length <= EXPLAIN_MAX_LENGTH
      ? explainSyntaxErrors(parsed, {
          file,
          parse: (part) => parseYamlDocument(part),
          errors: document.errors,
          describe: (error, range) => ({
            ...yamlIssueToDiagnostic(document, lineCounter, file, error, "error", text.length),
            range,
          }),
        })
      : undefined;
  if (explained !== undefined) {
    // An explanation of the cut itself (a collection or quote it left open) is not a mistake.
    for (const item of explained)
      if (errorCut === undefined || (item.range?.start.offset ?? 0) < errorCut.offset) diagnostics.push(item);
  } else {
    // Only the first problems become diagnostics (each costs a position and a message); the rest
    // of a badly broken file's are counted into one SY1019 summary.
    const shown = Math.min(document.errors.length, MAX_DIAGNOSTICS_PER_FILE);
    for (let i = 0; i < shown; i++)
      diagnostics.push(
        yamlIssueToDiagnostic(document, lineCounter, file, document.errors[i]!, "error", text.length),
      );
    if (document.errors.length > shown)
      diagnostics.push(
        uncountedSummary(
          file,
          { error: document.errors.length - shown, warning: 0, info: 0 },
          diagnostics[diagnostics.length - 1]!,
        ),
      );
  }
  for (const warning of document.warnings.slice(0, MAX_DIAGNOSTICS_PER_FILE))
    diagnostics.push(yamlIssueToDiagnostic(document, lineCounter, file, warning, "warning", text.length));
  const checked = checkNodes(document, lineCounter, file, read);
  for (const item of checked.diagnostics) {
    // In a file that does not parse, a "key" that is a collection is the parser's reading of a
    // slip already explained (a `- ` among keys), not a second mistake.
    if (document.errors.length > 0 && item.code === "SY1001" && item.message.startsWith("A key is a list"))
      continue;
    diagnostics.push(item);
  }

  // Duplicate and forbidden keys are reported, but the rest of the file can still be validated.
  if (diagnostics.some((d) => d.severity === "error" && d.code !== "SY1007" && d.code !== "SY1002")) {
    return makeSource(file, text, document, lineCounter, undefined, diagnostics);
  }
  const contents = document.contents as Node | null;
  if (contents === null || (isScalar(contents) && contents.value === null)) {
    diagnostics.push(
      schemaDiagnostic("SY1009", {
        message: "The file is empty",
        file,
        range: START,
        hint: "Run `switchyard init` to write a complete config set, or add the file's top-level keys.",
      }),
    );
    return makeSource(file, text, document, lineCounter, undefined, diagnostics);
  }
  if (!isMap(contents)) {
    diagnostics.push(notAMapping(file, isCollection(contents), nodeRange(lineCounter, contents)));
    return makeSource(file, text, document, lineCounter, undefined, diagnostics);
  }
  const result = toData(document, lineCounter, file, maxAliasCount, checked.firstAlias);
  if ("diagnostic" in result) {
    diagnostics.push(result.diagnostic);
    return makeSource(file, text, document, lineCounter, undefined, diagnostics);
  }
  return makeSource(file, text, document, lineCounter, result.data, diagnostics);
}

/**
 * Parse YAML bytes or text into a {@link YamlSource}. Never throws: syntax errors, duplicate keys,
 * tabs, alias bombs, bad encodings, oversized input and forbidden keys all become diagnostics.
 */
export function parseYaml(input: string | Uint8Array, options: ParseYamlOptions): YamlSource {
  const { file } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) return sourceWithoutDocument(file, "", [fileTooLargeDiagnostic(file, size, maxBytes)]);
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else {
    const decoded = decodeUtf8(input, file);
    // Keep a lossy decoding (U+FFFD for bad bytes) so the code frame can show the offending line.
    if ("diagnostic" in decoded)
      return sourceWithoutDocument(file, new TextDecoder("utf-8").decode(input), [decoded.diagnostic]);
    text = decoded.text;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  if (options.data !== undefined) {
    // The data is known; where its keys are is read only if a diagnostic needs a position.
    return makeSource(
      file,
      text,
      () => parseYamlDocument(text),
      lineCounterOf(text),
      options.data,
      [],
      () => readPlainLocated(text)?.index,
    );
  }
  try {
    return parseText(
      text,
      file,
      options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT,
      options.positions ?? "when-needed",
    );
  } catch (error) {
    // The yaml package documents parseDocument as non-throwing; this is a last line of defence
    // (e.g. a stack overflow on absurdly deep nesting) so that callers can rely on "never throws".
    return sourceWithoutDocument(file, text, [
      schemaDiagnostic("SY1001", {
        message:
          error instanceof RangeError
            ? "The document is nested too deeply to be read"
            : `The YAML could not be read: ${redactSecrets(error instanceof Error ? error.message : String(error))}`,
        file,
        range: START,
        hint: "Check the file's YAML syntax.",
      }),
    ]);
  }
}
