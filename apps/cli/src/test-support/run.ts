import { execFileSync } from "node:child_process";
import { cp, readdir, readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir as removedAfterFile } from "@switchyard/test-utils";
import { main } from "../cli.js";
import { memoryIO } from "./memory-io.js";
import { REPO_ROOT } from "./paths.js";

/** `examples/<name>` in the repository. */
export function example(name: string): string {
  return fileURLToPath(new URL(`../../../../examples/${name}/`, import.meta.url));
}

/** What one in-process run of the CLI printed and returned. */
export interface CliRun {
  readonly code: number;
  readonly stdout: string;
  readonly stderr: string;
}

/** Run `switchyard <argv>` in-process with `cwd` as its working directory, no colour, and `env`. */
export async function runCli(
  argv: readonly string[],
  cwd: string = REPO_ROOT,
  env: Record<string, string> = {},
): Promise<CliRun> {
  const io = memoryIO(cwd, { env });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

/** A fresh temporary directory, removed after the test file (`@switchyard/test-utils`). */
export function tempDir(prefix = "switchyard-cli-"): Promise<string> {
  return removedAfterFile(prefix);
}

/**
 * A temporary working directory holding a copy of `examples/<name>` as `<into>` (default `config`);
 * with `git`, the working directory is a fresh git repository with every file added to its index
 * (what the audit's version-control check reads).
 */
export async function copyExample(
  name: string,
  options: { readonly into?: string; readonly git?: boolean } = {},
): Promise<string> {
  const cwd = await tempDir();
  await cp(example(name), join(cwd, options.into ?? "config"), { recursive: true });
  if (options.git === true) {
    execFileSync("git", ["init", "-q", cwd]);
    execFileSync("git", ["-C", cwd, "add", "-A"]);
  }
  return cwd;
}

/** Every file of a directory (not recursing) with its bytes, sorted by name. */
export async function snapshotDir(dir: string): Promise<Map<string, string>> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile())
    .map((e) => e.name)
    .sort();
  return new Map(
    await Promise.all(files.map(async (n) => [n, await readFile(join(dir, n), "utf8")] as const)),
  );
}
