import { request as httpRequest } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import type { Flag } from "@switchyard/config-schema/schemas";
import { type FlagStore, MemoryFlagStore } from "@switchyard/feature-flags";
import { TokenSet, tokenDigest } from "../src/http/auth.js";
import { createLogger } from "../src/observability/logger.js";
import { createServer, type ServerDeps, type SwitchyardServer } from "../src/server.js";

export const ADMIN_TOKEN = "admin-token-0123456789abcdef";
export const READ_TOKEN = "read-token-0123456789abcdef";
export const OTHER_ADMIN = "second-admin-token-0123456789";

/** The tokens most tests use: an admin named `ops`, a second admin `bot`, a reader `dashboard`. */
export function testTokens(options: { readonly read?: boolean } = {}): TokenSet {
  return new TokenSet([
    { name: "ops", role: "admin", digest: tokenDigest(ADMIN_TOKEN) },
    { name: "bot", role: "admin", digest: tokenDigest(OTHER_ADMIN) },
    ...(options.read === false
      ? []
      : [{ name: "dashboard", role: "read" as const, digest: tokenDigest(READ_TOKEN) }]),
  ]);
}

/** A listening server on 127.0.0.1 and a port of its own, its log lines captured. */
export interface Served {
  readonly url: string;
  readonly server: SwitchyardServer;
  readonly store: FlagStore;
  /** Every log line written so far, as text. */
  readonly logs: string[];
  close(): Promise<void>;
}

export const SAMPLE_FLAGS: Readonly<Record<string, Flag>> = {
  "new-router": { enabled: true, rollout_percentage: 50, whitelist: ["ann"], tags: ["routing"] },
  "semantic-cache": { enabled: false, tags: ["cache"] },
  everyone: { enabled: true },
};

export async function serve(
  deps: Partial<ServerDeps> & {
    readonly flags?: Readonly<Record<string, Flag>>;
    /** The log level (default info). */
    readonly logLevel?: string;
  } = {},
): Promise<Served> {
  const logs: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      for (const line of chunk.toString("utf8").split("\n")) if (line !== "") logs.push(line);
      done();
    },
  });
  const store = deps.store ?? new MemoryFlagStore(deps.flags ?? SAMPLE_FLAGS);
  const server = createServer({
    tokens: testTokens(),
    logger: createLogger({ destination, ...(deps.logLevel === undefined ? {} : { level: deps.logLevel }) }),
    ...deps,
    store,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    server,
    store,
    logs,
    close: async () => {
      await new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      });
      await store.close();
    },
  };
}

/** `Authorization: Bearer <token>` headers (plus more). */
export function bearer(token: string, more: Record<string, string> = {}): Record<string, string> {
  return { authorization: `Bearer ${token}`, ...more };
}

/** A JSON request with the admin token. */
export function adminJson(body: unknown, more: Record<string, string> = {}): RequestInit {
  return {
    headers: bearer(ADMIN_TOKEN, { "content-type": "application/json", ...more }),
    body: JSON.stringify(body),
  };
}

/** A request sent byte for byte by node:http (fetch normalises `..` and refuses to set `Host`). */
export function rawRequest(
  base: string,
  path: string,
  options: {
    readonly method?: string;
    readonly headers?: Record<string, string>;
    readonly body?: string;
  } = {},
): Promise<{ status: number; headers: import("node:http").IncomingHttpHeaders; body: string }> {
  const url = new URL(base);
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: url.hostname,
        port: url.port,
        path,
        method: options.method ?? "GET",
        headers: options.headers ?? {},
      },
      (res) => {
        let body = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => {
          body += chunk;
        });
        res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on("error", reject);
    req.end(options.body);
  });
}
