import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { HANG_GUARD_MS } from "@switchyard/test-utils";

const run = promisify(execFile);

/** What promtool said: its exit code and both streams. */
export interface PromtoolResult {
  readonly code: number;
  readonly output: string;
}

/**
 * Run Debian's `promtool` (package `prometheus`; `.ci/run` installs it). A missing promtool is a
 * failure, never a skip.
 */
export async function promtool(args: readonly string[], cwd?: string): Promise<PromtoolResult> {
  try {
    const { stdout, stderr } = await run("promtool", [...args], { cwd, timeout: HANG_GUARD_MS });
    return { code: 0, output: stdout + stderr };
  } catch (error) {
    const e = error as NodeJS.ErrnoException & { code?: unknown; stdout?: string; stderr?: string };
    if (e.code === "ENOENT") {
      throw new Error(
        "promtool is not installed: `apt-get install -y prometheus` (Debian ships promtool in it)",
      );
    }
    return { code: typeof e.code === "number" ? e.code : -1, output: `${e.stdout ?? ""}${e.stderr ?? ""}` };
  }
}
