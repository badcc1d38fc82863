import { execFile } from "node:child_process";
import { testCacheDir } from "./cache-dir.js";
import { BIN, REPO_ROOT } from "./paths.js";

/** What one run of the built binary printed and returned. */
export interface BinRun {
  readonly code: number;
  readonly signal: NodeJS.Signals | null;
  readonly stdout: string;
  readonly stderr: string;
  /** Wall time of the whole process, in ms. */
  readonly ms: number;
}

/**
 * Run the built `switchyard` (`bin/switchyard.cjs` → `dist/cli.cjs`, what `npm i -g` installs) as a
 * process, with colour settings cleared unless `env` sets them. Never rejects on a non-zero exit.
 */
export function runBin(
  args: readonly string[],
  options: {
    readonly cwd?: string;
    readonly env?: Record<string, string>;
    /** Run as this user (and group) id; the tests run as root in CI, and root reads every file. */
    readonly uid?: number;
  } = {},
): Promise<BinRun> {
  const env: Record<string, string | undefined> = {
    ...process.env,
    FORCE_COLOR: undefined,
    NO_COLOR: undefined,
    SWITCHYARD_CACHE_DIR: testCacheDir(),
    ...options.env,
  };
  const started = performance.now();
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      [BIN, ...args],
      {
        cwd: options.cwd ?? REPO_ROOT,
        env,
        maxBuffer: 256 * 1024 * 1024,
        ...(options.uid === undefined ? {} : { uid: options.uid, gid: options.uid }),
      },
      (error, stdout, stderr) => {
        const failed = error as (Error & { code?: unknown; signal?: NodeJS.Signals | null }) | null;
        resolve({
          code: failed === null ? 0 : typeof failed.code === "number" ? failed.code : -1,
          signal: failed?.signal ?? null,
          stdout,
          stderr,
          ms: performance.now() - started,
        });
      },
    );
  });
}
