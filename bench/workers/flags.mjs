// Feature-flag evaluation: Switchyard vs unleash-client vs GrowthBook on equivalent flags, in one
// process (ns per evaluation at p50/p99 over batches of 1,000 evaluations, 300k per case over 1,000
// user ids), allocation on the rollout hot path (scavenges during 1M evaluations), and the file
// store: loading 10,000 flags and how soon a hand edit is visible through `watch`.
import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { constants, PerformanceObserver } from "node:perf_hooks";
import { FileFlagStore, FlagEngine } from "../../packages/feature-flags/dist/index.js";

// The peers are devDependencies of the feature-flags package.
const require = createRequire(new URL("../../packages/feature-flags/package.json", import.meta.url));
const { Unleash, InMemStorageProvider } = require("unleash-client");
const { GrowthBookClient } = require("@growthbook/growthbook");

const quick = process.argv.includes("--quick");
const BATCH = 1_000;
const ALLOC_EVALS = 20_000_000;
const BATCHES = quick ? 60 : 300;
const ids = Array.from({ length: 1_000 }, (_, i) => `user-${i}-${(i * 2654435761) % 100000}`);
const whitelist = ids.slice(0, 10);
const now = Date.now();
const startIso = new Date(now - 86_400_000).toISOString();
const endIso = new Date(now + 86_400_000).toISOString();

// --- the same four flags in each system ---------------------------------------------------------
const switchyard = new FlagEngine({
  plain: { enabled: true },
  rollout: { enabled: true, rollout_percentage: 50 },
  whitelisted: { enabled: true, rollout_percentage: 0, whitelist },
  dated: { enabled: true, start_date: startIso, end_date: endIso },
});

const unleashFeatures = {
  plain: { name: "plain", enabled: true, strategies: [{ name: "default" }] },
  rollout: {
    name: "rollout",
    enabled: true,
    strategies: [
      { name: "flexibleRollout", parameters: { rollout: "50", stickiness: "userId", groupId: "rollout" } },
    ],
  },
  whitelisted: {
    name: "whitelisted",
    enabled: true,
    strategies: [{ name: "userWithId", parameters: { userIds: whitelist.join(",") } }],
  },
  dated: {
    name: "dated",
    enabled: true,
    strategies: [
      {
        name: "default",
        constraints: [
          { contextName: "currentTime", operator: "DATE_AFTER", value: startIso },
          { contextName: "currentTime", operator: "DATE_BEFORE", value: endIso },
        ],
      },
    ],
  },
};
// The public client, as applications use it: bootstrapped, with no server to reach (metrics on, as
// by default; nothing is sent during the run).
const unleash = new Unleash({
  url: "http://127.0.0.1:9/api",
  appName: "switchyard-bench",
  refreshInterval: 0,
  storageProvider: new InMemStorageProvider(),
  bootstrap: { data: Object.values(unleashFeatures) },
});
unleash.on("error", () => undefined);
unleash.on("warn", () => undefined);
await new Promise((resolve, reject) => {
  const timer = setTimeout(() => reject(new Error("unleash-client never became ready")), 10_000);
  unleash.once("ready", () => {
    clearTimeout(timer);
    resolve(undefined);
  });
});

const growthbook = new GrowthBookClient().initSync({
  payload: {
    features: {
      plain: { defaultValue: true },
      rollout: { defaultValue: false, rules: [{ force: true, coverage: 0.5, hashAttribute: "id" }] },
      whitelisted: { defaultValue: false, rules: [{ condition: { id: { $in: whitelist } }, force: true }] },
      dated: {
        defaultValue: false,
        rules: [{ condition: { now: { $gt: startIso, $lt: endIso } }, force: true }],
      },
    },
  },
});

// Contexts are built once: each library gets its own shape, as an application would hold it.
const syContexts = ids.map((userId) => ({ userId }));
const unleashContexts = ids.map((userId) => ({ userId, currentTime: new Date(now) }));
const gbContexts = ids.map((id) => ({ attributes: { id, now: new Date(now).toISOString() } }));

const systems = {
  switchyard: (name, i) => switchyard.isEnabled(name, syContexts[i % 1000], now),
  "unleash-client": (name, i) => unleash.isEnabled(name, unleashContexts[i % 1000]),
  growthbook: (name, i) => growthbook.isOn(name, gbContexts[i % 1000]),
};
const whitelistIndex = whitelist.map((id) => ids.indexOf(id));

function measure(evaluate, name) {
  const indexes = name === "whitelisted" ? whitelistIndex : null;
  let sink = 0;
  // Warm up (JIT), then time batches.
  for (let i = 0; i < 20_000; i++) sink += evaluate(name, indexes ? indexes[i % 10] : i) ? 1 : 0;
  const perEval = [];
  for (let b = 0; b < BATCHES; b++) {
    const start = process.hrtime.bigint();
    for (let i = 0; i < BATCH; i++) sink += evaluate(name, indexes ? indexes[i % 10] : b * BATCH + i) ? 1 : 0;
    perEval.push(Number(process.hrtime.bigint() - start) / BATCH);
  }
  perEval.sort((a, b) => a - b);
  return {
    p50: perEval[Math.floor(perEval.length * 0.5)],
    p99: perEval[Math.floor(perEval.length * 0.99)],
    sink,
  };
}

// Agreement first: the three must give the same answers on these flags (else the race is unfair).
const agreement = {};
for (const name of ["plain", "rollout", "whitelisted", "dated"]) {
  let same = 0;
  for (let i = 0; i < ids.length; i++) {
    const a = systems.switchyard(name, i);
    if (a === systems["unleash-client"](name, i)) same++;
  }
  agreement[name] = same / ids.length;
}

const evaluation = {};
for (const name of ["plain", "rollout", "whitelisted", "dated"]) {
  evaluation[name] = {};
  for (const [system, evaluate] of Object.entries(systems))
    evaluation[name][system] = measure(evaluate, name);
}

// Allocation on the rollout hot path: count scavenges (young-generation GCs) during 1M evaluations.
let scavenges = 0;
const observer = new PerformanceObserver((list) => {
  for (const entry of list.getEntries())
    if (entry.detail?.kind === constants.NODE_PERFORMANCE_GC_MINOR) scavenges++;
});
observer.observe({ entryTypes: ["gc"] });
await new Promise((r) => setTimeout(r, 10));
scavenges = 0;
let sink = 0;
for (let i = 0; i < ALLOC_EVALS; i++)
  sink += switchyard.isEnabled("rollout", syContexts[i % 1000], now) ? 1 : 0;
await new Promise((r) => setTimeout(r, 10));
observer.disconnect();

// The file store: 10,000 flags.
const dir = mkdtempSync(join(tmpdir(), "sy-bench-flags-"));
const path = join(dir, "feature-flags.yaml");
const lines = ['schema_version: "2.0.0"', "flags:"];
for (let i = 0; i < 10_000; i++) {
  lines.push(
    `  # flag ${i}`,
    `  flag-${i}:`,
    "    enabled: true",
    `    rollout_percentage: ${i % 101}`,
    `    whitelist: [qa-${i}, ops]`,
    `    tags: [team-${i % 20}]`,
  );
}
const text = `${lines.join("\n")}\n`;
writeFileSync(path, text);
const loadTimes = [];
for (let i = 0; i < (quick ? 3 : 5); i++) {
  const start = performance.now();
  const store = await FileFlagStore.open(path, { watch: false });
  loadTimes.push(performance.now() - start);
  if (store.snapshot().size !== 10_000) throw new Error("the store did not load 10,000 flags");
  await store.close();
}
loadTimes.sort((a, b) => a - b);

// A hand edit, seen through watch: time from the save on disk to the change event carrying the new
// definition and the version the store stamped into the file, and `get` returning it.
const store = await FileFlagStore.open(path);
const watchTimes = [];
/** The next change event in which flag-9999 has rollout `value` at a version above `after`. */
const changeOf = (value, after) =>
  new Promise((resolve) => {
    const stop = store.watch((change) => {
      const seen = store.snapshot().get("flag-9999");
      if (
        change.names.includes("flag-9999") &&
        seen?.flag.rollout_percentage === value &&
        seen.version > after
      ) {
        stop();
        resolve(seen.version);
      }
    });
  });
let version = store.snapshot().get("flag-9999").version;
for (let round = 0; round < (quick ? 3 : 5); round++) {
  const value = 10 + round;
  const changed = text.replace(
    "  flag-9999:\n    enabled: true\n    rollout_percentage: 0",
    `  flag-9999:\n    enabled: true\n    rollout_percentage: ${value}`,
  );
  const seen = changeOf(value, version);
  const start = performance.now();
  writeFileSync(path, changed);
  version = await seen;
  const got = await store.get("flag-9999");
  watchTimes.push(performance.now() - start);
  if (got?.flag.rollout_percentage !== value || got.version !== version)
    throw new Error("get did not return the hand edit the watcher reported");
  // Back to the original text (a change of its own, versioned too) before the next round.
  const restored = changeOf(0, version);
  writeFileSync(path, text);
  version = await restored;
}
await store.close();
unleash.destroy();
watchTimes.sort((a, b) => a - b);

// The same on a file of ordinary size (examples/config's two flags plus eight more).
const small = [
  'schema_version: "2.0.0"',
  "flags:",
  ...Array.from({ length: 10 }, (_, i) => [
    `  # flag ${i}`,
    `  small-${i}:`,
    "    enabled: true",
    "    rollout_percentage: 5",
  ]).flat(),
  "",
].join("\n");
const smallPath = join(dir, "small", "feature-flags.yaml");
mkdirSync(join(dir, "small"));
writeFileSync(smallPath, small);
const smallStore = await FileFlagStore.open(smallPath);
const smallTimes = [];
for (let round = 0; round < (quick ? 5 : 15); round++) {
  const value = 10 + round;
  const seen = new Promise((resolve) => {
    const stop = smallStore.watch(() => {
      if (smallStore.snapshot().get("small-9")?.flag.rollout_percentage === value) {
        stop();
        resolve(undefined);
      }
    });
  });
  const start = performance.now();
  writeFileSync(
    smallPath,
    small.replace(/(small-9:\n {4}enabled: true\n {4}rollout_percentage: )5/, `$1${value}`),
  );
  await seen;
  smallTimes.push(performance.now() - start);
  await new Promise((r) => setTimeout(r, 50));
}
await smallStore.close();
smallTimes.sort((a, b) => a - b);

// The whole command as a process: `switchyard flags get flag-5000` on the 10,000-flag file.
const cli = new URL("../../apps/cli/bin/switchyard.cjs", import.meta.url).pathname;
const wall = (args) => {
  const start = performance.now();
  execFileSync(process.execPath, args, { stdio: "ignore" });
  return performance.now() - start;
};
wall([cli, "flags", "get", "flag-5000", "--config-dir", dir]);
const cliTimes = [];
const nodeTimes = [];
for (let i = 0; i < (quick ? 3 : 7); i++) {
  nodeTimes.push(wall(["-e", "0"]));
  cliTimes.push(wall([cli, "flags", "get", "flag-5000", "--config-dir", dir]));
}
cliTimes.sort((a, b) => a - b);
nodeTimes.sort((a, b) => a - b);
rmSync(dir, { recursive: true, force: true });

console.log(
  JSON.stringify({
    evaluation,
    agreement,
    scavenges,
    allocEvals: ALLOC_EVALS,
    sink,
    loadMs: loadTimes[loadTimes.length >> 1],
    watchMs: watchTimes[watchTimes.length >> 1],
    watchSmallMs: smallTimes[smallTimes.length >> 1],
    cliMs: cliTimes[cliTimes.length >> 1],
    nodeMs: nodeTimes[nodeTimes.length >> 1],
  }),
);
