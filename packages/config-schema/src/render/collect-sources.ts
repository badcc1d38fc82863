import type { ConfigSet } from "../load.js";
import { CONFIG_FILE_KINDS } from "../schemas/files.js";

/**
 * The text of every loaded file of a config set, keyed by the display path its diagnostics carry,
 * ready for `RenderOptions.sources`. Undecodable files carry a lossy decoding (U+FFFD for bad bytes).
 */
export function collectSources(set: ConfigSet): Map<string, string> {
  const sources = new Map<string, string>();
  for (const kind of CONFIG_FILE_KINDS) {
    const file = set.files[kind];
    if (file !== undefined && file.source.text !== "") sources.set(file.file, file.source.text);
  }
  return sources;
}
