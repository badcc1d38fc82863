import { readFile } from "node:fs/promises";
import { isAbsolute, join, resolve } from "node:path";

/**
 * Where a work tree's git directory is: `<root>/.git` itself, or the directory a `.git` file
 * (worktrees, submodules) points to with `gitdir: <path>`.
 */
export async function gitDirOf(root: string): Promise<string | undefined> {
  const dotGit = join(root, ".git");
  const text = await readFile(dotGit, "utf8").catch((error: NodeJS.ErrnoException) =>
    error.code === "EISDIR" ? "" : undefined,
  );
  if (text === undefined) return undefined;
  if (text === "") return dotGit;
  const match = /^gitdir:\s*(.+?)\s*$/m.exec(text);
  if (!match) return undefined;
  return isAbsolute(match[1]!) ? match[1]! : resolve(root, match[1]!);
}

/**
 * The directory a git directory shares with its repository's other work trees (`config`, objects,
 * refs): a linked work tree's git directory (`<repo>/.git/worktrees/<name>`) names it in its
 * `commondir` file (relative to itself); any other git directory is its own.
 */
export async function commonDirOf(gitDir: string): Promise<string> {
  const text = await readFile(join(gitDir, "commondir"), "utf8").catch(() => undefined);
  const path = text?.trim();
  if (path === undefined || path === "") return gitDir;
  return isAbsolute(path) ? path : resolve(gitDir, path);
}

function readVarint(buffer: Buffer, start: number): { value: number; next: number } {
  // git's offset varint (index v4): each continuation adds one before shifting.
  let offset = start;
  let byte = buffer[offset++]!;
  let value = byte & 0x7f;
  while (byte & 0x80) {
    byte = buffer[offset++]!;
    value = ((value + 1) << 7) | (byte & 0x7f);
  }
  return { value, next: offset };
}

/** The paths of `only` by their UTF-8 length, to compare an index entry's bytes without decoding it. */
function byByteLength(only: readonly string[]): Map<number, Buffer[]> {
  const wanted = new Map<number, Buffer[]>();
  for (const path of only) {
    const bytes = Buffer.from(path, "utf8");
    const same = wanted.get(bytes.length);
    if (same === undefined) wanted.set(bytes.length, [bytes]);
    else same.push(bytes);
  }
  return wanted;
}

/**
 * The paths the index of a git directory tracks, read from `<gitDir>/index` (versions 2–4, SHA-1 or
 * SHA-256 objects) without running git. `undefined` when the index cannot be read or uses a split or
 * sparse index, whose entries are not all in this file.
 *
 * With `only` (repository-relative, `/`-separated), the answer holds just those of them that are
 * tracked: a version 2/3 entry is then compared as bytes and never decoded, so asking about a few
 * config files in a repository of thousands costs a scan of the index, not a string per entry.
 */
export async function trackedPaths(
  gitDir: string,
  only?: readonly string[],
): Promise<Set<string> | undefined> {
  const buffer = await readFile(join(gitDir, "index")).catch(() => undefined);
  if (!buffer || buffer.length < 12 || buffer.toString("latin1", 0, 4) !== "DIRC") return undefined;
  const version = buffer.readUInt32BE(4);
  if (version < 2 || version > 4) return undefined;
  const count = buffer.readUInt32BE(8);
  const config = await readFile(join(await commonDirOf(gitDir), "config"), "utf8").catch(() => "");
  const hashSize = /objectformat\s*=\s*sha256/i.test(config) ? 32 : 20;
  const paths = new Set<string>();
  const wanted = only === undefined ? undefined : byByteLength(only);
  /** Record the path in `bytes[start, end)`: every one, or only one of `only` (compared undecoded). */
  const add = (bytes: Buffer, start: number, end: number): void => {
    if (wanted === undefined) {
      paths.add(bytes.toString("utf8", start, end));
      return;
    }
    const match = wanted
      .get(end - start)
      ?.find((name) => bytes.compare(name, 0, name.length, start, end) === 0);
    if (match !== undefined) paths.add(match.toString("utf8"));
  };
  let offset = 12;
  let previous = Buffer.alloc(0);
  try {
    for (let i = 0; i < count; i++) {
      const entryStart = offset;
      const flagsAt = entryStart + 40 + hashSize;
      const flags = buffer.readUInt16BE(flagsAt);
      offset = flagsAt + 2;
      if (version >= 3 && flags & 0x4000) offset += 2;
      if (version === 4) {
        const { value: strip, next } = readVarint(buffer, offset);
        const end = buffer.indexOf(0, next);
        if (end < 0) return undefined;
        // The prefix to keep is counted in bytes (a name may hold multi-byte characters).
        if (strip > previous.length) return undefined;
        previous = Buffer.concat([previous.subarray(0, previous.length - strip), buffer.subarray(next, end)]);
        offset = end + 1;
        add(previous, 0, previous.length);
      } else {
        const end = buffer.indexOf(0, offset);
        if (end < 0) return undefined;
        add(buffer, offset, end);
        const entryLength = end - entryStart;
        offset = entryStart + (Math.floor(entryLength / 8) + 1) * 8;
      }
    }
    // Extensions: a split index ("link") or sparse directory entries ("sdir") mean entries live elsewhere.
    while (offset + 8 <= buffer.length - hashSize) {
      const signature = buffer.toString("latin1", offset, offset + 4);
      if (signature === "link" || signature === "sdir") return undefined;
      offset += 8 + buffer.readUInt32BE(offset + 4);
    }
  } catch {
    return undefined;
  }
  return paths;
}
