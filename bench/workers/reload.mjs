// Time a reload round trip excluding the gateway's own restart: generate → validate → back up →
// write → health gates (liveliness, readiness, /v1/models) against a stand-in LiteLLM gateway on
// loopback that speaks the proxy's endpoints. Baseline in the same run: the three health requests
// alone.
import { spawn } from "node:child_process";
import { appendFileSync, cpSync, mkdtempSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { loadConfigSet } from "../../packages/config-schema/dist/index.js";
import { reloadGateway, writeLiteLLMConfig } from "../../packages/litellm-generator/dist/index.js";
import { median, root } from "../lib.mjs";

const dir = mkdtempSync(join(tmpdir(), "sy-bench-reload-"));
cpSync(`${root}examples/config`, dir, { recursive: true });
const outputPath = join(dir, "litellm-unified.yaml");
const env = { ...process.env, LITELLM_MASTER_KEY: "sk-bench-master-key" };
const written = await writeLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), {
  outputPath,
  backup: false,
});
if (!written.ok) throw new Error(JSON.stringify(written.diagnostics.slice(0, 2)));

const port = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port } = probe.address();
    probe.close(() => resolve(port));
  });
});
const gateway = spawn(
  process.execPath,
  [
    `${root}packages/litellm-generator/test/fixtures/fake-litellm.mjs`,
    "--config",
    outputPath,
    "--port",
    String(port),
    "--boot-ms",
    "0",
  ],
  { env, stdio: "ignore" },
);
const gatewayUrl = `http://127.0.0.1:${port}`;
const headers = { authorization: `Bearer ${env.LITELLM_MASTER_KEY}` };
const probeOnce = async () => {
  for (const path of ["/health/liveliness", "/health/readiness", "/v1/models"]) {
    const response = await fetch(`${gatewayUrl}${path}`, { headers });
    await response.arrayBuffer();
    if (!response.ok) throw new Error(`${path} ${response.status}`);
  }
};
for (let i = 0; ; i++) {
  try {
    await probeOnce();
    break;
  } catch (error) {
    if (i > 100) throw error;
    await new Promise((r) => setTimeout(r, 50));
  }
}
try {
  const baseline = [];
  const times = [];
  for (let i = 0; i < 12; i++) {
    let start = performance.now();
    await probeOnce();
    baseline.push(performance.now() - start);
    // A source edit each round, so every reload really backs up and writes a new file.
    appendFileSync(join(dir, "providers.yaml"), `# bench round ${i}\n`);
    start = performance.now();
    const report = await reloadGateway({
      configDir: dir,
      outputPath,
      gatewayUrl,
      force: true,
      env,
      cwd: dir,
      pollIntervalMs: 20,
    });
    times.push(performance.now() - start);
    if (!report.ok) throw new Error(JSON.stringify(report.steps.filter((s) => s.status === "failed")));
    if (!report.changed) throw new Error("the reload did not write a new file");
  }
  console.log(JSON.stringify({ medianMs: median(times.slice(2)), probesMs: median(baseline.slice(2)) }));
} finally {
  gateway.kill();
  rmSync(dir, { recursive: true, force: true });
}
