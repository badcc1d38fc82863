/**
 * `switchyard-server --config-dir DIR [--host H] [--port N] [--store file|redis://…]
 * [--tokens-file F] [--rate-limit N|off] [--log-level L]`: read the arguments and the environment,
 * start the server, stop on SIGINT/SIGTERM. Exit codes: 0 stopped, 2 refused to start.
 */
import { parseArgs } from "node:util";
import { SERVE_USAGE } from "./start/help.js";
import { resolveServeOptions } from "./start/options.js";
import { StartError, startServer, stopSignal } from "./start/start.js";
import { SERVER_VERSION } from "./version.js";

async function main(argv: readonly string[]): Promise<number> {
  let values: Record<string, string | boolean | undefined>;
  try {
    ({ values } = parseArgs({
      args: [...argv],
      strict: true,
      options: {
        "config-dir": { type: "string" },
        host: { type: "string" },
        port: { type: "string" },
        store: { type: "string" },
        "tokens-file": { type: "string" },
        "rate-limit": { type: "string" },
        "log-level": { type: "string" },
        help: { type: "boolean", short: "h" },
        version: { type: "boolean", short: "v" },
      },
    }));
  } catch (error) {
    process.stderr.write(`switchyard-server: ${(error as Error).message}\n\n${SERVE_USAGE}`);
    return 2;
  }
  if (values.help) {
    process.stdout.write(SERVE_USAGE);
    return 0;
  }
  if (values.version) {
    process.stdout.write(`${SERVER_VERSION}\n`);
    return 0;
  }
  const str = (name: string) => (typeof values[name] === "string" ? (values[name] as string) : undefined);
  const resolved = resolveServeOptions(
    {
      configDir: str("config-dir"),
      host: str("host"),
      port: str("port"),
      store: str("store"),
      tokensFile: str("tokens-file"),
      rateLimit: str("rate-limit"),
      logLevel: str("log-level"),
    },
    process.env,
  );
  if (!resolved.ok) {
    process.stderr.write(`switchyard-server: ${resolved.errors.join("\n")}\n`);
    return 2;
  }
  try {
    const stop = stopSignal();
    const running = await startServer(resolved.options, { env: process.env });
    await stop;
    await running.close();
    return 0;
  } catch (error) {
    if (error instanceof StartError) {
      process.stderr.write(`switchyard-server: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    process.stderr.write(
      `switchyard-server: internal error: ${error instanceof Error ? error.stack : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
