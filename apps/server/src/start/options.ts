import { resolve } from "node:path";
import { isLoopbackHost } from "@switchyard/config-schema/hosts";
import type { RateLimit } from "../http/rate-limit.js";

/** How to start the server, as `switchyard-server` and `switchyard serve` take it (flags beat the environment). */
export interface ServeInput {
  /** `--config-dir` (env `SWITCHYARD_CONFIG_DIR`, default `config`). */
  readonly configDir?: string | undefined;
  /** `--host` (env `SWITCHYARD_HOST`, default `127.0.0.1`). */
  readonly host?: string | undefined;
  /** `--port` (env `SWITCHYARD_PORT`, default 4100; 0 picks a free port). */
  readonly port?: string | undefined;
  /** `--store file|redis://…` (env `SWITCHYARD_STORE`, default `file`). */
  readonly store?: string | undefined;
  /** `--tokens-file` (env `SWITCHYARD_TOKENS_FILE`). */
  readonly tokensFile?: string | undefined;
  /** `--rate-limit N` mutations per second per caller, `off` for none (env `SWITCHYARD_RATE_LIMIT`, default 20). */
  readonly rateLimit?: string | undefined;
  /** `--log-level` (env `SWITCHYARD_LOG_LEVEL`, default `info`). */
  readonly logLevel?: string | undefined;
}

/** The resolved options. */
export interface ServeOptions {
  readonly configDir: string;
  readonly host: string;
  readonly port: number;
  readonly store: { readonly kind: "file" } | { readonly kind: "redis"; readonly url: string };
  readonly tokensFile: string | undefined;
  readonly rateLimit: RateLimit | false;
  readonly logLevel: string;
}

const LOG_LEVELS = ["fatal", "error", "warn", "info", "debug", "trace", "silent"];

/**
 * Check and complete the start options (one implementation for both front doors). Errors are
 * sentences for a person; whether tokens are present is checked by {@link checkExposure}.
 */
export function resolveServeOptions(
  input: ServeInput,
  env: Readonly<Record<string, string | undefined>>,
  cwd: string = process.cwd(),
): { ok: true; options: ServeOptions } | { ok: false; errors: string[] } {
  const errors: string[] = [];
  const pick = (flag: string | undefined, variable: string): string | undefined =>
    flag ?? (env[variable] === "" ? undefined : env[variable]);
  const host = pick(input.host, "SWITCHYARD_HOST") ?? "127.0.0.1";
  if (!/^[A-Za-z0-9.:[\]-]{1,253}$/.test(host)) errors.push(`Invalid host '${host.slice(0, 100)}'`);
  const portText = pick(input.port, "SWITCHYARD_PORT") ?? "4100";
  const port = /^\d{1,5}$/.test(portText) ? Number(portText) : Number.NaN;
  if (!(port >= 0 && port <= 65535)) errors.push(`Invalid port '${portText.slice(0, 20)}': give 0–65535`);
  const storeText = pick(input.store, "SWITCHYARD_STORE") ?? "file";
  let store: ServeOptions["store"] = { kind: "file" };
  if (/^rediss?:\/\//.test(storeText)) {
    try {
      new URL(storeText);
      store = { kind: "redis", url: storeText };
    } catch {
      errors.push("Invalid --store: not a valid redis:// URL");
    }
  } else if (storeText !== "file") {
    errors.push(
      `Invalid --store '${storeText.replace(/\/\/[^@/]*@/, "//***@").slice(0, 100)}': give file or redis://host:port`,
    );
  }
  const rateText = pick(input.rateLimit, "SWITCHYARD_RATE_LIMIT") ?? "20";
  let rateLimit: RateLimit | false = false;
  if (rateText !== "off" && rateText !== "0") {
    const perSecond = Number(rateText);
    if (/^\d+(?:\.\d+)?$/.test(rateText) && perSecond > 0)
      rateLimit = { perSecond, burst: Math.max(1, perSecond * 2) };
    else errors.push(`Invalid --rate-limit '${rateText.slice(0, 20)}': give mutations per second, or off`);
  }
  const logLevel = pick(input.logLevel, "SWITCHYARD_LOG_LEVEL") ?? "info";
  if (!LOG_LEVELS.includes(logLevel))
    errors.push(`Invalid --log-level '${logLevel.slice(0, 20)}': ${LOG_LEVELS.join(", ")}`);
  const tokensFile = pick(input.tokensFile, "SWITCHYARD_TOKENS_FILE");
  if (errors.length > 0) return { ok: false, errors };
  return {
    ok: true,
    options: {
      configDir: resolve(cwd, pick(input.configDir, "SWITCHYARD_CONFIG_DIR") ?? "config"),
      host,
      port,
      store,
      tokensFile: tokensFile === undefined ? undefined : resolve(cwd, tokensFile),
      rateLimit,
      logLevel,
    },
  };
}

/** The refusal to listen beyond this machine without an admin token, or undefined. */
export function checkExposure(host: string, hasAdminToken: boolean): string | undefined {
  const bare = host.replace(/^\[|\]$/g, "");
  if (hasAdminToken || bare === "localhost" || isLoopbackHost(bare)) return undefined;
  return `Refusing to listen on ${host} without an admin token: anyone who can reach it could change every flag. Set SWITCHYARD_ADMIN_TOKEN (or an admin token in --tokens-file), or listen on 127.0.0.1.`;
}
