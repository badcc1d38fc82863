// The HTTP API under load (issue #15): switchyard-server as the process operators run (file store,
// 100 flags, tokens, pino at its default level) beside a bare find-my-way route on node:http that
// returns a constant (the evaluation's answer, recorded: the same headers and size), each in its own
// process, both sent the same request, driven by autocannon from this one, in one run:
// bare and evaluation runs alternate (ROUNDS rounds of DURATION s each), the ratio is taken per
// round and the median reported. Prints { bare, evaluate, ratio, ofrepBulk, load } with requests/s
// and latency percentiles (ms) and the load average at the end.
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { loadavg, tmpdir } from "node:os";
import { join } from "node:path";
import { SERVER_BIN, startServerProcess } from "../../apps/server/test/server-process.mjs";

// autocannon and find-my-way are the server's own (dev)dependencies.
const require = createRequire(new URL("../../apps/server/package.json", import.meta.url));
const autocannon = require("autocannon");
const findMyWay = require.resolve("find-my-way");

const quick = process.argv.includes("--quick");
const DURATION = quick ? 2 : 4;
const ROUNDS = quick ? 3 : 5;
const TOKEN = "bench-admin-token-0123456789abcdef";
const dir = mkdtempSync(join(tmpdir(), "sy-bench-server-"));

// 100 flags: a mix of plain, rollout and whitelisted ones.
const lines = ['schema_version: "2.0.0"', "flags:"];
for (let i = 0; i < 100; i++) {
  lines.push(`  flag-${i}:`, "    enabled: true");
  if (i % 3 === 1) lines.push(`    rollout_percentage: ${(i * 7) % 100}`);
  if (i % 5 === 2) lines.push("    whitelist: [user-1, user-2]");
}
writeFileSync(join(dir, "feature-flags.yaml"), `${lines.join("\n")}\n`);

/** Start a process and wait for its `listening` JSON line (the server tests' own helper). */
async function start(args, env = {}) {
  return startServerProcess({ args, env, command: [process.execPath], stderr: "inherit" });
}

async function load(options) {
  const result = await autocannon({ duration: DURATION, ...options });
  if (result.non2xx > 0 || result.errors > 0) {
    throw new Error(`${options.url}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
  }
  return {
    rps: result.requests.average,
    p50: result.latency.p50,
    p99: result.latency.p99,
    requests: result.requests.total,
  };
}

const server = await start([SERVER_BIN, "--config-dir", dir, "--port", "0"], {
  SWITCHYARD_ADMIN_TOKEN: TOKEN,
  SWITCHYARD_READ_TOKEN: "",
  SWITCHYARD_TOKENS_FILE: "",
  SWITCHYARD_LOG_LEVEL: "",
});
const auth = { authorization: `Bearer ${TOKEN}` };
const EVALUATE = "/api/v1/features/flag-1?user=user-7";

// The bare route answers the same request (path, query, token header) with a constant: the
// evaluation's own answer, recorded once — the same status, headers and body, byte for byte (Date
// and the connection headers are Node's in both). The ratio is then the cost of evaluating, not of
// a shorter answer.
const recorded = await fetch(`${server.url}${EVALUATE}`, { headers: auth });
if (recorded.status !== 200) throw new Error(`${EVALUATE}: ${recorded.status}`);
const recordedBody = await recorded.text();
const recordedHeaders = [...recorded.headers]
  .filter(([name]) => !["date", "connection", "keep-alive", "content-length"].includes(name))
  .flat();
const bare = join(dir, "bare.mjs");
writeFileSync(
  bare,
  `import { createServer } from "node:http";
import FindMyWay from ${JSON.stringify(findMyWay)};
const router = FindMyWay();
const body = ${JSON.stringify(recordedBody)};
const headers = ${JSON.stringify(recordedHeaders)}.concat("content-length", String(Buffer.byteLength(body)));
router.on("GET", "/api/v1/features/:flag", (req, res) => {
  res.writeHead(200, headers);
  res.end(body);
});
const server = createServer((req, res) => router.lookup(req, res));
server.listen(0, "127.0.0.1", () => console.log(JSON.stringify({ msg: "listening", url: "http://127.0.0.1:" + server.address().port })));
process.on("SIGTERM", () => server.close(() => process.exit(0)));
`,
);
const constant = await start([bare]);
const bareRun = () => load({ url: `${constant.url}${EVALUATE}`, headers: auth, connections: 50 });
const evaluateRun = () => load({ url: `${server.url}${EVALUATE}`, headers: auth, connections: 50 });
try {
  // Warm both (JIT, connection pools), then measure them in alternating rounds on the same
  // machine, so a neighbour's burst slows both series alike: the ratio is per round.
  await load({ url: `${constant.url}${EVALUATE}`, headers: auth, connections: 10, duration: 1 });
  await load({ url: `${server.url}${EVALUATE}`, headers: auth, connections: 10, duration: 1 });
  const rounds = [];
  for (let round = 0; round < ROUNDS; round++) {
    const first = round % 2 === 0;
    const a = first ? await bareRun() : await evaluateRun();
    const b = first ? await evaluateRun() : await bareRun();
    const [bareResult, evaluate] = first ? [a, b] : [b, a];
    rounds.push({ bare: bareResult, evaluate, ratio: evaluate.rps / bareResult.rps });
  }
  const ofrepBulk = await load({
    url: `${server.url}/ofrep/v1/evaluate/flags`,
    method: "POST",
    headers: { ...auth, "content-type": "application/json" },
    body: JSON.stringify({ context: { targetingKey: "user-7" } }),
    connections: 10,
  });
  const med = (values) => [...values].sort((x, y) => x - y)[values.length >> 1];
  const pick = (series, key) => rounds.map((r) => r[series][key]);
  const summary = (series) => ({
    rps: med(pick(series, "rps")),
    p50: med(pick(series, "p50")),
    p99: med(pick(series, "p99")),
    p99s: pick(series, "p99"),
    rpsAll: pick(series, "rps").map(Math.round),
  });
  console.log(
    JSON.stringify({
      bare: summary("bare"),
      evaluate: summary("evaluate"),
      ratio: med(rounds.map((r) => r.ratio)),
      ratios: rounds.map((r) => Number(r.ratio.toFixed(3))),
      ofrepBulk,
      durationS: DURATION,
      rounds: ROUNDS,
      load: loadavg().map((l) => Number(l.toFixed(2))),
    }),
  );
} finally {
  await server.stop();
  await constant.stop();
  rmSync(dir, { recursive: true, force: true });
}
