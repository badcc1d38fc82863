import { spawnSync } from "node:child_process";
import { readdir, readFile, rm, utimes, writeFile } from "node:fs/promises";
import { hostname } from "node:os";
import { join } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { FileLockedError, type LockOwner, lockPathFor, withFileLock } from "./file-lock.js";

let dir: string;
let target: string;
beforeEach(async () => {
  dir = await tempDir("sy-lock-");
  target = join(dir, "providers.yaml");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

/** The pid of a process that has already exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", ""]);
  return child.pid!;
}

function lockRecord(pid: number, host: string, started = "2026-11-26T11:15:00.000Z"): string {
  return JSON.stringify({ pid, host, started });
}

describe("withFileLock", () => {
  test("holds <target>.lock with pid, host and start time while fn runs, then removes it", async () => {
    const lockPath = `${target}.lock`;
    expect(lockPathFor(target)).toBe(lockPath);
    const before = Date.now();
    const seen = await withFileLock(target, async () => JSON.parse(await readFile(lockPath, "utf8")));
    expect(seen).toMatchObject({ pid: process.pid, host: hostname() });
    expect(new Date(seen.started).getTime()).toBeGreaterThanOrEqual(before - 1000);
    expect(await readdir(dir)).toEqual([]);
  });

  test("releases the lock when fn throws", async () => {
    await expect(
      withFileLock(target, async () => {
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect(await readdir(dir)).toEqual([]);
  });

  test("a second acquirer waits, then gets the lock when the first releases it", async () => {
    const events: string[] = [];
    const first = withFileLock(target, async () => {
      events.push("first in");
      await sleep(200);
      events.push("first out");
    });
    await sleep(20);
    const started = Date.now();
    const second = withFileLock(
      target,
      async () => {
        events.push("second in");
        return Date.now() - started;
      },
      { pollMs: 10 },
    );
    const [, waited] = await Promise.all([first, second]);
    expect(events).toEqual(["first in", "first out", "second in"]);
    expect(waited).toBeGreaterThanOrEqual(100);
  });

  test("with timeoutMs 0 a held lock fails at once with FileLockedError naming the holder", async () => {
    const lockPath = `${target}.lock`;
    await writeFile(lockPath, lockRecord(process.pid, hostname()));
    const started = Date.now();
    const error = await withFileLock(target, async () => "never", { timeoutMs: 0 }).catch((e: unknown) => e);
    expect(Date.now() - started).toBeLessThan(1000);
    expect(error).toBeInstanceOf(FileLockedError);
    const locked = error as FileLockedError;
    expect(locked.code).toBe("SY1050");
    expect(locked.pid).toBe(process.pid);
    expect(locked.host).toBe(hostname());
    expect(locked.since.toISOString()).toBe("2026-11-26T11:15:00.000Z");
    expect(locked.lockPath).toBe(lockPath);
    expect(locked.message).toBe(
      `${target} is locked by pid ${process.pid} on host ${hostname()} since 2026-11-26T11:15:00.000Z`,
    );
    expect(locked.hint).toContain(lockPath);
    expect(await readFile(lockPath, "utf8")).toBe(lockRecord(process.pid, hostname()));
  });

  test("gives up after timeoutMs while the holder stays alive", async () => {
    await writeFile(`${target}.lock`, lockRecord(process.pid, hostname()));
    const started = Date.now();
    await expect(
      withFileLock(target, async () => "never", { timeoutMs: 150, pollMs: 20 }),
    ).rejects.toBeInstanceOf(FileLockedError);
    expect(Date.now() - started).toBeGreaterThanOrEqual(140);
  });

  test("takes over a stale lock left by a dead process on this host, and says so", async () => {
    const pid = deadPid();
    await writeFile(`${target}.lock`, lockRecord(pid, hostname()));
    const stale: LockOwner[] = [];
    const result = await withFileLock(target, async () => "ran", {
      timeoutMs: 0,
      onStaleLock: (owner) => stale.push(owner),
    });
    expect(result).toBe("ran");
    expect(stale).toEqual([{ pid, host: hostname(), since: new Date("2026-11-26T11:15:00.000Z") }]);
    expect(await readdir(dir)).toEqual([]);
  });

  test("does not take over a lock from another host (its pid cannot be checked)", async () => {
    await writeFile(`${target}.lock`, lockRecord(deadPid(), "some-other-host"));
    await expect(withFileLock(target, async () => "never", { timeoutMs: 0 })).rejects.toMatchObject({
      host: "some-other-host",
    });
  });

  test("an unreadable lock file is waited for while fresh and taken over once old", async () => {
    const lockPath = `${target}.lock`;
    await writeFile(lockPath, "");
    await expect(withFileLock(target, async () => "never", { timeoutMs: 0 })).rejects.toBeInstanceOf(
      FileLockedError,
    );
    const old = new Date(Date.now() - 60_000);
    await utimes(lockPath, old, old);
    expect(await withFileLock(target, async () => "ran", { timeoutMs: 0 })).toBe("ran");
  });

  test("callers in one process are serialised", async () => {
    let inside = 0;
    let maxInside = 0;
    await Promise.all(
      Array.from({ length: 8 }, () =>
        withFileLock(
          target,
          async () => {
            inside++;
            maxInside = Math.max(maxInside, inside);
            await sleep(5);
            inside--;
          },
          { pollMs: 2 },
        ),
      ),
    );
    expect(maxInside).toBe(1);
    expect(await readdir(dir)).toEqual([]);
  });
});
