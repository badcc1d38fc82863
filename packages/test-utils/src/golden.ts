/**
 * Golden files: a committed file holds the exact output a test expects.
 *
 * A normal run compares. `UPDATE_GOLDENS=1` rewrites a golden that differs, prints the unified diff
 * of what changed, and still FAILS that test (its error names the file and holds the diff), so an
 * update run is never green:
 * review the diffs (`git diff`), then run again without `UPDATE_GOLDENS` to see it pass. A wrong
 * output therefore never becomes the golden silently. Under CI an update run is refused.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, relative } from "node:path";
import { createTwoFilesPatch } from "diff";
import { expect } from "vitest";
import { underCi } from "./tools.js";

/** True when this run rewrites goldens (`UPDATE_GOLDENS=1`). */
export function updatingGoldens(env: NodeJS.ProcessEnv = process.env): boolean {
  return env.UPDATE_GOLDENS === "1";
}

/** The unified diff (jsdiff, the library config-schema's diffs use) of a golden's old and new text. */
export function goldenDiff(before: string, after: string, name: string): string {
  return createTwoFilesPatch(`a/${name}`, `b/${name}`, before, after, undefined, undefined, { context: 2 })
    .split("\n")
    .slice(1)
    .join("\n");
}

/**
 * Expect `actual` to equal the golden file at `path` (see the module comment for update mode).
 * `label` names the golden in messages (default: the path relative to the working directory).
 */
export function expectGolden(
  actual: string,
  path: string,
  label = relative(process.cwd(), path),
  env: NodeJS.ProcessEnv = process.env,
): void {
  const exists = existsSync(path);
  const expected = exists ? readFileSync(path, "utf8") : undefined;
  if (updatingGoldens(env)) {
    if (underCi(env))
      throw new Error("UPDATE_GOLDENS=1 under CI: goldens are updated on a developer's machine");
    if (expected === actual) return;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, actual);
    const diff = goldenDiff(expected ?? "", actual, label);
    const what = `UPDATE_GOLDENS rewrote ${label}${exists ? "" : " (new)"}`;
    process.stderr.write(`\n${what}:\n${diff}`);
    throw new Error(`${what}: review what changed, then run again without UPDATE_GOLDENS\n${diff}`);
  }
  expect(exists, `${label} is missing: run with UPDATE_GOLDENS=1 to create it, then review it`).toBe(true);
  if (actual === expected) return;
  // The message holds the diff (golden → actual), so a caller that collects failures shows it too.
  expect(
    actual,
    `${label} differs from its golden (UPDATE_GOLDENS=1 rewrites it and shows the diff):\n${goldenDiff(expected ?? "", actual, label)}`,
  ).toBe(expected);
}
