/**
 * A working directory for running the docs' commands as a reader would: a fresh temp directory
 * (removed after the test file), a `switchyard` on PATH that runs this checkout's built CLI, no
 * colour, and a compile cache inside the temp directory.
 */
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { tempDir } from "@switchyard/test-utils";

const BIN = fileURLToPath(new URL("../../apps/cli/bin/switchyard.cjs", import.meta.url));

export interface CliWorkspace {
  /** The directory to run commands in (empty). */
  readonly cwd: string;
  /** Where files outside `cwd` may go (`GITHUB_STEP_SUMMARY`, …). */
  readonly root: string;
  readonly env: NodeJS.ProcessEnv;
}

export async function cliWorkspace(prefix: string): Promise<CliWorkspace> {
  const root = await tempDir(prefix);
  const bin = join(root, ".bin");
  await mkdir(bin);
  await writeFile(join(bin, "switchyard"), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`, {
    mode: 0o755,
  });
  const cwd = join(root, "work");
  await mkdir(cwd);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PATH: `${bin}:${process.env.PATH ?? ""}`,
    NO_COLOR: "1",
    SWITCHYARD_CACHE_DIR: join(root, ".cache"),
  };
  for (const name of [
    "FORCE_COLOR",
    "LITELLM_MASTER_KEY",
    "GITHUB_ACTIONS",
    "GITHUB_WORKSPACE",
    "SWITCHYARD_TOKEN",
  ])
    delete env[name];
  return { cwd, root, env };
}
