/**
 * Stand-in servers for health tests, each in its own process: the model servers of
 * `stand-ins/backend.mjs`, the LiteLLM stand-in the reload tests use
 * (`litellm-generator/test/fixtures/fake-litellm.mjs`), and a real `redis-server` (test-utils'
 * `RedisServer`). Every start waits for the process to say it listens (an event, never a sleep).
 * A free port comes from test-utils' `freePort`.
 */
import { spawn } from "node:child_process";
import { symlink } from "node:fs/promises";
import { join } from "node:path";
import { createInterface } from "node:readline";
import { fileURLToPath } from "node:url";
import { RedisServer, tempDir } from "@switchyard/test-utils";

export const BACKEND = fileURLToPath(new URL("./stand-ins/backend.mjs", import.meta.url));
export const FAKE_LITELLM = fileURLToPath(
  new URL("../../litellm-generator/test/fixtures/fake-litellm.mjs", import.meta.url),
);

const running = new Set();

/** Stop every stand-in still running (call in afterAll/afterEach). */
export async function stopAll() {
  await Promise.all([...running].map((s) => s.stop()));
}

function waitForLine(child, test, what) {
  return new Promise((resolve, reject) => {
    let output = "";
    const lines = createInterface({ input: child.stdout });
    child.stderr?.on("data", (chunk) => {
      output += chunk.toString();
    });
    const onExit = (code) => reject(new Error(`${what} exited (${code}) before it listened: ${output}`));
    child.once("exit", onExit);
    child.once("error", reject);
    lines.on("line", (line) => {
      output += `${line}\n`;
      if (!test(line)) return;
      child.off("exit", onExit);
      lines.removeAllListeners("line");
      child.stdout.resume();
      resolve(line);
    });
  });
}

function track(child, pid, port) {
  const exited = new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) resolve();
    else child.once("exit", () => resolve());
  });
  const standIn = {
    pid,
    port,
    child,
    stop: async () => {
      running.delete(standIn);
      child.kill("SIGTERM");
      await exited;
    },
  };
  running.add(standIn);
  return standIn;
}

let binDir;

/**
 * A command named `name` that runs node (a symlink: the process's comm is `name`, as a real
 * `ollama` or `litellm` would be), so port checks see the expected process.
 */
export async function nodeNamed(name) {
  binDir ??= tempDir("sy-bin-");
  const path = join(await binDir, name);
  await symlink(process.execPath, path).catch((error) => {
    if (error.code !== "EEXIST") throw error;
  });
  return path;
}

/** Start a model-server stand-in speaking `kind`'s API. */
export async function startBackend(kind, options = {}) {
  const args = [BACKEND, "--kind", kind, "--port", String(options.port ?? 0)];
  if (options.host) args.push("--host", options.host);
  if (options.models) args.push("--models", options.models.join(","));
  if (options.apiKey) args.push("--api-key", options.apiKey);
  if (options.loadingMs !== undefined) args.push("--loading-ms", String(options.loadingMs));
  if (options.busy) args.push("--busy");
  if (options.failHealth) args.push("--fail-health");
  if (options.title) args.push("--title", options.title);
  const child = spawn(process.execPath, args, { stdio: ["pipe", "pipe", "pipe"] });
  const line = await waitForLine(child, (l) => l.startsWith("{"), `the ${kind} stand-in`);
  const { pid, port } = JSON.parse(line);
  return track(child, pid, port);
}

/** Start the LiteLLM stand-in on a generated config file (it serves that file's model names). */
export async function startGateway(configPath, options = {}) {
  const litellm = await nodeNamed("litellm");
  const args = [
    FAKE_LITELLM,
    "--config",
    configPath,
    "--port",
    String(options.port ?? 0),
    "--boot-ms",
    "0",
    "--announce",
  ];
  if (options.behaviour) args.push("--behaviour", options.behaviour);
  const child = spawn(litellm, args, {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, ...options.env },
  });
  const line = await waitForLine(child, (l) => l.startsWith("{"), "the LiteLLM stand-in");
  const { pid, port } = JSON.parse(line);
  return track(child, pid, port);
}

/**
 * Start a real `redis-server` on a free loopback port, optionally with a password: test-utils'
 * `RedisServer`, stopped by {@link stopAll} with the other stand-ins.
 */
export async function startRedis(options = {}) {
  const server = await RedisServer.start(options);
  const standIn = {
    pid: server.pid,
    port: server.port,
    stop: async () => {
      running.delete(standIn);
      await server.stop();
    },
  };
  running.add(standIn);
  return standIn;
}
