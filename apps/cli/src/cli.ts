/**
 * The `switchyard` command line: dispatch, help, and the one place where outcomes and errors become
 * exit codes. Each command is a folder `commands/<name>/`: `spec.ts` (help and options, listed in
 * `commands/index.ts`) and `run.ts` (the work, loaded only when the command runs), which returns
 * data; `--json` prints that data. What this module loads at start is the CLI's own code alone: no
 * library, so `--version` and `--help` cost little more than starting Node.
 */
import {
  guardJsonForLogs,
  sanitizeForTerminal,
  sanitizeHumanOutput,
  sanitizeLines,
  shouldUseColor,
} from "@switchyard/config-schema/render";
import { parseCommandArgs } from "./args.js";
import type { CommandContext, CommandOutcome, CommandSpec } from "./command.js";
import { COMMANDS } from "./commands/index.js";
import { exitCodeFor, fsIoError, IoError, isFsError, type RunStatus, UsageError } from "./errors.js";
import { formatCommandHelp, formatGlobalHelp } from "./help.js";
import { type CliIO, processIO } from "./io.js";
import { createStyle, type Style } from "./style.js";
import { didYouMeanAmong } from "./suggest.js";
import { VERSION } from "./version.js";

export { COMMANDS } from "./commands/index.js";
export { EXIT_CODES } from "./errors.js";
export type { CliIO, CliStream } from "./io.js";

const BUG_REPORT_URL = "https://github.com/switchyard-dev/switchyard/issues/new";

function colorFor(io: CliIO, stream: "stdout" | "stderr"): Style {
  return createStyle(shouldUseColor(io[stream], io.env));
}

function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

async function unknownCommand(name: string): Promise<UsageError> {
  const suggestion = await didYouMeanAmong(
    name,
    COMMANDS.map((c) => c.name),
  );
  return new UsageError(`Unknown command '${name}'${suggestion}`, {
    hint: "Run 'switchyard --help' for the list of commands.",
  });
}

function formatJson(data: unknown): string {
  return `${guardJsonForLogs(JSON.stringify(data, null, 2))}\n`;
}

/** How one run ended: its status, and the command's own exit code when it set one. */
interface RunEnd {
  readonly status: RunStatus;
  readonly exitCode?: number;
}

/** Run one command. Throws UsageError / IoError / anything unexpected. */
async function runCommand(argv: readonly string[], io: CliIO): Promise<RunEnd> {
  const [first, ...rest] = argv;
  const out = colorFor(io, "stdout");
  if (first === undefined) {
    io.stderr.write(formatGlobalHelp(COMMANDS, colorFor(io, "stderr")));
    return { status: "usage-error" };
  }
  if (first === "--help" || first === "-h") {
    io.stdout.write(formatGlobalHelp(COMMANDS, out));
    return { status: "ok" };
  }
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return { status: "ok" };
  }
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout.write(formatGlobalHelp(COMMANDS, out));
      return { status: "ok" };
    }
    const spec = findCommand(topic);
    if (spec === undefined) throw await unknownCommand(topic);
    io.stdout.write(formatCommandHelp(spec, out));
    return { status: "ok" };
  }
  if (first.startsWith("-")) {
    const suggestion = await didYouMeanAmong(first.split("=")[0] ?? first, ["--help", "--version"]);
    throw new UsageError(`Unknown option '${first}'${suggestion}`, {
      hint: "Options go after the command: switchyard <command> [options]. Run 'switchyard --help'.",
    });
  }
  const spec = findCommand(first);
  if (spec === undefined) throw await unknownCommand(first);
  const args = await parseCommandArgs(spec, rest);
  if (args.values.help === true) {
    io.stdout.write(formatCommandHelp(spec, out));
    return { status: "ok" };
  }
  const command = await spec.load();
  const context: CommandContext = { io, style: out, stderrStyle: colorFor(io, "stderr"), version: VERSION };
  const outcome: CommandOutcome = await command.run(args, context);
  // The output net: human text (which quotes paths, keys and other programs' output) cannot carry a
  // terminal escape or a GitHub workflow command; machine formats were made safe by their renderers.
  const stdout =
    args.values.json === true
      ? formatJson(outcome.data)
      : outcome.stdout === undefined || outcome.machineOutput === true
        ? outcome.stdout
        : sanitizeHumanOutput(outcome.stdout);
  if (stdout !== undefined && stdout !== "") io.stdout.write(stdout);
  if (outcome.stderr !== undefined && outcome.stderr !== "")
    io.stderr.write(sanitizeHumanOutput(outcome.stderr));
  return outcome.exitCode === undefined
    ? { status: outcome.status }
    : { status: outcome.status, exitCode: outcome.exitCode };
}

/**
 * Run the `switchyard` command line with `argv` (without `node` and the script) and return the exit
 * code. Never throws: usage and I/O errors print a message and return 2 (a command may declare
 * another code for its usage errors: `audit` returns 3); anything unexpected prints a bug-report
 * hint with the error's name and message and returns 70 (the stack trace too after a leading
 * `--debug`, or with `SWITCHYARD_DEBUG=1`).
 */
export async function main(fullArgv: readonly string[], io: CliIO = processIO()): Promise<number> {
  // `switchyard --debug <command> …` (or SWITCHYARD_DEBUG=1): an internal error shows its stack.
  const debug = fullArgv[0] === "--debug" || io.env.SWITCHYARD_DEBUG === "1";
  const argv = fullArgv[0] === "--debug" ? fullArgv.slice(1) : fullArgv;
  let end: RunEnd;
  try {
    end = await runCommand(argv, io);
  } catch (thrown) {
    const err = colorFor(io, "stderr");
    // A file-system refusal no command wrapped (read-only, full disk, permissions) is still an I/O
    // error the user can act on, not a bug: exit 2 with the path and the reason in words.
    const error = isFsError(thrown) ? fsIoError(thrown, io.cwd) : thrown;
    if (error instanceof UsageError || error instanceof IoError) {
      io.stderr.write(
        sanitizeHumanOutput(
          `${err.red("error:")} ${sanitizeForTerminal(error.message)}\n${error.hint === undefined ? "" : `${sanitizeLines(error.hint)}\n`}`,
        ),
      );
      end = { status: error instanceof UsageError ? "usage-error" : "io-error" };
    } else {
      // The error's name and message; its stack (which names this machine's install paths) only
      // when asked for with --debug.
      const summary = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
      const detail = debug && error instanceof Error && error.stack !== undefined ? error.stack : summary;
      io.stderr.write(
        sanitizeHumanOutput(
          [
            `${err.red("internal error:")} switchyard ${VERSION} failed unexpectedly. This is a bug.`,
            `Please report it at ${BUG_REPORT_URL} with the command you ran and this output:`,
            "",
            `  switchyard ${argv.join(" ")}`,
            `  node ${process.version} on ${process.platform}-${process.arch}`,
            ...detail.split("\n").map((line) => `  ${line.trim()}`),
            "",
            ...(debug
              ? []
              : ["Run it again as 'switchyard --debug <command> …' to add the stack trace.", ""]),
          ].join("\n"),
        ),
      );
      end = { status: "internal-error" };
    }
  }
  const command = argv[0] === undefined ? undefined : findCommand(argv[0]);
  return exitCodeFor(end.status, { exitCode: end.exitCode, usageExitCode: command?.usageExitCode });
}
