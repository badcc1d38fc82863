#!/usr/bin/env node
// Stand-ins for the model servers Switchyard probes, each speaking that server's real HTTP API
// (shapes from the servers' sources; see shared/field-guide.md "Provider health and discovery
// endpoints"). One process per server, as in production.
//
//   node backend.mjs --kind <ollama|vllm|llamacpp|llamacpp-python> [--host 127.0.0.1] [--port 0]
//        [--models a,b]            the models it serves (Ollama tags, vLLM served names, llama.cpp alias)
//        [--api-key K]             require "Authorization: Bearer K" (vLLM, llama.cpp, llama-cpp-python)
//        [--loading-ms N|forever]  llama.cpp: answer 503 "Loading model" for that long
//        [--busy]                  llama-cpp-python: never answer /v1/models (a generation holds the lock)
//        [--fail-health]           vLLM / llama.cpp: /health answers 500
//        [--title NAME]            the process's name (comm and cmdline), e.g. "ollama serve"
//
// Prints one JSON line {"pid", "port"} once it listens, then serves until SIGTERM or stdin closes.
import { createServer } from "node:http";

const args = process.argv.slice(2);
const option = (name, fallback) => {
  const at = args.indexOf(`--${name}`);
  return at === -1 ? fallback : args[at + 1];
};
const flag = (name) => args.includes(`--${name}`);

const kind = option("kind");
const host = option("host", "127.0.0.1");
const port = Number(option("port", "0"));
const models = (option("models", "") ?? "").split(",").filter((m) => m !== "");
const apiKey = option("api-key");
const loading = option("loading-ms");
const title = option("title");
if (title) process.title = title;
const started = Date.now();
const created = Math.floor(started / 1000);

function send(response, status, body, type = "application/json") {
  const text = typeof body === "string" && type !== "application/json" ? body : JSON.stringify(body);
  response.writeHead(status, { "content-type": type, "content-length": Buffer.byteLength(text) });
  response.end(text);
}

function authorized(request, response) {
  if (apiKey === undefined || request.headers.authorization === `Bearer ${apiKey}`) return true;
  // llama.cpp and vLLM answer 401 with an OpenAI-style error.
  send(response, 401, { error: { message: "Invalid API Key", type: "authentication_error", code: 401 } });
  return false;
}

const stillLoading = () =>
  loading === "forever" || (loading !== undefined && Date.now() - started < Number(loading));

const routes = {
  ollama(path, _request, response) {
    if (path === "/") return send(response, 200, "Ollama is running", "text/plain; charset=utf-8");
    if (path === "/api/version") return send(response, 200, { version: "0.6.2" });
    if (path === "/api/tags")
      return send(response, 200, {
        models: models.map((name) => ({
          name: name.includes(":") ? name : `${name}:latest`,
          model: name.includes(":") ? name : `${name}:latest`,
          modified_at: "2025-01-15T10:00:00.000000000Z",
          size: 4920753328,
          digest: "46e0c10c039e019119339687c3c1757cc81b9da49709a3b3924863ba87ca666e",
          details: {
            parent_model: "",
            format: "gguf",
            family: "llama",
            families: ["llama"],
            parameter_size: "8.0B",
            quantization_level: "Q4_K_M",
          },
        })),
      });
    if (path === "/api/ps") return send(response, 200, { models: [] });
    return send(response, 404, "404 page not found", "text/plain");
  },
  vllm(path, request, response) {
    // vLLM's /health answers 200 with an empty body; /v1/models needs the key when --api-key is set.
    if (path === "/health") {
      if (flag("fail-health")) return send(response, 500, "", "text/plain");
      response.writeHead(200, { "content-length": 0 });
      return response.end();
    }
    if (path === "/v1/models") {
      if (!authorized(request, response)) return;
      return send(response, 200, {
        object: "list",
        data: models.map((id) => ({
          id,
          object: "model",
          created,
          owned_by: "vllm",
          root: id,
          parent: null,
          max_model_len: 32768,
          permission: [],
        })),
      });
    }
    return send(response, 404, { detail: "Not Found" });
  },
  llamacpp(path, request, response) {
    if (path === "/health") {
      if (stillLoading())
        return send(response, 503, {
          error: { code: 503, message: "Loading model", type: "unavailable_error" },
        });
      if (flag("fail-health"))
        return send(response, 500, {
          error: { code: 500, message: "Model failed to load", type: "server_error" },
        });
      return send(response, 200, { status: "ok" });
    }
    if (path === "/v1/models" || path === "/models") {
      if (stillLoading())
        return send(response, 503, {
          error: { code: 503, message: "Loading model", type: "unavailable_error" },
        });
      if (!authorized(request, response)) return;
      const id = models[0] ?? "/models/model.gguf";
      return send(response, 200, {
        models: [
          {
            name: id,
            model: id,
            modified_at: "",
            size: "",
            digest: "",
            type: "model",
            description: "",
            tags: [""],
            capabilities: ["completion"],
            parameters: "",
            details: {
              parent_model: "",
              format: "gguf",
              family: "",
              families: [""],
              parameter_size: "",
              quantization_level: "",
            },
          },
        ],
        object: "list",
        data: [
          {
            id,
            object: "model",
            created,
            owned_by: "llamacpp",
            meta: {
              vocab_type: 2,
              n_vocab: 32064,
              n_ctx_train: 131072,
              n_embd: 3072,
              n_params: 3821079552,
              size: 2393232384,
            },
          },
        ],
      });
    }
    return send(response, 404, { error: { code: 404, message: "File Not Found", type: "not_found_error" } });
  },
  "llamacpp-python"(path, request, response) {
    // No /health: FastAPI answers 404 {"detail": "Not Found"}.
    if (path === "/v1/models") {
      if (!authorized(request, response)) return;
      if (flag("busy")) return; // holds the request, as the model lock does during a generation
      return send(response, 200, {
        object: "list",
        data: models.map((id) => ({ id, object: "model", owned_by: "me", permissions: [] })),
      });
    }
    return send(response, 404, { detail: "Not Found" });
  },
};

const handle = routes[kind];
if (!handle) {
  process.stderr.write(`unknown --kind ${kind}\n`);
  process.exit(2);
}
const server = createServer((request, response) => {
  const path = new URL(request.url, "http://stand-in").pathname;
  if (request.method !== "GET") return send(response, 405, { detail: "Method Not Allowed" });
  handle(path, request, response);
});
server.listen({ host, port }, () => {
  process.stdout.write(`${JSON.stringify({ pid: process.pid, port: server.address().port })}\n`);
});
const stop = () => {
  server.closeAllConnections?.();
  server.close();
  process.exit(0);
};
process.on("SIGTERM", stop);
process.stdin.resume();
process.stdin.on("end", stop);
