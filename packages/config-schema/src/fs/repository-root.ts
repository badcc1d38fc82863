import { statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import type { SourceRoot } from "../render/source-root.js";

function exists(path: string): boolean {
  try {
    statSync(path);
    return true;
  } catch {
    return false;
  }
}

/**
 * The root of the repository `start` is in: `GITHUB_WORKSPACE` when it is set (the checkout GitHub
 * Actions resolves annotation and SARIF paths against), else the nearest directory at or above
 * `start` holding `.git` (a directory, or the file a worktree or submodule has). `undefined` when
 * there is neither.
 */
export function findRepositoryRoot(
  start: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  const workspace = env.GITHUB_WORKSPACE;
  if (workspace !== undefined && workspace !== "" && isAbsolute(workspace)) return resolve(workspace);
  let dir = resolve(start);
  for (;;) {
    if (exists(resolve(dir, ".git"))) return dir;
    const parent = dirname(dir);
    if (parent === dir) return undefined;
    dir = parent;
  }
}

/**
 * The {@link SourceRoot} of a run in `cwd`: the repository root ({@link findRepositoryRoot}, else
 * `cwd` itself) and a check that a path is an existing regular file.
 */
export function sourceRootFor(
  cwd: string,
  env: Readonly<Record<string, string | undefined>> = process.env,
): SourceRoot {
  return {
    cwd: resolve(cwd),
    root: findRepositoryRoot(cwd, env) ?? resolve(cwd),
    isFile: (path) => {
      try {
        return statSync(path).isFile();
      } catch {
        return false;
      }
    },
  };
}
