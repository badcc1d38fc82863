import {
  capDiagnosticsPerFile,
  type Diagnostic,
  type SourceRange,
  type YamlPath,
} from "@switchyard/config-schema/diagnostics";
import { displayPath, readBoundedFile, utf8Text } from "@switchyard/config-schema/fs";
import { FORBIDDEN_KEYS, lookupPath, parseYamlDocument } from "@switchyard/config-schema/yaml";
import { type Document, LineCounter, type Node } from "yaml";
import { generatorDiagnostic } from "../catalogue.js";
import { setOwn } from "../internal/records.js";

/** One LiteLLM config file, read the way PyYAML reads it (YAML 1.1), with positions. */
export interface SourceFile {
  /** Absolute path. */
  readonly path: string;
  /** The path diagnostics show. */
  readonly file: string;
  readonly document: Document.Parsed;
  readonly lineCounter: LineCounter;
  /** The plain data (forbidden keys dropped). */
  readonly data: unknown;
}

/** A place in a source file. */
export interface Place {
  readonly source: SourceFile;
  readonly path: YamlPath;
}

/** The location fields of a diagnostic about a place (the key with `part: "key"`). */
export function located(
  place: Place | undefined,
  part: "key" | "value" = "value",
): { file?: string; range?: SourceRange; path?: YamlPath } {
  if (!place) return {};
  const { source, path } = place;
  const found = lookupPath(source.document.contents as Node | null, path);
  const node = (part === "key" ? found.key : undefined) ?? found.value ?? found.key ?? found.deepest;
  const span = node?.range;
  const range =
    span === undefined || span === null
      ? undefined
      : {
          start: position(source.lineCounter, span[0]),
          end: position(source.lineCounter, Math.max(span[0], span[1])),
        };
  return { file: source.file, ...(range ? { range } : {}), path };
}

function position(lineCounter: LineCounter, offset: number) {
  const { line, col } = lineCounter.linePos(offset);
  return { line, column: col, offset };
}

/** A deep copy of parsed data as plain objects without forbidden keys. */
function plain(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(plain);
  if (value instanceof Map) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of value)
      if (!FORBIDDEN_KEYS.has(String(key))) setOwn(out, String(key), plain(item));
    return out;
  }
  if (
    value !== null &&
    typeof value === "object" &&
    !(value instanceof Date) &&
    !(value instanceof Uint8Array)
  ) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) setOwn(out, key, plain(item));
    return out;
  }
  return value;
}

/** The outcome of reading one file. */
export type ReadSource =
  | { readonly ok: true; readonly source: SourceFile }
  | { readonly ok: false; readonly diagnostics: Diagnostic[] };

/**
 * Read a LiteLLM config file as PyYAML would: YAML 1.1 (`yes`/`no`/`on`/`off` are booleans, `22:22`
 * is a base-60 integer, `<<` merges), duplicate keys keeping the last value. Dates are kept as the
 * text written (PyYAML would build a date that LiteLLM turns back into text). Never throws: I/O and
 * syntax problems are SY4200 errors; `at` locates a missing file where it was referenced.
 */
export async function readSource(path: string, cwd: string, at?: Place): Promise<ReadSource> {
  const file = displayPath(path, cwd);
  const read = await readBoundedFile(path);
  if (!read.ok) {
    const code = read.failure.kind === "not-found" ? "ENOENT" : undefined;
    return {
      ok: false,
      diagnostics: [
        {
          code: at ? "SY4201" : "SY4200",
          severity: "error",
          message:
            code === "ENOENT"
              ? `${at ? "Included file" : "LiteLLM config"} not found: ${file}`
              : `Cannot read ${file}: ${read.failure.reason}`,
          ...(at ? located(at) : { file }),
          hint: at
            ? "Included files are resolved against the main config file's directory, as LiteLLM does; fix the path or add the file."
            : "Check the path of the LiteLLM config (`litellm --config <path>`).",
        },
      ],
    };
  }
  let text = utf8Text(read.bytes);
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const lineCounter = new LineCounter();
  const document = parseYamlDocument(text, {
    version: "1.1",
    lineCounter,
    prettyErrors: false,
    uniqueKeys: false,
    customTags: (tags) =>
      tags.filter(
        (tag) =>
          tag !== "timestamp" && (typeof tag === "string" || tag.tag !== "tag:yaml.org,2002:timestamp"),
      ),
  });
  const source: Omit<SourceFile, "data"> = { path, file, document, lineCounter };
  if (document.errors.length > 0) {
    return {
      ok: false,
      diagnostics: capDiagnosticsPerFile(
        document.errors.map((error) => {
          const start = position(lineCounter, error.pos[0]);
          return generatorDiagnostic("SY4200", {
            message: `${file} is not valid YAML: ${error.message.split("\n")[0]}`,
            file,
            range: { start, end: position(lineCounter, Math.max(error.pos[1], error.pos[0] + 1)) },
            hint: "Fix the YAML syntax here; LiteLLM cannot read the file either.",
          });
        }),
      ),
    };
  }
  let data: unknown;
  try {
    data = plain(document.toJS({ maxAliasCount: 100 }));
  } catch (error) {
    return {
      ok: false,
      diagnostics: [
        generatorDiagnostic("SY4200", {
          message: `${file} cannot be read: ${error instanceof Error ? error.message : String(error)}`,
          file,
          hint: "Replace nested aliases with plain values.",
        }),
      ],
    };
  }
  return { ok: true, source: { ...source, data } };
}
