import { resolve } from "node:path";
import { readBoundedFileSync } from "../fs/read-file.js";
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

/**
 * The text of each named file (display paths relative to `cwd`) as it is on disk, byte-order mark
 * and all, decoded as UTF-8: what GitHub's upload action hashes for `primaryLocationLineHash`, so
 * `RenderOptions.sources` for SARIF. Files that cannot be read (missing, too large, not regular)
 * are left out. Reads through the bounded reader.
 */
export function readSources(files: Iterable<string | undefined>, cwd: string): Map<string, string> {
  const sources = new Map<string, string>();
  for (const file of files) {
    if (file === undefined || file === "" || sources.has(file)) continue;
    const read = readBoundedFileSync(resolve(cwd, file));
    if (read.ok) sources.set(file, Buffer.from(read.bytes).toString("utf8"));
  }
  return sources;
}
