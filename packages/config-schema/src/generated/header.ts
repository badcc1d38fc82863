import { sha256 } from "../text/hash.js";

/** What the header of a file written by `switchyard generate` records. */
export interface GeneratedHeader {
  /** Package that wrote the file, e.g. `@switchyard/litellm-generator`. */
  readonly generatorName: string;
  /** Its version, e.g. `0.1.0`. */
  readonly generatorVersion: string;
  /** The LiteLLM release line the file targets, e.g. `1.74`. */
  readonly litellmVersion: string;
  /** Hex SHA-256 of the source files when the file was generated. */
  readonly sourcesHash: string;
  /** Hex SHA-256 of the body as generated. */
  readonly bodyHash: string;
}

/** A generated file split into its header and body. */
export interface ParsedGeneratedFile {
  readonly header: GeneratedHeader;
  /** The comment block at the top, with its final newline. */
  readonly headerText: string;
  /** Everything below the header: the text the `body:` hash covers. */
  readonly body: string;
}

/** How every generated file starts (the generator writes the rest of the first line). */
export const GENERATED_HEADER_START = "# AUTO-GENERATED";

const FIELD = /^# (generator|litellm|sources|body): (.+?)\r?$/;
const HASH = /^sha256:([0-9a-f]{64})$/;

/**
 * Split a generated file into its header (the comment lines at the top) and body, and read the
 * header's fields. Returns `undefined` when the text does not start with a complete Switchyard
 * header (all of `generator`, `litellm`, `sources` and `body`). The one reader of the header, used by
 * `generate --check`, `backup verify` and the audit. Never throws.
 */
export function parseGeneratedHeader(text: string): ParsedGeneratedFile | undefined {
  if (!text.startsWith(GENERATED_HEADER_START)) return undefined;
  let end = 0;
  const fields = new Map<string, string>();
  while (end < text.length && text[end] === "#") {
    const newline = text.indexOf("\n", end);
    const lineEnd = newline === -1 ? text.length : newline + 1;
    const match = FIELD.exec(text.slice(end, newline === -1 ? text.length : newline));
    if (match && !fields.has(match[1]!)) fields.set(match[1]!, match[2]!);
    end = lineEnd;
  }
  const generator = /^(\S+) (\S+)$/.exec(fields.get("generator") ?? "");
  const sources = HASH.exec(fields.get("sources") ?? "");
  const body = HASH.exec(fields.get("body") ?? "");
  const litellm = fields.get("litellm");
  if (!generator || !sources || !body || litellm === undefined) return undefined;
  return {
    header: {
      generatorName: generator[1]!,
      generatorVersion: generator[2]!,
      litellmVersion: litellm,
      sourcesHash: sources[1]!,
      bodyHash: body[1]!,
    },
    headerText: text.slice(0, end),
    body: text.slice(end),
  };
}

/** What a generated file's header says about its body. */
export type GeneratedStatus = "no-header" | "hand-edited" | "intact";

/**
 * Judge a generated file by its header: `no-header` when {@link parseGeneratedHeader} finds no complete
 * header, `hand-edited` when the body's hash differs from the header's, else `intact`.
 */
export function generatedStatus(text: string): GeneratedStatus {
  const parsed = parseGeneratedHeader(text);
  if (parsed === undefined) return "no-header";
  return sha256(parsed.body) === parsed.header.bodyHash ? "intact" : "hand-edited";
}
