import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from "node:fs/promises";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { DEFAULT_MAX_BYTES } from "../fs/read-file.js";
import { sha256 } from "../text/hash.js";
import { recoverFileSets, recoveryDiagnostics, writeFileSet } from "./file-set.js";

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), "sy-file-set-"));
  await writeFile(join(dir, "a.yaml"), "a: 1\n");
  await writeFile(join(dir, "b.yaml"), "b: 1\n");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function everything(): Promise<string[]> {
  const top = await readdir(dir);
  const state = top.includes(".switchyard") ? await readdir(join(dir, ".switchyard")) : [];
  return [...top.filter((n) => n !== ".switchyard"), ...state.map((n) => `.switchyard/${n}`)].sort();
}

describe("writeFileSet", () => {
  test("replaces every file and leaves no journal or staged file; unchanged files are not written", async () => {
    const files = await writeFileSet(
      dir,
      [
        { path: join(dir, "a.yaml"), content: "a: 2\n" },
        { path: join(dir, "b.yaml"), content: "b: 1\n" },
        { path: join(dir, ".switchyard", "history.jsonl"), content: "{}\n" },
      ],
      { operation: "test" },
    );
    expect(files.map((f) => [f.path.slice(dir.length + 1), f.changed, f.before, f.after])).toEqual([
      ["a.yaml", true, sha256("a: 1\n"), sha256("a: 2\n")],
      [".switchyard/history.jsonl", true, null, sha256("{}\n")],
      ["b.yaml", false, sha256("b: 1\n"), sha256("b: 1\n")],
    ]);
    expect(await readFile(join(dir, "a.yaml"), "utf8")).toBe("a: 2\n");
    expect(await everything()).toEqual([".switchyard/history.jsonl", "a.yaml", "b.yaml"]);
  });

  test("replaces a file over the usual 16 MiB read cap when the new content is as large (hashed for the journal)", async () => {
    const old = Buffer.alloc(DEFAULT_MAX_BYTES + 1024, "a");
    const next = Buffer.alloc(DEFAULT_MAX_BYTES + 4096, "b");
    await writeFile(join(dir, "a.yaml"), old);
    const [file] = await writeFileSet(dir, [{ path: join(dir, "a.yaml"), content: next }], {
      operation: "test",
    });
    expect(file).toMatchObject({ changed: true, before: sha256(old), after: sha256(next) });
    expect((await readFile(join(dir, "a.yaml"))).equals(next)).toBe(true);
    // A runaway file beside small new content stays bounded: refused, nothing changed.
    await expect(
      writeFileSet(dir, [{ path: join(dir, "a.yaml"), content: "a: 2\n" }], { operation: "test" }),
    ).rejects.toMatchObject({ code: "EFBIG" });
    expect(await everything()).toEqual(["a.yaml", "b.yaml"]);
  });

  test("refuses a path outside the directory", async () => {
    await expect(
      writeFileSet(dir, [{ path: join(dir, "..", "elsewhere.yaml"), content: "x" }], { operation: "test" }),
    ).rejects.toThrow("is not inside");
  });

  test("a failure while staging changes nothing", async () => {
    await expect(
      writeFileSet(
        dir,
        [
          { path: join(dir, "a.yaml"), content: "a: 2\n" },
          { path: join(dir, "missing", "c.yaml"), content: "c: 2\n" },
        ],
        { operation: "test" },
      ),
    ).rejects.toMatchObject({ code: "ENOENT" });
    expect(await readFile(join(dir, "a.yaml"), "utf8")).toBe("a: 1\n");
    expect(await everything()).toEqual(["a.yaml", "b.yaml"]);
  });

  test("a failure while moving files into place puts back the ones already moved", async () => {
    await expect(
      writeFileSet(
        dir,
        [
          { path: join(dir, "a.yaml"), content: "a: 2\n" },
          { path: join(dir, "b.yaml"), content: "b: 2\n" },
        ],
        {
          operation: "test",
          beforeRename: (path) => {
            if (path.endsWith("b.yaml")) throw new Error("injected");
          },
        },
      ),
    ).rejects.toThrow("injected");
    expect(await readFile(join(dir, "a.yaml"), "utf8")).toBe("a: 1\n");
    expect(await readFile(join(dir, "b.yaml"), "utf8")).toBe("b: 1\n");
    expect(await everything()).toEqual(["a.yaml", "b.yaml"]);
  });
});

/** A journal as an interrupted process leaves it, with its staged files, written by hand. */
async function interrupted(options: { pid: number; host?: string; file?: string; stageB?: boolean }) {
  const id = `${options.pid}-0123456789ab`;
  await mkdir(join(dir, ".switchyard"), { recursive: true });
  // a.yaml was already moved into place, b.yaml not yet.
  await writeFile(join(dir, "a.yaml"), "a: 2\n");
  if (options.stageB ?? true) await writeFile(join(dir, `.b.yaml.staged-${id}`), "b: 2\n");
  await writeFile(join(dir, "a.yaml.backup-20260101_000000"), "a: 1\n");
  const journal = {
    format: "switchyard-journal/1",
    id,
    operation: "migrate",
    pid: options.pid,
    host: options.host ?? hostname(),
    started: "2026-01-01T00:00:00.000Z",
    entries: [
      {
        file: options.file ?? "a.yaml",
        staged: `.a.yaml.staged-${id}`,
        before: sha256("a: 1\n"),
        after: sha256("a: 2\n"),
        backup: "a.yaml.backup-20260101_000000",
      },
      { file: "b.yaml", staged: `.b.yaml.staged-${id}`, before: sha256("b: 1\n"), after: sha256("b: 2\n") },
    ],
  };
  await writeFile(join(dir, ".switchyard", `journal-${id}.json`), JSON.stringify(journal));
  return id;
}

/** A pid that is not running: far above any pid_max in use. */
const DEAD = 4_000_000 + Math.floor(Math.random() * 100_000);

describe("recoverFileSets", () => {
  test("nothing to do in a directory without journals", async () => {
    expect(await recoverFileSets(dir)).toEqual({
      recovered: [],
      removedStagedFiles: [],
      removedTempFiles: [],
    });
  });

  test("rolls an interrupted change forward and says so", async () => {
    const id = await interrupted({ pid: DEAD });
    const report = await recoverFileSets(dir);
    expect(report.recovered).toEqual([
      {
        id,
        operation: "migrate",
        started: "2026-01-01T00:00:00.000Z",
        pid: DEAD,
        outcome: "rolled-forward",
        files: ["a.yaml", "b.yaml"],
      },
    ]);
    expect(await readFile(join(dir, "b.yaml"), "utf8")).toBe("b: 2\n");
    expect(await everything()).toEqual(["a.yaml", "a.yaml.backup-20260101_000000", "b.yaml"]);
    expect(recoveryDiagnostics(report, "config")).toEqual([
      expect.objectContaining({
        code: "SY1051",
        severity: "info",
        message: `Completed an interrupted migrate (started 2026-01-01T00:00:00.000Z by pid ${DEAD}) in config: a.yaml, b.yaml`,
      }),
    ]);
  });

  test("rolls back from the named backups when the new content is gone", async () => {
    await interrupted({ pid: DEAD, stageB: false });
    const report = await recoverFileSets(dir);
    expect(report.recovered[0]).toMatchObject({
      outcome: "rolled-back",
      reason: "the new b.yaml is missing",
    });
    expect(await readFile(join(dir, "a.yaml"), "utf8")).toBe("a: 1\n");
    expect(await readFile(join(dir, "b.yaml"), "utf8")).toBe("b: 1\n");
    expect(recoveryDiagnostics(report, "config")[0]).toMatchObject({ code: "SY1052", severity: "warning" });
  });

  test("a change of a live process is left alone", async () => {
    await interrupted({ pid: process.pid });
    expect((await recoverFileSets(dir)).recovered).toEqual([]);
    expect(await readFile(join(dir, "b.yaml"), "utf8")).toBe("b: 1\n");
  });

  test("a journal naming a path outside the directory touches nothing", async () => {
    await writeFile(join(dir, "..", "sy-outside-victim"), "keep me\n").catch(() => undefined);
    const id = await interrupted({ pid: DEAD, file: "../sy-outside-victim" });
    const report = await recoverFileSets(dir);
    expect(report.recovered[0]).toMatchObject({ outcome: "failed", id });
    expect(recoveryDiagnostics(report, "config")[0]).toMatchObject({ code: "SY1053", severity: "error" });
    expect(await readFile(join(dir, "b.yaml"), "utf8")).toBe("b: 1\n");
    expect(await everything()).toContain(`.switchyard/journal-${id}.json`);
    await rm(join(dir, "..", "sy-outside-victim"), { force: true });
  });

  test("a journal from another host is reported, not guessed at", async () => {
    await interrupted({ pid: DEAD, host: "some-other-host" });
    const report = await recoverFileSets(dir);
    expect(report.recovered[0]).toMatchObject({ outcome: "failed" });
    expect(report.recovered[0]!.reason).toContain("some-other-host");
  });

  test("staged files of a change that never reached its journal are removed", async () => {
    const orphan = `.a.yaml.staged-${DEAD}-0123456789ab`;
    const live = `.a.yaml.staged-${process.pid}-0123456789ab`;
    await writeFile(join(dir, orphan), "half");
    await writeFile(join(dir, live), "in progress");
    const report = await recoverFileSets(dir);
    expect(report).toEqual({ recovered: [], removedStagedFiles: [join(dir, orphan)], removedTempFiles: [] });
    expect(await everything()).toEqual([live, "a.yaml", "b.yaml"].sort());
  });
});

describe("writeFileSet prunes after the change", () => {
  test("the backups of every replaced file are pruned by the default retention and reported per file", async () => {
    for (let hour = 0; hour < 12; hour++)
      await writeFile(join(dir, `a.yaml.backup-20200101_${String(hour).padStart(2, "0")}0000`), "a: 0\n");
    for (let hour = 0; hour < 12; hour++)
      await writeFile(join(dir, `b.yaml.backup-20200101_${String(hour).padStart(2, "0")}0000`), "b: 0\n");
    const files = await writeFileSet(
      dir,
      [
        { path: join(dir, "a.yaml"), content: "a: 2\n" },
        { path: join(dir, "b.yaml"), content: "b: 1\n" },
      ],
      { operation: "test" },
    );
    // a.yaml was replaced (the caller made no new backup): the last 10 keep 02:00 … 11:00, the daily
    // rule, with slots left at the oldest backup, keeps 00:00; 01:00 goes.
    const a = files.find((f) => f.path.endsWith("a.yaml"));
    expect(a?.pruned?.removed.map((p) => p.slice(dir.length + 1))).toEqual(["a.yaml.backup-20200101_010000"]);
    // b.yaml was not written, so its backups are left alone.
    expect(files.find((f) => f.path.endsWith("b.yaml"))).not.toHaveProperty("pruned");
    const left = (await readdir(dir)).filter((n) => n.includes(".backup-"));
    expect(left).toHaveLength(23);
  });

  test("retention: false keeps every backup", async () => {
    for (let hour = 0; hour < 12; hour++)
      await writeFile(join(dir, `a.yaml.backup-20200101_${String(hour).padStart(2, "0")}0000`), "a: 0\n");
    const files = await writeFileSet(dir, [{ path: join(dir, "a.yaml"), content: "a: 2\n" }], {
      operation: "test",
      retention: false,
    });
    expect(files[0]).not.toHaveProperty("pruned");
    expect((await readdir(dir)).filter((n) => n.includes(".backup-"))).toHaveLength(12);
  });
});
