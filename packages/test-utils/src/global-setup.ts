/**
 * The global set-up of every package's test run (vitest.shared.ts lists it): the run gets a private,
 * empty temp directory (`TMPDIR`) and home (`HOME`, with the XDG directories inside it), so nothing
 * a test or a process it starts writes can land in the machine's /tmp or the user's home. When the
 * run ends, anything left in either is listed and the run FAILS (exit code 1): every test removes
 * what it creates (`tempDir()` does it for you) and points caches at its temp directory. Then both
 * are removed.
 */

import { chmodSync, mkdirSync, mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative } from "node:path";
import { plural } from "@switchyard/config-schema/text";

let root: string | undefined;

/** Paths under `dir`, relative to it, at most `depth` levels down (a leftover's name says whose it is). */
export function listTree(dir: string, depth = 3): string[] {
  const out: string[] = [];
  const visit = (current: string, level: number) => {
    let entries: import("node:fs").Dirent[];
    try {
      entries = readdirSync(current, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries) {
      const path = join(current, entry.name);
      out.push(relative(dir, path) + (entry.isDirectory() ? "/" : ""));
      if (entry.isDirectory() && level < depth) visit(path, level + 1);
    }
  };
  visit(dir, 1);
  return out.sort();
}

export function setup(): void {
  root = mkdtempSync(join(tmpdir(), "sy-test-run-"));
  const tmp = join(root, "tmp");
  const home = join(root, "home");
  // Like /tmp: every user may create entries (a test runs the CLI as an unprivileged user on a
  // copy in the temp directory), none may remove another's.
  chmodSync(root, 0o755);
  mkdirSync(tmp);
  chmodSync(tmp, 0o1777);
  mkdirSync(home);
  process.env.TMPDIR = tmp;
  process.env.HOME = home;
  for (const name of ["XDG_CACHE_HOME", "XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME"])
    delete process.env[name];
}

export function teardown(): void {
  if (root === undefined) return;
  const report: string[] = [];
  for (const [what, dir] of [
    ["temp directory", join(root, "tmp")],
    ["home directory", join(root, "home")],
  ] as const) {
    const left = listTree(dir);
    if (left.length > 0) {
      report.push(`The tests left ${plural(left.length, "entry", "entries")} in the ${what} (${dir}):`);
      for (const p of left.slice(0, 50)) report.push(`  ${p}`);
      if (left.length > 50) report.push(`  … and ${left.length - 50} more`);
    }
  }
  rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  root = undefined;
  if (report.length > 0) {
    process.stderr.write(
      `\n${report.join("\n")}\nEvery test removes what it creates (tempDir() from @switchyard/test-utils does it) and points caches at its temp directory.\n`,
    );
    process.exitCode = 1;
  }
}
