import { type Document, isMap, isScalar, LineCounter, type Node, parseDocument, visit, type YAMLError } from "yaml";
import type { Diagnostic, SourceRange, YamlPath } from "../diagnostics/diagnostic.js";
import { lookupPath, nodeRange, rangeFromOffsets } from "./positions.js";

/** Keys that are refused anywhere in a config file, so no consumer can ever be tricked by them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);

/** Default cap on a config file's size: 16 MiB. */
export const DEFAULT_MAX_BYTES = 16 * 1024 * 1024;
/** Default cap on alias expansion (yaml's own measure of alias fan-out). */
export const DEFAULT_MAX_ALIAS_COUNT = 100;

export interface ParseYamlOptions {
  /** The file name diagnostics report. */
  readonly file: string;
  /** Refuse input larger than this many bytes (default 16 MiB). */
  readonly maxBytes?: number;
  /** Refuse documents whose aliases expand more than this (default 100). */
  readonly maxAliasCount?: number;
}

/** A parsed YAML file that remembers where every node came from. */
export interface YamlSource {
  readonly file: string;
  /** The decoded text ("" when the bytes could not be decoded). */
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
   * The range of the node at `path`: its key (`part: "key"`), its value (default), or, for a path
   * that does not exist, the key of the deepest entry that does.
   */
  rangeOf(path: YamlPath, part?: "key" | "value"): SourceRange | undefined;
}

const yamlErrorCodes: Record<string, { code: string; hint: string }> = {
  DUPLICATE_KEY: { code: "SY1002", hint: "Remove or rename one of the two entries; YAML maps need unique keys." },
  TAB_AS_INDENT: { code: "SY1003", hint: "Indent with spaces; YAML does not allow tabs for indentation." },
  MULTIPLE_DOCS: { code: "SY1008", hint: "Keep one YAML document per file: remove the `---` separator and what follows." },
};

function yamlIssueToDiagnostic(file: string, lineCounter: LineCounter, error: YAMLError, severity: "error" | "warning"): Diagnostic {
  const mapped = yamlErrorCodes[error.code];
  const [start, end] = error.pos;
  const message = error.message.split("\n")[0]!.replace(/ at line \d+, column \d+:?$/, "");
  return {
    code: mapped?.code ?? (severity === "error" ? "SY1001" : "SY1042"),
    severity,
    message: mapped?.code === "SY1002" ? message.replace(/^Map keys must be unique/, "Duplicate key") : message,
    file,
    range: rangeFromOffsets(lineCounter, start, Math.max(end, start + 1)),
    hint: mapped?.hint ?? "Fix the YAML syntax at this position; quote values that contain `: ` or start with a special character.",
  };
}

function firstInvalidUtf8(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    let need = 0;
    if (b < 0x80) need = 0;
    else if (b >= 0xc2 && b <= 0xdf) need = 1;
    else if (b >= 0xe0 && b <= 0xef) need = 2;
    else if (b >= 0xf0 && b <= 0xf4) need = 3;
    else return i;
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
    }
    i += need + 1;
  }
  return -1;
}

/** Decode bytes as strict UTF-8, reporting the first bad byte's position. */
function decode(bytes: Uint8Array, file: string): { text: string } | { diagnostic: Diagnostic } {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    return {
      diagnostic: {
        code: "SY1005",
        severity: "error",
        message: "File is UTF-16 encoded; config files must be UTF-8",
        file,
        range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } },
        hint: "Save the file as UTF-8 (without a byte-order mark).",
      },
    };
  }
  try {
    return { text: new TextDecoder("utf-8", { fatal: true, ignoreBOM: false }).decode(bytes) };
  } catch {
    const bad = firstInvalidUtf8(bytes);
    const prefix = new TextDecoder("utf-8").decode(bytes.subarray(0, Math.max(0, bad)));
    const lines = prefix.split("\n");
    const line = lines.length;
    const column = lines[lines.length - 1]!.length + 1;
    return {
      diagnostic: {
        code: "SY1005",
        severity: "error",
        message: `Invalid UTF-8 byte 0x${(bytes[bad] ?? 0).toString(16).padStart(2, "0")} at byte offset ${bad}`,
        file,
        range: { start: { line, column, offset: prefix.length }, end: { line, column: column + 1, offset: prefix.length + 1 } },
        hint: "Re-save the file as UTF-8; the byte shown is from another encoding (often Latin-1 or Windows-1252).",
      },
    };
  }
}

/** Deep-copy parsed data, dropping forbidden keys, into objects that cannot reach a prototype. */
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

function emptyLineCounter(text: string): LineCounter {
  const lc = new LineCounter();
  lc.addNewLine(0);
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lc.addNewLine(i + 1);
  return lc;
}

function makeSource(
  file: string,
  text: string,
  document: Document.Parsed | undefined,
  lineCounter: LineCounter,
  data: unknown,
  diagnostics: Diagnostic[],
): YamlSource {
  return {
    file,
    text,
    document,
    lineCounter,
    data,
    diagnostics,
    rangeOf(path, part = "value") {
      if (!document) return undefined;
      const found = lookupPath(document.contents as Node | null, path);
      if (found.value) {
        const node = part === "key" && found.key ? found.key : found.value;
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
 * Parse YAML bytes or text into a {@link YamlSource}. Never throws: syntax errors, duplicate keys,
 * tabs, alias bombs, bad encodings, oversized input and forbidden keys all become diagnostics.
 */
export function parseYaml(input: string | Uint8Array, options: ParseYamlOptions): YamlSource {
  const { file } = options;
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const diagnostics: Diagnostic[] = [];
  const size = typeof input === "string" ? Buffer.byteLength(input) : input.byteLength;
  if (size > maxBytes) {
    diagnostics.push({
      code: "SY1006",
      severity: "error",
      message: `File is ${size} bytes, over the ${maxBytes}-byte limit`,
      file,
      range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      hint: "Split the file, or raise the limit with `--max-file-size` if it really needs to be this large.",
    });
    return makeSource(file, "", undefined, emptyLineCounter(""), undefined, diagnostics);
  }
  let text: string;
  if (typeof input === "string") {
    text = input;
  } else {
    const decoded = decode(input, file);
    if ("diagnostic" in decoded) {
      diagnostics.push(decoded.diagnostic);
      return makeSource(file, "", undefined, emptyLineCounter(""), undefined, diagnostics);
    }
    text = decoded.text;
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);

  const lineCounter = new LineCounter();
  let document: Document.Parsed;
  try {
    document = parseDocument(text, { lineCounter, prettyErrors: false, uniqueKeys: true, keepSourceTokens: false });
  } catch (error) {
    diagnostics.push({
      code: "SY1001",
      severity: "error",
      message: `YAML could not be parsed: ${(error as Error).message}`,
      file,
      range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      hint: "Check the file's YAML syntax.",
    });
    return makeSource(file, text, undefined, emptyLineCounter(text), undefined, diagnostics);
  }
  for (const error of document.errors) diagnostics.push(yamlIssueToDiagnostic(file, lineCounter, error, "error"));
  for (const warning of document.warnings) diagnostics.push(yamlIssueToDiagnostic(file, lineCounter, warning, "warning"));

  let firstAlias: Node | undefined;
  visit(document, {
    Pair(_, pair) {
      const key = pair.key;
      if (isScalar(key) && typeof key.value === "string" && FORBIDDEN_KEYS.has(key.value)) {
        const range = nodeRange(lineCounter, key);
        diagnostics.push({
          code: "SY1007",
          severity: "error",
          message: `Key '${key.value}' is not allowed`,
          file,
          ...(range ? { range } : {}),
          hint: "Rename the key: `__proto__`, `constructor` and `prototype` are refused so they can never alter objects.",
        });
      }
    },
    Alias(_, alias) {
      firstAlias ??= alias;
    },
  });

  const fatal = diagnostics.some((d) => d.severity === "error" && d.code !== "SY1007" && d.code !== "SY1002");
  let data: unknown;
  if (!fatal) {
    try {
      data = sanitize(document.toJS({ maxAliasCount: options.maxAliasCount ?? DEFAULT_MAX_ALIAS_COUNT }));
    } catch (error) {
      const range = firstAlias ? nodeRange(lineCounter, firstAlias) : undefined;
      const message = (error as Error).message;
      const isAliasLimit = /alias/i.test(message);
      diagnostics.push({
        code: isAliasLimit ? "SY1004" : "SY1001",
        severity: "error",
        message: isAliasLimit ? "Aliases expand beyond the allowed limit (a possible alias bomb)" : message,
        file,
        ...(range ? { range } : {}),
        hint: isAliasLimit
          ? "Replace nested aliases with plain values; deeply nested `*alias` references can expand exponentially."
          : "Fix the YAML at this position.",
      });
      data = undefined;
    }
  }
  if (data !== undefined && !fatal && document.contents !== null && !isMap(document.contents)) {
    const range = nodeRange(lineCounter, document.contents as Node);
    diagnostics.push({
      code: "SY1009",
      severity: "error",
      message: "The top level of a config file must be a mapping of keys to values",
      file,
      ...(range ? { range } : {}),
      hint: "Start the file with `schema_version: \"2.0.0\"` followed by the file's top-level keys.",
    });
    data = undefined;
  }
  if (!fatal && (document.contents === null || data === null)) {
    diagnostics.push({
      code: "SY1009",
      severity: "error",
      message: "The file is empty",
      file,
      range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 1, offset: 0 } },
      hint: "Run `switchyard init` to write a complete config set, or add the file's top-level keys.",
    });
    data = undefined;
  }
  return makeSource(file, text, document, lineCounter, data, diagnostics);
}
