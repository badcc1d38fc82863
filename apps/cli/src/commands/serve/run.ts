import { resolve } from "node:path";
import { sanitizeForTerminal } from "@switchyard/config-schema/render";
import { resolveServeOptions, StartError, startServer, stopSignal } from "@switchyard/server";
import { stringOption } from "../../args.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument, requireConfigDirectory } from "../../config-dir.js";
import { UsageError } from "../../errors.js";

/**
 * `switchyard serve [dir]`: switchyard-server's start (the same option resolution and start code,
 * `@switchyard/server`), announced on stdout — a JSON line with `--json`, a sentence otherwise —
 * then served until SIGINT or SIGTERM, then closed gracefully. A refusal to start is exit 2.
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const { io } = context;
  const json = args.values.json === true;
  const given =
    args.positionals[0] !== undefined || args.values["config-dir"] !== undefined
      ? configDirArgument(args, "serve", { positional: true })
      : undefined;
  // A directory given on the command line must exist, as in every command (exit 2): a mistyped one
  // would otherwise serve no flags, "degraded", until someone notices.
  if (given !== undefined) await requireConfigDirectory(resolve(io.cwd, given), io.cwd);
  const resolved = resolveServeOptions(
    {
      configDir: given,
      host: stringOption(args, "host"),
      port: stringOption(args, "port"),
      store: stringOption(args, "store"),
      tokensFile: stringOption(args, "tokens-file"),
      rateLimit: stringOption(args, "rate-limit"),
      logLevel: stringOption(args, "log-level"),
    },
    io.env,
    io.cwd,
  );
  if (!resolved.ok)
    throw new UsageError(resolved.errors.join("\n"), { hint: "Run 'switchyard serve --help' for usage." });
  const stop = stopSignal();
  // The server's JSON log lines go to stdout after the startup line (held back until it is out),
  // through the same stream, so a script reads the startup line first.
  const held: string[] = [];
  let announced = false;
  const logDestination = {
    write(line: string): void {
      if (announced) io.stdout.write(line);
      else held.push(line);
    },
  };
  let running: Awaited<ReturnType<typeof startServer>>;
  try {
    running = await startServer(resolved.options, { env: io.env, cwd: io.cwd, logDestination });
  } catch (error) {
    for (const line of held.splice(0)) io.stdout.write(line);
    if (!(error instanceof StartError)) throw error;
    return {
      status: "io-error",
      exitCode: 2,
      data: { ok: false, errors: error.problems },
      stderr: `${error.problems.map((p) => `switchyard serve: ${sanitizeForTerminal(p)}`).join("\n")}\n`,
    };
  }
  const { options } = resolved;
  const started = {
    event: "listening",
    url: running.url,
    configDir: options.configDir,
    store: options.store.kind,
    pid: process.pid,
  };
  io.stdout.write(
    json
      ? `${JSON.stringify(started)}\n`
      : `switchyard serve: listening on ${running.url} (config ${sanitizeForTerminal(options.configDir)}, ${options.store.kind} store); SIGINT or SIGTERM stops\n`,
  );
  announced = true;
  for (const line of held.splice(0)) io.stdout.write(line);
  const signal = await stop;
  await running.close();
  return {
    status: "ok",
    data: { ok: true, url: running.url, stoppedBy: signal },
    stdout: `switchyard serve: stopped (${signal})\n`,
  };
}
