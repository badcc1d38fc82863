import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { copyForAnyUser } from "@switchyard/test-utils";
import { childrenCpuMs } from "@switchyard/test-utils/cpu-time";
import { testCacheDir } from "./cache-dir.js";
import { BIN } from "./paths.js";

const DIST = fileURLToPath(new URL("../../dist/cli.cjs", import.meta.url));

/**
 * The entry run: this checkout's build, or `SWITCHYARD_BIN_UNDER_TEST` (another checkout's
 * `bin/switchyard.cjs`), to show that a regression test fails on a build without the fix.
 */
const ENTRY = process.env.SWITCHYARD_BIN_UNDER_TEST ?? BIN;

/** What one run of the built `switchyard` process did. */
export interface BuiltRun {
  /** Exit code, or `undefined` when it was killed. */
  readonly code: number | undefined;
  /** Set when the guard had to kill it (it hung). */
  readonly killed: boolean;
  readonly stdout: string;
  readonly stderr: string;
  readonly ms: number;
  /**
   * CPU time of the process (user + system, its own children included), from this process's
   * reaped-children times in /proc (Linux; `undefined` elsewhere). Unlike `ms` it does not grow with
   * the machine's load, so a speed comparison between two runs holds on a busy machine. Exact when
   * no other child of the test process exits during the run (tests in one file run one at a time).
   */
  readonly cpuMs: number | undefined;
}

/** Fail early, with the fix, when the bundle has not been built (turbo builds before test). */
export function requireBuiltCli(): void {
  if (process.env.SWITCHYARD_BIN_UNDER_TEST !== undefined) return;
  if (!existsSync(DIST))
    throw new Error(`${DIST} is missing: run 'pnpm build' in apps/cli (turbo builds before test)`);
}

/**
 * Run the built CLI as a process in `cwd` (no colour unless `env` asks). The process is awaited to
 * its exit; `guardMs` only kills one that hangs, so a regression shows as `killed: true` instead of
 * a stuck test run. The guard is minutes on purpose: a busy machine is slow, never that slow.
 */
export function runBuilt(
  args: readonly string[],
  options: {
    cwd: string;
    env?: Record<string, string>;
    guardMs?: number;
    stdin?: string;
    /** Run as this user and group id (the tests run as root, and root reads every file). */
    uid?: number;
  },
): Promise<BuiltRun> {
  const entry = options.uid === undefined ? ENTRY : entryForAnyUser();
  return spawnGuarded(process.execPath, [entry, ...args], options);
}

let copiedEntry: string | undefined;

/**
 * The built CLI (its `bin/` and `dist/`: the bundle needs nothing else) copied where any user can
 * reach it, for a run as another user: a clone inside a 0700 directory (a `mktemp -d`) is out of
 * that user's reach. One copy per test file (it is removed after the file).
 */
function entryForAnyUser(): string {
  if (copiedEntry !== undefined && existsSync(copiedEntry)) return copiedEntry;
  const root = dirname(dirname(ENTRY));
  const dir = copyForAnyUser([join(root, "bin"), join(root, "dist")], "switchyard-cli-");
  copiedEntry = join(dir, "bin", basename(ENTRY));
  return copiedEntry;
}

/**
 * Run the built CLI through a wrapper command (`unshare … sh -c …`): `wrapper` is the command line
 * up to the point where `node <bin> <args>` is appended.
 */
export function runBuiltWith(wrapper: readonly string[], args: readonly string[]): Promise<BuiltRun> {
  const [command, ...rest] = wrapper;
  if (command === undefined) throw new Error("runBuiltWith needs a wrapper command");
  return spawnGuarded(command, [...rest, process.execPath, ENTRY, ...args], { cwd: process.cwd() });
}

function spawnGuarded(
  command: string,
  argv: readonly string[],
  options: { cwd: string; env?: Record<string, string>; guardMs?: number; stdin?: string; uid?: number },
): Promise<BuiltRun> {
  const started = performance.now();
  const cpuBefore = childrenCpuMs();
  return new Promise((resolve, reject) => {
    const child = spawn(command, argv, {
      cwd: options.cwd,
      env: {
        ...process.env,
        FORCE_COLOR: undefined,
        NO_COLOR: "1",
        SWITCHYARD_CACHE_DIR: testCacheDir(),
        ...options.env,
      },
      stdio: ["pipe", "pipe", "pipe"],
      ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
    });
    let stdout = "";
    let stderr = "";
    let killed = false;
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => {
      stderr += chunk;
    });
    child.stdin.end(options.stdin ?? "");
    const guard = setTimeout(() => {
      killed = true;
      child.kill("SIGKILL");
    }, options.guardMs ?? 120_000);
    child.on("error", reject);
    child.on("close", (code) => {
      clearTimeout(guard);
      const cpuAfter = childrenCpuMs();
      resolve({
        code: code ?? undefined,
        killed,
        stdout,
        stderr,
        ms: performance.now() - started,
        cpuMs: cpuBefore === undefined || cpuAfter === undefined ? undefined : cpuAfter - cpuBefore,
      });
    });
  });
}
