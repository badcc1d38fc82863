/**
 * Golden tests for `examples/broken/<case>/`: each case's `expected.txt` is the exact output of
 * `switchyard validate examples/broken/<case>` (pretty, no colour, cwd = repo root) followed by
 * `exit: <code>`. Every directory is picked up automatically. `UPDATE_GOLDENS=1` rewrites the ones
 * that differ, prints the diff of each and fails, so that a wrong output never becomes a golden
 * unseen: review the diff, then run again without it.
 */
import { readdirSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { expectGolden } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { main } from "./cli.js";
import { memoryIO } from "./test-support/memory-io.js";
import { EXAMPLES_BROKEN, REPO_ROOT } from "./test-support/paths.js";

const cases = readdirSync(EXAMPLES_BROKEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory())
  .map((entry) => entry.name)
  .sort();

/**
 * Cases without a code frame: findings about whole files (missing, misnamed) have no line, and a file
 * that is not UTF-8 has no decoded text (`YamlSource.text` is "" then, so `collectSources` skips it).
 */
const NO_FRAME = new Set(["missing-required-file", "misnamed-file"]);
/** Cases about whole files: no line and column either. */
const NO_LOCATION = new Set(["missing-required-file", "misnamed-file"]);

async function validateOutput(name: string): Promise<string> {
  const io = memoryIO(REPO_ROOT);
  const code = await main(["validate", `examples/broken/${name}`], io);
  return `${io.stdoutText()}${io.stderrText()}exit: ${code}\n`;
}

describe("examples/broken", () => {
  it("holds at least a dozen cases", () => {
    expect(cases.length).toBeGreaterThanOrEqual(12);
  });

  it.each(cases)("%s matches expected.txt", async (name) => {
    const dir = join(EXAMPLES_BROKEN, name);
    const readme = await readFile(join(dir, "README.md"), "utf8").catch(() => "");
    expect(readme.trim(), `${name}/README.md: one line saying what is broken and what to expect`).toMatch(
      /^[^\n]+$/,
    );

    const actual = await validateOutput(name);
    expectGolden(actual, join(dir, "expected.txt"), `examples/broken/${name}/expected.txt`);

    expect(actual).toMatch(/(error|warning)\[SY\d{4}\]/);
    expect(actual).toMatch(/^exit: [012]$/m);
    if (!NO_LOCATION.has(name)) {
      expect(actual, "a file:line:col location").toMatch(
        new RegExp(`--> examples/broken/${name}/[\\w.-]+:\\d+:\\d+`),
      );
    }
    if (!NO_FRAME.has(name)) expect(actual, "a code frame with a caret").toMatch(/^> *\d+ \| .*\n *\| *\^+/m);
  });
});
