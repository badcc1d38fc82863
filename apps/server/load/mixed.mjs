#!/usr/bin/env node
// Mixed read/write load on a real switchyard-server process (issue #17 "Load"): flag evaluations,
// OFREP bulk evaluations, config validation and concurrent flag changes with If-Match, for a fixed
// time. It fails (exit 1) on any 5xx or transport error, on a lost update (an acknowledged change
// missing from the final state, a removed id still there, one version acknowledged for two
// definitions or two changes, an acknowledged change missing from or different in the history, a
// history that does not end at the final version), or when memory grows 10% or more after the
// warm-up: the live heap after a full collection (asked through the server's inspector) or the
// floor of resident memory (a leak raises it; the collector's saw-tooth does not). It prints
// throughput and p50/p99 per kind of request either way and judges neither (CI runs it on a busy
// 2-core machine).
//
//   node apps/server/load/mixed.mjs [--duration S] [--warmup S] [--json]
//   pnpm test:load     60 s (SWITCHYARD_LOAD_SECONDS sets another length)
//   pnpm soak          10 minutes, on demand
//
// Readiness is the server's `listening` log line (an event), never a sleep.
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { Agent, request } from "node:http";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { parseArgs } from "node:util";
import { SERVER_BIN, startServerProcess } from "../test/server-process.mjs";

// Node 20 has WebSocket (for the server's inspector) behind a flag: run again with it.
if (typeof WebSocket === "undefined") {
  const again = spawnSync(
    process.execPath,
    ["--experimental-websocket", ...process.execArgv, ...process.argv.slice(1)],
    { stdio: "inherit" },
  );
  process.exit(again.status ?? 1);
}

const { values } = parseArgs({
  options: {
    duration: { type: "string" },
    warmup: { type: "string" },
    "write-interval": { type: "string" },
    // Which kinds of traffic run (default all): evaluate, bulk, validate, writes.
    mix: { type: "string" },
    json: { type: "boolean" },
  },
});
const DURATION_S = Number(values.duration ?? process.env.SWITCHYARD_LOAD_SECONDS ?? 60);
const WARMUP_S = Number(values.warmup ?? Math.max(10, Math.round(DURATION_S / 4)));
if (!(DURATION_S > WARMUP_S) || !(WARMUP_S > 0)) {
  process.stderr.write(`mixed load: --duration (${DURATION_S}) must exceed --warmup (${WARMUP_S}) > 0\n`);
  process.exit(2);
}
const RSS_GROWTH_LIMIT = 0.1;
// Each writer rests this long after a change it got through: changes are a small share of the
// traffic (as in production), and every change leaves a backup file beside the flags file.
const WRITE_INTERVAL_MS = Number(values["write-interval"] ?? 100);
/** The pause between two validations of the whole config directory (a heavy, occasional request). */
const VALIDATE_INTERVAL_MS = 250;
/** How many of its ids a whitelist writer keeps on the flag: it removes its oldest as it adds. */
const HELD_PER_WRITER = 25;

const root = new URL("../../../", import.meta.url);
const ADMIN = "load-admin-token-0123456789abcdef";
const READ = "load-read-token-0123456789abcdef";

// The repository's example config set (validated by the validate requests), with 100 flags of
// every kind, 4 flags the rollout writers own together and one whose whitelist every list writer
// appends to.
const dir = mkdtempSync(join(tmpdir(), "sy-load-"));
// The server's inspector, on loopback, is how its live heap is measured (see liveHeapNow).
const MEMORY_FLAGS = ["--inspect=127.0.0.1:0"];
cpSync(new URL("examples/config", root), dir, { recursive: true });
const lines = ['schema_version: "2.0.0"', "flags:"];
for (let i = 0; i < 100; i++) {
  lines.push(`  flag-${i}:`, "    enabled: true");
  if (i % 3 === 1) lines.push(`    rollout_percentage: ${(i * 7) % 100}`);
  if (i % 5 === 2) lines.push("    whitelist: [user-1, user-2]");
}
for (let i = 0; i < 4; i++) lines.push(`  rollout-${i}:`, "    enabled: true", "    rollout_percentage: 0");
lines.push("  load-target:", "    enabled: true", "    rollout_percentage: 0", "    whitelist: []");
writeFileSync(join(dir, "feature-flags.yaml"), `${lines.join("\n")}\n`);

/** Start the server and resolve with its URL at its `listening` line (its log lines are drained). */
function startServer() {
  return startServerProcess({
    // The live heap is measured through the inspector: see liveHeapNow below.
    command: [process.execPath, ...MEMORY_FLAGS, SERVER_BIN],
    args: ["--config-dir", dir, "--port", "0", "--rate-limit", "off"],
    env: {
      SWITCHYARD_ADMIN_TOKEN: ADMIN,
      SWITCHYARD_READ_TOKEN: READ,
      SWITCHYARD_TOKENS_FILE: "",
      SWITCHYARD_LOG_LEVEL: "",
    },
  });
}

const server = await startServer();
/**
 * The server's live heap: what a full collection leaves, asked through its inspector (Chrome
 * DevTools protocol: HeapProfiler.collectGarbage, then Runtime.getHeapUsage). Unlike resident
 * memory, which moves with the collector's saw-tooth, it grows only with what the server keeps.
 */
const inspectorUrl = /ws:\/\/\S+/.exec(server.stderr())?.[0];
const inspector = inspectorUrl === undefined ? undefined : new WebSocket(inspectorUrl);
const inspectorReady =
  inspector === undefined
    ? Promise.resolve(false)
    : new Promise((resolve) => {
        inspector.addEventListener("open", () => resolve(true));
        inspector.addEventListener("error", () => resolve(false));
      });
const inspectorCalls = new Map();
inspector?.addEventListener("message", (event) => {
  const message = JSON.parse(String(event.data));
  inspectorCalls.get(message.id)?.(message.result);
  inspectorCalls.delete(message.id);
});
let inspectorId = 0;
function inspect(method) {
  const id = ++inspectorId;
  return new Promise((resolve) => {
    inspectorCalls.set(id, resolve);
    inspector.send(JSON.stringify({ id, method }));
  });
}
/** The server's live heap (MB) after a full collection, or undefined without its inspector. */
async function liveHeapNow() {
  if (!(await inspectorReady)) return undefined;
  await inspect("HeapProfiler.collectGarbage");
  const usage = await inspect("Runtime.getHeapUsage");
  return Number((usage.usedSize / 2 ** 20).toFixed(1));
}
const { hostname, port } = new URL(server.url);
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

/** One HTTP exchange: status, parsed JSON body (or undefined), headers, milliseconds taken. */
function call(method, path, { token = READ, body, headers = {} } = {}) {
  const payload = body === undefined ? undefined : JSON.stringify(body);
  const start = performance.now();
  return new Promise((resolve) => {
    const req = request(
      {
        agent,
        hostname,
        port,
        method,
        path,
        headers: {
          authorization: `Bearer ${token}`,
          ...(payload === undefined
            ? {}
            : { "content-type": "application/json", "content-length": Buffer.byteLength(payload) }),
          ...headers,
        },
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (c) => {
          text += c;
        });
        res.on("end", () => {
          let json;
          try {
            json = text === "" ? undefined : JSON.parse(text);
          } catch {}
          resolve({ status: res.statusCode, json, headers: res.headers, ms: performance.now() - start });
        });
        res.on("error", (error) => resolve({ status: 0, error, ms: performance.now() - start }));
      },
    );
    req.on("error", (error) => resolve({ status: 0, error, ms: performance.now() - start }));
    req.end(payload);
  });
}

// ---- what happened -------------------------------------------------------------------------
const stats = new Map(); // kind → { latencies: number[], statuses: Map<number, number> }
const failures = [];
function record(kind, answer) {
  let s = stats.get(kind);
  if (s === undefined) {
    s = { latencies: [], statuses: new Map() };
    stats.set(kind, s);
  }
  s.latencies.push(answer.ms);
  s.statuses.set(answer.status, (s.statuses.get(answer.status) ?? 0) + 1);
  if (answer.status >= 500 || answer.status === 0) {
    if (failures.length < 20) {
      failures.push(
        `${kind}: ${answer.status || answer.error?.code || answer.error?.message} ${JSON.stringify(answer.json ?? "")}`,
      );
    }
  }
}

/**
 * Acknowledged changes: per whitelist writer the ids it added and has not removed (they must be in
 * the final whitelist) and those it removed (they must not); per rollout flag the highest
 * acknowledged version and its percentage.
 */
const held = [];
const removed = [];
let acknowledgedLists = 0;
const rolloutAcks = new Map(); // flag → { version, percentage }
const reusedVersions = [];
/** Per rollout flag, every acknowledged version: its percentage and whether a change made it. */
const acknowledged = new Map();
let conflicts = 0;

const started = performance.now();
const endAt = started + DURATION_S * 1000;
const running = () => performance.now() < endAt;

async function reader(n) {
  let i = n;
  while (running()) {
    i = (i + 7) % 100;
    record("evaluate", await call("GET", `/api/v1/features/flag-${i}?user=user-${(i * 31 + n) % 1000}`));
  }
}

async function bulkReader(n) {
  let k = n;
  while (running()) {
    k++;
    record(
      "ofrep-bulk",
      await call("POST", "/ofrep/v1/evaluate/flags", {
        body: { context: { targetingKey: `user-${k % 500}` } },
      }),
    );
  }
}

/** Config validation as a deploy pipeline or a dashboard asks for it: every VALIDATE_INTERVAL_MS. */
async function validator() {
  while (running()) {
    record("validate", await call("GET", "/api/v1/config/validate"));
    await new Promise((resolve) => setTimeout(resolve, VALIDATE_INTERVAL_MS));
  }
}

/** The current version of a flag (its ETag). */
async function versionOf(flag) {
  const answer = await call("GET", `/api/v1/features/${flag}`);
  record("evaluate", answer);
  return answer.status === 200 ? answer.json.version : undefined;
}

/**
 * Add an id to load-target's whitelist (removing this writer's oldest once it holds enough) with
 * If-Match, retrying on 412 with the new version: a 200 is an acknowledged change.
 */
async function listWriter(w) {
  const mine = [];
  const gone = new Set();
  held[w] = mine;
  removed[w] = gone;
  let k = 0;
  while (running()) {
    const id = `w${w}-${k++}`;
    const drop = mine.length >= HELD_PER_WRITER ? mine[0] : undefined;
    const body = drop === undefined ? { add: [id] } : { add: [id], remove: [drop] };
    for (;;) {
      const version = await versionOf("load-target");
      if (version === undefined) break;
      const answer = await call("POST", "/api/v1/features/load-target/whitelist", {
        token: ADMIN,
        body,
        headers: { "if-match": `"${version}"` },
      });
      record("change", answer);
      if (answer.status === 200) {
        acknowledgedLists++;
        mine.push(id);
        if (drop !== undefined) gone.add(mine.shift());
        break;
      }
      if (answer.status !== 412 || !running()) break;
      conflicts++;
    }
    await rest();
  }
}

/** A writer's pause between changes. */
function rest() {
  return new Promise((resolve) => setTimeout(resolve, WRITE_INTERVAL_MS));
}

/** Set rollout percentages with If-Match on flags shared by the rollout writers. */
async function rolloutWriter(w) {
  let k = w;
  while (running()) {
    const flag = `rollout-${k % 4}`;
    const percentage = (k * 13) % 101;
    k++;
    const version = await versionOf(flag);
    if (version === undefined) continue;
    const answer = await call("POST", `/api/v1/features/${flag}/rollout/${percentage}`, {
      token: ADMIN,
      headers: { "if-match": `"${version}"` },
    });
    record("change", answer);
    if (answer.status === 200) {
      const done = { version: answer.json.version, percentage: answer.json.definition.rollout_percentage };
      const last = rolloutAcks.get(flag);
      // A version names one definition: a change that changed something has a version no other
      // change had, and every answer naming a version names the same percentage.
      const versions = acknowledged.get(flag) ?? new Map();
      acknowledged.set(flag, versions);
      const earlier = versions.get(done.version);
      if (
        earlier !== undefined &&
        (earlier.percentage !== done.percentage || (earlier.changed && answer.json.changed))
      )
        reusedVersions.push(
          `${flag}: v${done.version} acknowledged for ${done.percentage}% (changed: ${answer.json.changed}) after ${earlier.percentage}% (changed: ${earlier.changed})`,
        );
      if (earlier === undefined || answer.json.changed)
        versions.set(done.version, { percentage: done.percentage, changed: answer.json.changed });
      if (last === undefined || done.version > last.version) rolloutAcks.set(flag, done);
    } else if (answer.status === 412) conflicts++;
    await rest();
  }
}

/** Resident memory of the server (kB), from /proc. */
function rssKb() {
  const status = readFileSync(`/proc/${server.child.pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? Number.NaN);
}
/** The server's own memory figures from /metrics (prom-client's process metrics), in MB. */
async function heapFigures() {
  const res = await new Promise((resolve) => {
    const req = request(
      { agent, hostname, port, path: "/metrics", headers: { authorization: `Bearer ${READ}` } },
      (r) => {
        let text = "";
        r.setEncoding("utf8");
        r.on("data", (c) => {
          text += c;
        });
        r.on("end", () => resolve(text));
      },
    );
    req.on("error", () => resolve(""));
    req.end();
  });
  const value = (name) =>
    Number(new RegExp(`^${name} ([0-9.e+]+)`, "m").exec(res)?.[1] ?? Number.NaN) / 2 ** 20;
  return {
    heapUsed: Number(value("switchyard_nodejs_heap_size_used_bytes").toFixed(1)),
    heapTotal: Number(value("switchyard_nodejs_heap_size_total_bytes").toFixed(1)),
    external: Number(value("switchyard_nodejs_external_memory_bytes").toFixed(1)),
  };
}
let heapAfterWarmup;
let liveAfterWarmup;
setTimeout(async () => {
  heapAfterWarmup = await heapFigures();
}, WARMUP_S * 1000).unref();
// The first live heap is taken once the first quarter after the warm-up is over: the full
// collection it forces shrinks resident memory for a while, which must not fall in the windows
// whose resident memory is compared (the first and the last quarter).
setTimeout(
  async () => {
    liveAfterWarmup = await liveHeapNow();
  },
  (WARMUP_S + (DURATION_S - WARMUP_S) / 4) * 1000 + 500,
).unref();
const rssSamples = []; // [seconds since start, kB]
const sampler = setInterval(() => {
  rssSamples.push([(performance.now() - started) / 1000, rssKb()]);
}, 500);

const mix = new Set((values.mix ?? "evaluate,bulk,validate,writes").split(","));
const workers = [
  ...(mix.has("evaluate") ? Array.from({ length: 12 }, (_, n) => reader(n)) : []),
  ...(mix.has("bulk") ? Array.from({ length: 2 }, (_, n) => bulkReader(n)) : []),
  ...(mix.has("validate") ? [validator()] : []),
  ...(mix.has("writes") ? Array.from({ length: 4 }, (_, w) => listWriter(w)) : []),
  ...(mix.has("writes") ? Array.from({ length: 4 }, (_, w) => rolloutWriter(w)) : []),
];
await Promise.all(workers);
clearInterval(sampler);
const elapsedS = (performance.now() - started) / 1000;
const heapAtEnd = await heapFigures();
const liveAtEnd = await liveHeapNow();
// Detached before the server stops (an attached inspector session would hold its exit).
inspector?.close();

// ---- the final state: every acknowledged change is there ------------------------------------
const lostIds = [];
const target = await call("GET", "/api/v1/features", {});
const byName = new Map((target.json?.flags ?? []).map((f) => [f.name, f]));
const whitelist = new Set(byName.get("load-target")?.whitelist ?? []);
for (const mine of held) for (const id of mine) if (!whitelist.has(id)) lostIds.push(`${id} (added)`);
for (const gone of removed) for (const id of gone) if (whitelist.has(id)) lostIds.push(`${id} (removed)`);
const expectedSize = held.reduce((n, mine) => n + mine.length, 0);
if (whitelist.size !== expectedSize)
  lostIds.push(`the whitelist holds ${whitelist.size} ids, ${expectedSize} expected`);
const lostRollouts = [];
for (const [flag, ack] of rolloutAcks) {
  const now = byName.get(flag);
  // Later changes may exist (other writers), but never an older version than one acknowledged,
  // and at the acknowledged version the value is the acknowledged one.
  if (now === undefined || now.version < ack.version)
    lostRollouts.push(`${flag}: v${now?.version} < v${ack.version}`);
  else if (now.version === ack.version && now.rollout_percentage !== ack.percentage)
    lostRollouts.push(
      `${flag}: v${ack.version} holds ${now.rollout_percentage}, acknowledged ${ack.percentage}`,
    );
}
// The history agrees: its newest record of load-target is the final version.
const history = await call("GET", "/api/v1/features/load-target/history?limit=1");
const newest = history.json?.history?.[0]?.version;
// Every acknowledged rollout change is in its flag's history at its version, with its percentage,
// and no version is recorded twice.
const historyMismatches = [];
for (const [flag, versions] of acknowledged) {
  const records = (await call("GET", `/api/v1/features/${flag}/history?limit=1000`)).json?.history ?? [];
  // The route returns the newest 1000: older acknowledgements are not checked against it.
  const oldest = records.length < 1000 ? 0 : (records.at(-1)?.version ?? 0);
  const byVersion = new Map();
  for (const r of records) {
    if (byVersion.has(r.version)) historyMismatches.push(`${flag}: v${r.version} recorded twice`);
    byVersion.set(r.version, r);
  }
  for (const [version, ack] of versions) {
    const r = byVersion.get(version);
    if (version < oldest) continue;
    if (ack.changed && r === undefined) historyMismatches.push(`${flag}: v${version} is not in the history`);
    else if (r !== undefined && r.after.rollout_percentage !== ack.percentage)
      historyMismatches.push(
        `${flag}: v${version} acknowledged ${ack.percentage}%, recorded ${r.after.rollout_percentage}%`,
      );
  }
}

const exitCode = await (async () => {
  const exited = once(server.child, "exit");
  server.child.kill("SIGTERM");
  const [code] = await exited;
  return code;
})();
agent.destroy();
rmSync(dir, { recursive: true, force: true });

// ---- report ------------------------------------------------------------------------------
const pct = (sorted, p) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))] ?? 0;
const kinds = {};
let total = 0;
let fiveXX = 0;
for (const [kind, s] of stats) {
  const sorted = s.latencies.sort((a, b) => a - b);
  total += sorted.length;
  const statuses = Object.fromEntries([...s.statuses].sort((a, b) => a[0] - b[0]));
  for (const [status, count] of s.statuses) if (status >= 500 || status === 0) fiveXX += count;
  kinds[kind] = {
    requests: sorted.length,
    rps: Math.round(sorted.length / elapsedS),
    p50: Number(pct(sorted, 50).toFixed(2)),
    p99: Number(pct(sorted, 99).toFixed(2)),
    statuses,
  };
}
const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
// Resident memory moves with the GC's cycles: compare the median of the first quarter after the
// warm-up with the median of the last quarter, not two single samples.
const quarter = (elapsedS - WARMUP_S) / 4;
const within = (from, to) => rssSamples.filter(([at]) => at >= from && at <= to).map(([, kb]) => kb);
const afterWarmup = median(within(WARMUP_S, WARMUP_S + quarter)) ?? Number.NaN;
const atEnd = median(within(elapsedS - quarter, elapsedS)) ?? Number.NaN;
const peak = rssSamples.reduce((most, [at, kb]) => (at >= WARMUP_S && kb > most ? kb : most), 0);
// The verdict uses each window's floor: a leak raises the floor, the collector's saw-tooth (which
// moves the medians by ±15% on a busy machine) does not.
const lowest = (xs) => xs.reduce((low, x) => Math.min(low, x), Number.POSITIVE_INFINITY);
const floorAfterWarmup = lowest(within(WARMUP_S, WARMUP_S + quarter));
const floorAtEnd = lowest(within(elapsedS - quarter, elapsedS));
const growth = (floorAtEnd - floorAfterWarmup) / floorAfterWarmup;
// The live heap: after a full collection at the end against one after the warm-up.
const liveGrowth =
  liveAfterWarmup === undefined || liveAtEnd === undefined
    ? undefined
    : (liveAtEnd - liveAfterWarmup) / liveAfterWarmup;
const summary = {
  durationS: Number(elapsedS.toFixed(1)),
  warmupS: WARMUP_S,
  requests: total,
  rps: Math.round(total / elapsedS),
  kinds,
  fiveXX,
  changes: { whitelist: acknowledgedLists, rolloutFlags: rolloutAcks.size, conflicts412: conflicts },
  lost: { ids: lostIds, rollouts: lostRollouts },
  reusedVersions,
  historyMismatches,
  history: { newest, final: byName.get("load-target")?.version },
  rssMb: {
    afterWarmup: Number((afterWarmup / 1024).toFixed(1)),
    end: Number((atEnd / 1024).toFixed(1)),
    floorAfterWarmup: Number((floorAfterWarmup / 1024).toFixed(1)),
    floorAtEnd: Number((floorAtEnd / 1024).toFixed(1)),
    peak: Number((peak / 1024).toFixed(1)),
    growth: Number((growth * 100).toFixed(1)),
  },
  liveHeapMb: {
    afterWarmup: liveAfterWarmup,
    end: liveAtEnd,
    growth: liveGrowth === undefined ? undefined : Number((liveGrowth * 100).toFixed(1)),
  },
  heapMb: { afterWarmup: heapAfterWarmup, end: heapAtEnd },
  // Resident memory every 5 s (MB): a plateau is the heap settling, a slope is a leak.
  rssEvery5s: rssSamples.filter((_, i) => i % 10 === 0).map(([, kb]) => Math.round(kb / 1024)),
  serverExit: exitCode,
  load: loadavg().map((l) => Number(l.toFixed(2))),
  failures,
};

const problems = [];
if (fiveXX > 0) problems.push(`${fiveXX} answers were 5xx or transport errors`);
if (lostIds.length > 0)
  problems.push(`acknowledged whitelist changes lost: ${lostIds.slice(0, 5).join(", ")}`);
if (lostRollouts.length > 0) problems.push(`rollout changes lost: ${lostRollouts.join("; ")}`);
if (reusedVersions.length > 0)
  problems.push(`versions given to two changes: ${reusedVersions.slice(0, 5).join("; ")}`);
if (historyMismatches.length > 0)
  problems.push(`the history disagrees with the answers: ${historyMismatches.slice(0, 5).join("; ")}`);
if (mix.has("writes") && newest !== byName.get("load-target")?.version)
  problems.push(
    `load-target's history ends at version ${newest}, the flag is at ${byName.get("load-target")?.version}`,
  );
if (mix.has("writes") && (acknowledgedLists === 0 || rolloutAcks.size === 0))
  problems.push("no change was acknowledged: the writers did not run");
if (!(growth < RSS_GROWTH_LIMIT))
  problems.push(`resident memory's floor grew ${(growth * 100).toFixed(1)}% after the warm-up (limit 10%)`);
if (liveGrowth === undefined) problems.push("the live heap was not measured (no inspector)");
else if (!(liveGrowth < RSS_GROWTH_LIMIT))
  problems.push(
    `the live heap after full collections grew ${(liveGrowth * 100).toFixed(1)}% after the warm-up (limit 10%)`,
  );
if (exitCode !== 0)
  problems.push(`the server exited ${exitCode} on SIGTERM: ${server.stderr().slice(0, 500)}`);
summary.ok = problems.length === 0;
summary.problems = problems;

if (values.json) process.stdout.write(`${JSON.stringify(summary)}\n`);
else {
  const out = [
    `mixed load on switchyard-server: ${summary.durationS} s (warm-up ${WARMUP_S} s), load ${summary.load.join(" ")}`,
    `  ${total} requests, ${summary.rps} req/s in all`,
  ];
  for (const [kind, k] of Object.entries(kinds)) {
    out.push(
      `  ${kind.padEnd(11)} ${String(k.requests).padStart(8)} req  ${String(k.rps).padStart(6)} req/s  p50 ${k.p50} ms  p99 ${k.p99} ms  ${JSON.stringify(k.statuses)}`,
    );
  }
  out.push(
    `  changes: ${acknowledgedLists} whitelist changes and ${[...rolloutAcks.values()].length} rollout flags acknowledged, ${conflicts} 412s retried; lost: ${lostIds.length + lostRollouts.length}`,
    `  resident memory, first and last quarter after the warm-up: floor ${summary.rssMb.floorAfterWarmup} MB, then ${summary.rssMb.floorAtEnd} MB (${summary.rssMb.growth}%, limit 10%); medians ${summary.rssMb.afterWarmup} and ${summary.rssMb.end} MB; peak ${summary.rssMb.peak} MB`,
    `  live heap (after a full collection): ${summary.liveHeapMb.afterWarmup ?? "n/a"} MB after the warm-up, ${summary.liveHeapMb.end ?? "n/a"} MB at the end (${summary.liveHeapMb.growth ?? "n/a"}%, limit 10%)`,
    `  JS heap used/total, external: ${JSON.stringify(heapAfterWarmup)} after warm-up, ${JSON.stringify(heapAtEnd)} at the end (MB)`,
    summary.ok ? "PASS" : `FAIL: ${problems.join("; ")}`,
  );
  for (const failure of failures) out.push(`  ${failure}`);
  process.stdout.write(`${out.join("\n")}\n`);
}
process.exitCode = summary.ok ? 0 : 1;
