import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { FileFlagStore, type FlagStore } from "@switchyard/feature-flags";
import type { DestinationStream } from "pino";
import { createLogger, type Logger } from "../observability/logger.js";
import { createServer, type SwitchyardServer } from "../server.js";
import { checkExposure, type ServeOptions } from "./options.js";
import { loadTokens } from "./tokens.js";

/** A started server. */
export interface RunningServer {
  readonly server: SwitchyardServer;
  /** `http://host:port`. */
  readonly url: string;
  readonly logger: Logger;
  /** Stop: refuse new connections, finish the ones in flight, close the store. */
  close(): Promise<void>;
}

/** Why the server did not start (a sentence per problem; never a token). */
export class StartError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(problems.join("\n"));
    this.name = "StartError";
  }
}

/** Options of {@link startServer} besides the resolved options. */
export interface StartContext {
  readonly env: Readonly<Record<string, string | undefined>>;
  readonly cwd?: string;
  /** Where the JSON log lines go (default stdout). */
  readonly logDestination?: DestinationStream;
}

async function openStore(options: ServeOptions): Promise<FlagStore> {
  if (options.store.kind === "redis") {
    // The Redis client (and its modules) is loaded only for a Redis store: it is the larger part of
    // the server's modules, and a file store never needs it.
    const { RedisFlagStore } = await import("@switchyard/feature-flags/redis");
    return RedisFlagStore.connect({ url: options.store.url });
  }
  return FileFlagStore.open(join(options.configDir, "feature-flags.yaml"));
}

/**
 * Start the server as `switchyard-server` and `switchyard serve` do: read the tokens, refuse a
 * non-loopback address without an admin token, open the store (the config directory's
 * feature-flags.yaml, or Redis), listen, and log where.
 * @throws StartError when the options, the tokens or the address are refused, or listening fails.
 */
export async function startServer(options: ServeOptions, context: StartContext): Promise<RunningServer> {
  const tokens = await loadTokens(context.env, options.tokensFile);
  if (!tokens.ok) throw new StartError(tokens.errors);
  const refusal = checkExposure(options.host, tokens.tokens.hasAdmin);
  if (refusal !== undefined) throw new StartError([refusal]);
  const logger = createLogger({
    level: options.logLevel,
    ...(context.logDestination ? { destination: context.logDestination } : {}),
  });
  const store = await openStore(options);
  const server = createServer({
    store,
    storeKind: options.store.kind,
    tokens: tokens.tokens,
    configDir: options.configDir,
    env: context.env,
    rateLimit: options.rateLimit,
    logger,
    ...(context.cwd === undefined ? {} : { cwd: context.cwd }),
  });
  try {
    await new Promise<void>((resolve, reject) => {
      server.once("error", reject);
      server.listen(options.port, options.host, () => {
        server.off("error", reject);
        resolve();
      });
    });
  } catch (error) {
    await store.close();
    throw new StartError([
      `Cannot listen on ${options.host}:${options.port}: ${(error as NodeJS.ErrnoException).code ?? String(error)}`,
    ]);
  }
  const address = server.address() as AddressInfo;
  const host = address.family === "IPv6" ? `[${address.address}]` : address.address;
  const url = `http://${host}:${address.port}`;
  const health = store.health();
  logger.info(
    {
      url,
      configDir: options.configDir,
      store: options.store.kind,
      flags: store.snapshot().size,
      storeState: health.state,
      tokens: tokens.tokens.entries.map((t) => `${t.name}:${t.role}`),
      authentication: tokens.tokens.hasAdmin
        ? "admin token required for changes"
        : "no admin token: changes open to local callers only",
    },
    "listening",
  );
  let closing: Promise<void> | undefined;
  return {
    server,
    url,
    logger,
    close: () => {
      closing ??= (async () => {
        server.app.stopping = true;
        await new Promise<void>((resolve) => {
          server.close(() => resolve());
          server.closeIdleConnections();
        });
        await store.close();
        logger.info("stopped");
        logger.flush();
      })();
      return closing;
    },
  };
}

/**
 * Resolves at the first SIGINT or SIGTERM. Call it before starting, so that a signal during start
 * (or right after the "listening" line) is not lost to Node's default handler.
 */
export function stopSignal(): Promise<NodeJS.Signals> {
  return new Promise((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.off("SIGINT", stop);
      process.off("SIGTERM", stop);
      resolve(signal);
    };
    process.on("SIGINT", stop);
    process.on("SIGTERM", stop);
  });
}
