/**
 * Every fuzz regression (`fuzz/regressions/<name>/config`, an input a fuzz run once failed on) is
 * replayed through the fuzz harness (`fuzz/run.mjs --count 0`): the built CLI's `main` in worker
 * processes, each command after the other in one process as a server would run them (the abort of
 * seed 20261205-476 needed exactly that), and every command also as a real `switchyard` process. The
 * harness holds each run to its rules: a documented exit code, never 70; no crash; no hang (CPU time
 * or no progress, not wall time); one JSON document for a JSON format; `validate`'s exit 1 with a
 * located diagnostic; never the planted secret. Nothing may be found. A regression's `fifo.txt` names
 * files the harness makes as FIFOs (a blocked read is a hang the harness detects by CPU time).
 */
import { spawn } from "node:child_process";
import { existsSync } from "node:fs";
import { readdir } from "node:fs/promises";
import { join } from "node:path";
import { processTestConfig } from "@switchyard/test-utils";
import { beforeAll, expect, it, vi } from "vitest";
import { requireBuiltCli } from "./test-support/built.js";
import { REPO_ROOT } from "./test-support/paths.js";

// The harness runs to its exit (an event); the ceiling is a hang guard only.
vi.setConfig(processTestConfig);
beforeAll(requireBuiltCli);

interface Summary {
  readonly regressions: number;
  readonly inputs: number;
  readonly failing: number;
  readonly codes: Record<string, number>;
  readonly findings: readonly { label: string; found: { command: string; problem: string }[] }[];
}

function harness(): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    const child = spawn(
      process.execPath,
      [join(REPO_ROOT, "fuzz", "run.mjs"), "--count", "0", "--process-every", "1", "--json"],
      { cwd: REPO_ROOT, stdio: ["ignore", "pipe", "pipe"] },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.setEncoding("utf8").on("data", (c: string) => (stdout += c));
    child.stderr.setEncoding("utf8").on("data", (c: string) => (stderr += c));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

it("every fuzz/regressions input passes the harness's checks, in workers and as processes", async () => {
  const names = await readdir(join(REPO_ROOT, "fuzz", "regressions"));
  expect(names.length).toBeGreaterThanOrEqual(2);
  // The blocked-hang class (a FIFO where a config file should be) stays tested: git cannot store a
  // FIFO, so those regressions list theirs in fifo.txt and the harness makes them at run time.
  const withFifos = names.filter((name) =>
    existsSync(join(REPO_ROOT, "fuzz", "regressions", name, "fifo.txt")),
  );
  expect(withFifos).toEqual(expect.arrayContaining(["fifo-providers-yaml", "fifo-switchyard-yaml"]));
  const run = await harness();
  const start = run.stdout.indexOf("\n{\n");
  expect(start, `no JSON summary in: ${run.stdout}${run.stderr}`).toBeGreaterThan(0);
  const summary = JSON.parse(run.stdout.slice(start)) as Summary;
  const found = summary.findings.flatMap((f) => f.found.map((p) => `${f.label}: ${p.command}: ${p.problem}`));
  expect(found).toEqual([]);
  expect(run.code).toBe(0);
  expect(summary.regressions).toBe(names.length);
  expect(summary.inputs).toBe(names.length);
  // Four commands per input ran to an exit code (a hang or a crash is counted under its own key).
  const ran = Object.entries(summary.codes).filter(([key]) => /^\w+ \d+$/.test(key));
  expect(ran.reduce((n, [, count]) => n + count, 0)).toBe(4 * names.length);
});
