/**
 * Golden outputs of commands other than `validate` (whose goldens live beside examples/broken):
 * `goldens/<name>.txt` is the exact stdout, then stderr, then `exit: <code>` of one run without
 * colour. `UPDATE_GOLDENS=1` rewrites them; review the diff before committing.
 */
import { existsSync } from "node:fs";
import { readFile, writeFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { REPO_ROOT } from "./test-support/paths.js";
import { copyExample, runCli } from "./test-support/run.js";

const update = process.env.UPDATE_GOLDENS === "1";

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
    const path = fileURLToPath(new URL(`./goldens/${name}.txt`, import.meta.url));
    if (update) await writeFile(path, actual);
    expect(existsSync(path), `${path} is missing; run with UPDATE_GOLDENS=1 to create it`).toBe(true);
    expect(actual).toBe(await readFile(path, "utf8"));
  });
});
