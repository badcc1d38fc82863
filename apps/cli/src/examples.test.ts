/**
 * `examples/config` is exactly what `switchyard init` writes, so the two can never drift, and it is
 * valid with no findings at all. `UPDATE_EXAMPLES=1` rewrites it from the templates.
 */
import { readdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { goldenDiff, tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { main } from "./cli.js";
import { memoryIO } from "./test-support/memory-io.js";
import { EXAMPLES_CONFIG, REPO_ROOT } from "./test-support/paths.js";

async function readTree(dir: string): Promise<Map<string, Buffer>> {
  const names = (await readdir(dir)).sort();
  return new Map(await Promise.all(names.map(async (n) => [n, await readFile(join(dir, n))] as const)));
}

describe("examples/config", () => {
  it("is byte for byte what `switchyard init` writes", async () => {
    const cwd = await tempDir("switchyard-examples-");
    expect(await main(["init", "out"], memoryIO(cwd))).toBe(0);
    const produced = await readTree(join(cwd, "out"));
    if (process.env.UPDATE_EXAMPLES === "1") {
      // The update prints what it changed, so the rewritten example set is reviewed, not taken on trust.
      const before = await readTree(EXAMPLES_CONFIG);
      for (const name of await readdir(EXAMPLES_CONFIG)) await rm(join(EXAMPLES_CONFIG, name));
      for (const [name, bytes] of produced) await writeFile(join(EXAMPLES_CONFIG, name), bytes);
      for (const name of new Set([...before.keys(), ...produced.keys()])) {
        const was = before.get(name)?.toString("utf8") ?? "";
        const now = produced.get(name)?.toString("utf8") ?? "";
        if (was !== now)
          process.stderr.write(
            `\nUPDATE_EXAMPLES rewrote examples/config/${name}:\n${goldenDiff(was, now, `examples/config/${name}`)}`,
          );
      }
    }
    const committed = await readTree(EXAMPLES_CONFIG);
    expect([...committed.keys()]).toEqual([...produced.keys()]);
    for (const [name, bytes] of produced) {
      expect(
        committed.get(name)?.toString("utf8"),
        `examples/config/${name} differs from init; UPDATE_EXAMPLES=1 rewrites it`,
      ).toBe(bytes.toString("utf8"));
    }
  });

  it("validates with exit 0 and no findings", async () => {
    const io = memoryIO(REPO_ROOT);
    expect(await main(["validate", "examples/config", "--json"], io)).toBe(0);
    const report = JSON.parse(io.stdoutText()) as { diagnostics: unknown[] };
    expect(report.diagnostics).toEqual([]);
  });
});
