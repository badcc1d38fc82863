import { rm } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { afterAll, describe, expect, it } from "vitest";
import { REPO_ROOT } from "../test/helpers.js";
import { writeLargeSet } from "../test/large-set.js";
import { runAudit } from "./run.js";

/**
 * Milliseconds of CPU time (user + system) `fn` takes. CPU time rather than wall time: CI machines and
 * this one are shared, and waiting for a core is not the audit's cost.
 */
async function cpuMs(fn: () => Promise<unknown>): Promise<number> {
  const before = process.cpuUsage();
  await fn();
  const used = process.cpuUsage(before);
  return (used.user + used.system) / 1000;
}

const large: string[] = [];
afterAll(() => Promise.all(large.map((d) => rm(d, { recursive: true, force: true }))));

describe("performance", () => {
  it("audits examples/config in-process in under 150 ms", async () => {
    await runAudit(await loadConfigSet(join(REPO_ROOT, "examples", "config"))); // warm up the modules
    const set = await loadConfigSet(join(REPO_ROOT, "examples", "config"));
    const ms = await cpuMs(() => runAudit(set));
    expect(ms).toBeLessThan(150);
  });

  it("audits a 20,000-model set in under 1 s", { timeout: 120_000 }, async () => {
    const dir = await writeLargeSet(20_000);
    large.push(dir);
    const set = await loadConfigSet(dir, { cwd: dir });
    expect(set.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    let result: Awaited<ReturnType<typeof runAudit>> | undefined;
    const ms = await cpuMs(async () => {
      result = await runAudit(set, { cwd: dir });
    });
    expect(result?.findings.map((f) => f.id)).toEqual(["SY5201", "SY5202", "SY5204"]);
    expect(ms).toBeLessThan(1000);
  });
});
