import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { type ConfigSet, loadConfigSet } from "@switchyard/config-schema";
import { validateConfigSet } from "@switchyard/consistency";

/** What the server needs from its surroundings. */
export interface ServerDeps {
  /** The config directory the API validates. */
  readonly configDir: string;
  /** Loads a config set (injectable for tests; defaults to `loadConfigSet`). */
  readonly load?: (dir: string) => Promise<ConfigSet>;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  const text = `${JSON.stringify(body)}\n`;
  res.writeHead(status, {
    "content-type": "application/json; charset=utf-8",
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}

async function route(deps: ServerDeps, req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? "/", "http://localhost");
  if (req.method === "GET" && url.pathname === "/healthz") return send(res, 200, { status: "ok" });
  if (req.method === "GET" && url.pathname === "/v1/validate") {
    const set = await (deps.load ?? loadConfigSet)(deps.configDir);
    const { diagnostics } = validateConfigSet(set);
    const valid = !diagnostics.some((d) => d.severity === "error");
    return send(res, 200, { valid, diagnostics });
  }
  return send(res, 404, { error: "not_found", message: `No route for ${req.method} ${url.pathname}` });
}

/**
 * Create (but do not start) Switchyard's HTTP API. Routes: `GET /healthz`, `GET /v1/validate`
 * (the config directory's diagnostics as JSON). Later issues add flags and reload.
 */
export function createServer(deps: ServerDeps): Server {
  return createHttpServer((req, res) => {
    route(deps, req, res).catch((error: unknown) => {
      send(res, 500, { error: "internal", message: error instanceof Error ? error.message : String(error) });
    });
  });
}
