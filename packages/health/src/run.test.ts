import { performance } from "node:perf_hooks";
import { freePort } from "@switchyard/test-utils";
import { afterAll, expect, test } from "vitest";
import { startBackend, stopAll } from "../test/stand-ins.mjs";
import type { ProbeTarget } from "./probes/types.js";
import { runHealthProbes } from "./run.js";

afterAll(stopAll);

test("runs at most `concurrency` probes at once, keeps the targets' order, and times each", async () => {
  const servers = await Promise.all(
    Array.from({ length: 6 }, () => startBackend("ollama", { models: ["m:1"] })),
  );
  const targets: ProbeTarget[] = servers.map((s, i) => ({
    kind: "ollama",
    id: `o${i}`,
    url: `http://127.0.0.1:${s.port}`,
  }));
  let inFlight = 0;
  let most = 0;
  const results = await runHealthProbes(targets, {
    concurrency: 2,
    onStart: () => {
      inFlight++;
      most = Math.max(most, inFlight);
    },
    onResult: () => {
      inFlight--;
    },
  });
  expect(most).toBe(2);
  expect(results.map((r) => r.id)).toEqual(["o0", "o1", "o2", "o3", "o4", "o5"]);
  for (const r of results) {
    expect(r).toMatchObject({
      status: "healthy",
      attempts: 1,
      target: `http://127.0.0.1:${servers[results.indexOf(r)]!.port}`,
    });
    expect(r.latencyMs).toBeGreaterThanOrEqual(0);
    expect(r.latencyMs).toBeLessThanOrEqual(r.totalMs);
  }
});

test("retries what may change with exponential backoff, and not what will not", async () => {
  const port = await freePort();
  const start = performance.now();
  const [down] = await runHealthProbes([{ kind: "vllm", id: "v", url: `http://127.0.0.1:${port}/v1` }], {
    retries: 2,
    backoffMs: 50,
  });
  expect(down).toMatchObject({ status: "down", attempts: 3 });
  // 50 ms, then 100 ms between the three attempts.
  expect(down!.totalMs).toBeGreaterThanOrEqual(145);
  expect(performance.now() - start).toBeGreaterThanOrEqual(145);
  const loading = await startBackend("llamacpp", { loadingMs: "forever" });
  const [result] = await runHealthProbes(
    [{ kind: "llamacpp", id: "l", url: `http://127.0.0.1:${loading.port}/v1` }],
    {
      retries: 2,
      backoffMs: 50,
    },
  );
  expect(result).toMatchObject({ status: "loading", attempts: 1 });
});

test("a per-request timeout bounds a server that never answers", async () => {
  const busy = await startBackend("llamacpp-python", { busy: true });
  const [result] = await runHealthProbes(
    [{ kind: "llamacpp-python", id: "p", url: `http://127.0.0.1:${busy.port}/v1` }],
    { timeoutMs: 300, retries: 0 },
  );
  expect(result).toMatchObject({ status: "busy", attempts: 1 });
  expect(result!.latencyMs).toBeGreaterThanOrEqual(290);
  expect(result!.latencyMs).toBeLessThan(2000);
});
