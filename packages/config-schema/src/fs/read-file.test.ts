import { execFileSync } from "node:child_process";
import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { createServer } from "node:net";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import {
  BoundedReadError,
  compareFileContent,
  describeFsError,
  displayPath,
  readBoundedFile,
  readBoundedFileIfExists,
  readBoundedFileSync,
  utf8Text,
  versionMaxBytes,
} from "../entries/fs.js";
import { DEFAULT_MAX_BYTES } from "./read-file.js";

async function scratch(): Promise<string> {
  return tempDir("sy-read-");
}

/** A real FIFO (mkfifo(1) from coreutils; CI installs it with the base image). */
async function fifo(dir: string, name: string): Promise<string> {
  const path = join(dir, name);
  execFileSync("mkfifo", [path]);
  return path;
}

describe.each([
  ["readBoundedFile", (path: string, options = {}) => readBoundedFile(path, options)],
  ["readBoundedFileSync", async (path: string, options = {}) => readBoundedFileSync(path, options)],
] as const)("%s", (_name, read) => {
  it("reads a regular file with its mode", async () => {
    const dir = await scratch();
    await writeFile(join(dir, "a.yaml"), "a: 1\n", { mode: 0o640 });
    await chmod(join(dir, "a.yaml"), 0o640);
    const result = await read(join(dir, "a.yaml"));
    expect(result).toMatchObject({ ok: true, mode: 0o640 });
    expect(result.ok && result.bytes.toString()).toBe("a: 1\n");
  });

  it("refuses a FIFO at once instead of waiting for a writer", async () => {
    const dir = await scratch();
    const started = performance.now();
    const result = await read(await fifo(dir, "providers.yaml"));
    expect(performance.now() - started).toBeLessThan(2000);
    expect(result).toEqual({
      ok: false,
      failure: {
        kind: "not-regular-file",
        fileType: "FIFO (named pipe)",
        reason: "it is a FIFO (named pipe), not a regular file",
      },
    });
  });

  it("refuses /dev/zero behind a symlink without reading it", async () => {
    const dir = await scratch();
    await symlink("/dev/zero", join(dir, ".switchyard.yaml"));
    const before = process.memoryUsage().rss;
    const result = await read(join(dir, ".switchyard.yaml"));
    expect(result).toMatchObject({
      ok: false,
      failure: { kind: "not-regular-file", fileType: "character device" },
    });
    expect(process.memoryUsage().rss - before).toBeLessThan(64 * 1024 * 1024);
  });

  it("refuses a directory and a socket", async () => {
    const dir = await scratch();
    await mkdir(join(dir, "sub"));
    expect(await read(join(dir, "sub"))).toMatchObject({ ok: false, failure: { fileType: "directory" } });
    const socketPath = join(dir, "s.sock");
    const server = createServer();
    await new Promise<void>((done) => server.listen(socketPath, done));
    try {
      expect(await read(socketPath)).toMatchObject({ ok: false, failure: { kind: "not-regular-file" } });
    } finally {
      server.close();
    }
  });

  it("enforces the size cap", async () => {
    const dir = await scratch();
    await writeFile(join(dir, "big.yaml"), "x".repeat(2048));
    expect(await read(join(dir, "big.yaml"), { maxBytes: 1024 })).toMatchObject({
      ok: false,
      failure: { kind: "too-large", size: 2048, maxBytes: 1024 },
    });
    expect(await read(join(dir, "big.yaml"), { maxBytes: 2048 })).toMatchObject({ ok: true });
  });

  it("follows a symlink unless told not to", async () => {
    const dir = await scratch();
    await writeFile(join(dir, "real.yaml"), "a: 1\n");
    await symlink(join(dir, "real.yaml"), join(dir, "link.yaml"));
    expect(await read(join(dir, "link.yaml"))).toMatchObject({ ok: true });
    expect(await read(join(dir, "link.yaml"), { noFollow: true })).toMatchObject({
      ok: false,
      failure: { kind: "not-regular-file", fileType: "symbolic link" },
    });
  });

  it("says not-found for a missing file or a file under a file", async () => {
    const dir = await scratch();
    await writeFile(join(dir, "f"), "");
    expect(await read(join(dir, "missing.yaml"))).toMatchObject({
      ok: false,
      failure: { kind: "not-found" },
    });
    expect(await read(join(dir, "f", "x.yaml"))).toMatchObject({
      ok: false,
      failure: { kind: "not-found", code: "ENOTDIR" },
    });
  });
});

describe("readBoundedFileIfExists", () => {
  it("is undefined for a missing file and throws a described error for a FIFO", async () => {
    const dir = await scratch();
    expect(await readBoundedFileIfExists(join(dir, "none"))).toBeUndefined();
    const error = await readBoundedFileIfExists(await fifo(dir, "history.jsonl")).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BoundedReadError);
    expect(describeFsError(error)).toBe("it is a FIFO (named pipe), not a regular file");
  });
});

describe("versionMaxBytes, the cap of another version of a file", () => {
  it("is twice the known version's size, never less than the usual cap", () => {
    expect(versionMaxBytes(0)).toBe(DEFAULT_MAX_BYTES);
    expect(versionMaxBytes(DEFAULT_MAX_BYTES / 2)).toBe(DEFAULT_MAX_BYTES);
    expect(versionMaxBytes(41_304_780)).toBe(82_609_560);
  });
});

describe("compareFileContent", () => {
  it("says missing, same or different, and a file of another size is different however large", async () => {
    const dir = await scratch();
    const path = join(dir, "litellm-unified.yaml");
    const bytes = Buffer.from("model_list: []\n");
    expect(await compareFileContent(path, bytes)).toBe("missing");
    await writeFile(path, bytes);
    expect(await compareFileContent(path, bytes)).toBe("same");
    expect(await compareFileContent(path, Buffer.from("model_list: [1]\n"))).toBe("different");
    expect(await compareFileContent(path, Buffer.from("model_list: {}\n"))).toBe("different");
    // Over the usual read cap: the same bytes are found the same, one changed byte different.
    const big = Buffer.alloc(DEFAULT_MAX_BYTES + 3 * 65_536 + 7, "a");
    await writeFile(path, big);
    expect(await compareFileContent(path, big)).toBe("same");
    const changed = Buffer.from(big);
    changed[changed.length - 1] = 0x62;
    expect(await compareFileContent(path, changed)).toBe("different");
    expect(await compareFileContent(path, bytes)).toBe("different");
  });

  it("throws a described error for a FIFO and, with noFollow, for a symlink", async () => {
    const dir = await scratch();
    const error = await compareFileContent(await fifo(dir, "x.yaml"), Buffer.from("")).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(BoundedReadError);
    expect(describeFsError(error)).toBe("it is a FIFO (named pipe), not a regular file");
    await writeFile(join(dir, "target"), "x");
    await symlink(join(dir, "target"), join(dir, "link"));
    expect(await compareFileContent(join(dir, "link"), Buffer.from("x"))).toBe("same");
    const refused = await compareFileContent(join(dir, "link"), Buffer.from("x"), { noFollow: true }).catch(
      (e: unknown) => e,
    );
    expect((refused as BoundedReadError).code).toBe("ELOOP");
  });
});

describe("displayPath", () => {
  it("is relative inside cwd, '.' for cwd itself, absolute outside", () => {
    expect(displayPath("/work/a/b.yaml", "/work/a")).toBe("b.yaml");
    expect(displayPath("/work/a", "/work/a")).toBe(".");
    expect(displayPath("/work/b.yaml", "/work/a")).toBe("/work/b.yaml");
    expect(displayPath("/work/a/..cache/x", "/work/a")).toBe("..cache/x");
  });
});

describe("describeFsError", () => {
  it("says read-only file system and no space in words", () => {
    expect(describeFsError(Object.assign(new Error("x"), { code: "EROFS" }))).toBe("read-only file system");
    expect(describeFsError(Object.assign(new Error("x"), { code: "ENOSPC" }))).toBe(
      "no space left on the device",
    );
    expect(describeFsError(new Error("odd"))).toBe("odd");
  });
});

describe("utf8Text", () => {
  it("decodes a view at its own offset and keeps a byte order mark, as Buffer#toString does", () => {
    const bytes = new TextEncoder().encode("..\uFEFFkey: välue\n..");
    const view = bytes.subarray(2, bytes.length - 2);
    expect(view).not.toBeInstanceOf(Buffer);
    expect(utf8Text(view)).toBe("\uFEFFkey: välue\n");
    expect(utf8Text(new Uint8Array([0x61, 0xff, 0x62]))).toBe("a\uFFFDb");
  });
});
