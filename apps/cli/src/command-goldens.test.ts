/**
 * Golden outputs of commands other than `validate` (whose goldens live beside examples/broken):
 * `goldens/<name>.txt` is the exact stdout, then stderr, then `exit: <code>` of one run without
 * colour. `UPDATE_GOLDENS=1` rewrites those that differ, prints each diff and fails the run; review
 * the diff, then run again without it.
 */
import { fileURLToPath } from "node:url";
import { expectGolden } from "@switchyard/test-utils";
import { describe, it } from "vitest";
import { REPO_ROOT } from "./test-support/paths.js";
import { copyExample, runCli } from "./test-support/run.js";

interface GoldenCase {
  readonly name: string;
  readonly argv: readonly string[];
  /** The working directory (default: the repository root). */
  readonly cwd?: () => Promise<string>;
}

const CASES: readonly GoldenCase[] = [
  { name: "migrate-check-legacy-v1", argv: ["migrate", "--config-dir", "examples/legacy-v1"] },
  { name: "migrate-dry-run-legacy-v1", argv: ["migrate", "--dry-run", "--config-dir", "examples/legacy-v1"] },
  { name: "audit-examples-config", argv: ["audit"], cwd: () => copyExample("config", { git: true }) },
  { name: "audit-help", argv: ["audit", "--help"] },
];

describe("command goldens", () => {
  it.each(CASES)("$name", async ({ name, argv, cwd }) => {
    const { code, stdout, stderr } = await runCli(argv, cwd === undefined ? REPO_ROOT : await cwd());
    const actual = `${stdout}${stderr}exit: ${code}\n`;
    expectGolden(
      actual,
      fileURLToPath(new URL(`./goldens/${name}.txt`, import.meta.url)),
      `goldens/${name}.txt`,
    );
  });
});
