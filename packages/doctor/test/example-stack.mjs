/**
 * The example stack of `examples/config`, every server a stand-in in its own process, named as
 * ports.yaml's `expected_processes` expect (`ollama serve`, `vllm serve`, `llama-server`, `python3 -m
 * llama_cpp.server`, `litellm`) and a real `redis-server`; the config copied to a temp directory
 * with each service moved to the port its stand-in listens on, the LiteLLM config generated and
 * every file backed up once. Used by doctor's tests and by `pnpm bench`.
 */
import { cp, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigFile, loadConfigSet } from "@switchyard/config-schema/load";
import { backupFile } from "@switchyard/config-schema/write";
import { writeLiteLLMConfig } from "@switchyard/litellm-generator";
import { freePort, tempDir } from "@switchyard/test-utils";
import { startBackend, startGateway, startRedis } from "../../health/test/stand-ins.mjs";

export const EXAMPLE_CONFIG = fileURLToPath(new URL("../../../examples/config/", import.meta.url));
const MASTER_KEY_ENV = "LITELLM_MASTER_KEY";

const KIND = { ollama: "ollama", vllm: "vllm", llamacpp: "llamacpp", llamacpp_python: "llamacpp-python" };
const TITLE = {
  ollama: "ollama serve",
  vllm: "vllm serve",
  llamacpp: "llama-server",
  "llamacpp-python": "python3 -m llama_cpp.server",
};

/**
 * Start the example stack. Options: `without` (service ids left stopped: their port stays free),
 * `models` (service id → the models its stand-in serves instead of the configured ones),
 * `gateway` (the LiteLLM stand-in's behaviour), `masterKey` (its value).
 */
export async function startExampleStack(options = {}) {
  const without = new Set(options.without ?? []);
  const root = await tempDir("sy-stack-");
  const configDir = join(root, "config");
  await cp(EXAMPLE_CONFIG, configDir, { recursive: true });
  const ports = (await loadConfigFile("ports", join(configDir, "ports.yaml"))).value;
  const providers = (await loadConfigFile("providers", join(configDir, "providers.yaml"))).value;
  const masterKey = options.masterKey ?? "sk-stand-in-master-key";
  const env = { [MASTER_KEY_ENV]: masterKey };

  const standIns = [];
  const moved = new Map();
  /** The ids of the services something listens for (a stand-in or Redis), in file order. */
  const running = [];
  let gateway;
  for (const [id, service] of Object.entries(ports.services)) {
    if (without.has(id)) {
      moved.set(service.port, await freePort({ host: "::" }));
      continue;
    }
    if ((service.expected_processes ?? []).includes("redis-server")) {
      const redis = await startRedis();
      standIns.push(redis);
      running.push(id);
      moved.set(service.port, redis.port);
      continue;
    }
    if ((service.expected_processes ?? []).includes("litellm")) {
      gateway = { id, port: await freePort({ host: "::" }) };
      moved.set(service.port, gateway.port);
      continue;
    }
    const hosted = (service.providers ?? []).map((p) => providers.providers[p]).filter(Boolean);
    const type = hosted[0]?.type;
    if (!type || !KIND[type]) continue;
    const active = hosted.filter((p) => p.status !== "disabled");
    const models = options.models?.[id] ?? [...new Set(active.flatMap((p) => p.models.map((m) => m.name)))];
    const kind = KIND[type];
    const standIn = await startBackend(kind, { models, title: TITLE[kind] });
    standIns.push(standIn);
    running.push(id);
    moved.set(service.port, standIn.port);
  }

  // Every registered port, in ports.yaml and in providers.yaml's base URLs, to where its stand-in listens.
  const portPattern = new RegExp(`\\b(${[...moved.keys()].join("|")})\\b`, "g");
  for (const name of ["ports.yaml", "providers.yaml"]) {
    const path = join(configDir, name);
    const text = await readFile(path, "utf8");
    await writeFile(
      path,
      text.replace(portPattern, (port) => String(moved.get(Number(port)))),
    );
  }
  const set = await loadConfigSet(configDir);
  const written = await writeLiteLLMConfig(set, {});
  if (!written.ok) throw new Error(`generation failed: ${JSON.stringify(written.diagnostics)}`);
  for (const name of [
    "providers.yaml",
    "model-mappings.yaml",
    "ports.yaml",
    "feature-flags.yaml",
    "litellm-unified.yaml",
  ])
    await backupFile(join(configDir, name));
  if (gateway && !without.has(gateway.id)) {
    running.push(gateway.id);
    standIns.push(
      await startGateway(written.outputPath, {
        port: gateway.port,
        env,
        ...(options.gateway ? { behaviour: options.gateway } : {}),
      }),
    );
  }
  return {
    root,
    configDir,
    env,
    /** Original port → the port its stand-in (or nothing) listens on. */
    ports: moved,
    standIns,
    /** The services of ports.yaml with a listener (`running`) and without one (`free`), in file order. */
    services: {
      running: Object.keys(ports.services).filter((id) => running.includes(id)),
      free: Object.keys(ports.services).filter((id) => !running.includes(id)),
    },
    stop: () => Promise.all(standIns.map((s) => s.stop())),
  };
}
