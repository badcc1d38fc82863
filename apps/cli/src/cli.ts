/**
 * The `switchyard` command line: a table of commands, argument parsing, help, and the one place
 * where outcomes and errors become exit codes. Each command lives in `commands/<name>.ts`, loaded
 * only when it runs, and returns data; `--json` prints that data.
 */
import { didYouMean, OUTPUT_FORMATS, shouldUseColor, suggestName } from "@switchyard/config-schema";
import { parseCommandArgs } from "./args.js";
import type { CommandContext, CommandOutcome, CommandSpec } from "./command.js";
import { EXIT_CODES, IoError, type RunStatus, UsageError } from "./errors.js";
import { formatCommandHelp, formatGlobalHelp } from "./help.js";
import { type CliIO, processIO } from "./io.js";
import { createStyle, type Style } from "./style.js";
import { VERSION } from "./version.js";

export { EXIT_CODES } from "./errors.js";
export type { CliIO, CliStream } from "./io.js";

/** Every command, in the order `--help` lists them. */
export const COMMANDS: readonly CommandSpec[] = [
  {
    name: "init",
    summary: "Write a complete, valid, commented config set to start from.",
    description:
      "Writes providers.yaml, model-mappings.yaml, ports.yaml and feature-flags.yaml into <dir> (created if needed): a working stack of Ollama, vLLM, two llama.cpp servers and OpenAI behind LiteLLM, with comments explaining every field. Existing files are never overwritten unless --force is given; then each is backed up first.",
    positionals: [
      { name: "dir", description: "Directory to write the config set into (default: ./config)." },
    ],
    options: {
      force: {
        type: "boolean",
        short: "f",
        description: "Overwrite existing files (each is backed up first).",
      },
      json: { type: "boolean", description: "Print the result as JSON." },
    },
    examples: [
      { command: "switchyard init", description: "Write a starter config set into ./config" },
      {
        command: "switchyard init /etc/switchyard --force",
        description: "Replace an existing set, keeping backups",
      },
    ],
    load: () => import("./commands/init.js"),
  },
  {
    name: "validate",
    summary: "Check a config directory against the schemas and the cross-file rules.",
    description:
      "Loads every config file of the directory, checks each against its schema and the set against the cross-file rules, and prints every finding with file:line:column, a code frame and a code ('switchyard explain <code>' says more). Exits 0 when valid (warnings allowed), 1 on any error, 2 when the directory or one of its files cannot be read (SY1010).",
    positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
    options: {
      "config-dir": {
        type: "string",
        short: "c",
        valueName: "dir",
        description: "Config directory to validate.",
        defaultText: "./config",
      },
      format: {
        type: "string",
        valueName: "format",
        choices: OUTPUT_FORMATS,
        description:
          "Output format: pretty for people, github for workflow annotations, sarif for code scanning.",
        defaultText: "pretty",
      },
      json: { type: "boolean", description: "The same as --format json." },
      "max-file-size": {
        type: "string",
        valueName: "size",
        description: "Refuse files larger than this (bytes, or with a KiB/MiB suffix).",
        defaultText: "16MiB",
      },
      "max-alias-count": {
        type: "string",
        valueName: "n",
        description: "Refuse YAML whose aliases expand more than this.",
        defaultText: "100",
      },
    },
    examples: [
      { command: "switchyard validate examples/config", description: "Validate a directory" },
      {
        command: "switchyard validate --config-dir ./config --format github",
        description: "Annotate a pull request in GitHub Actions",
      },
      {
        command: "switchyard validate --format sarif > switchyard.sarif",
        description: "Write SARIF for code scanning",
      },
      {
        command: "switchyard validate --json | jq '.diagnostics[].code'",
        description: "List the codes found",
      },
    ],
    load: () => import("./commands/validate.js"),
  },
  {
    name: "schema",
    summary: "Print or write the JSON Schemas of the config files.",
    description:
      "Without options, lists the config file kinds and their schema URLs. --kind prints one kind's JSON Schema; --out writes every schema (or the --kind one) into a directory, atomically, for editors and CI.",
    positionals: [],
    options: {
      kind: {
        type: "string",
        short: "k",
        valueName: "kind",
        description: "The file kind whose schema to print or write.",
      },
      out: {
        type: "string",
        short: "o",
        valueName: "dir",
        description: "Write <kind>.schema.json files into this directory.",
      },
      json: { type: "boolean", description: "Print the result as JSON." },
    },
    examples: [
      { command: "switchyard schema", description: "List the file kinds and their schema URLs" },
      {
        command: "switchyard schema --kind providers",
        description: "Print the JSON Schema of providers.yaml",
      },
      { command: "switchyard schema --out schemas/", description: "Write every schema into schemas/" },
    ],
    load: () => import("./commands/schema.js"),
  },
  {
    name: "explain",
    summary: "Explain a diagnostic code: what it means, its cause and its fix.",
    description:
      "Prints the catalogue entry of a diagnostic code (SY1030) or name (unknown-key): its meaning, severity, cause, fix and an example. --list prints every code.",
    positionals: [
      { name: "code", description: "A diagnostic code such as SY1030, or its name such as unknown-key." },
    ],
    options: {
      list: { type: "boolean", short: "l", description: "List every diagnostic code." },
      json: { type: "boolean", description: "Print the entry (or the list) as JSON." },
    },
    examples: [
      { command: "switchyard explain SY1030", description: "Explain a code" },
      { command: "switchyard explain --list", description: "List every code" },
    ],
    load: () => import("./commands/explain.js"),
  },
];

const BUG_REPORT_URL = "https://github.com/switchyard-dev/switchyard/issues/new";

function colorFor(io: CliIO, stream: "stdout" | "stderr"): Style {
  return createStyle(shouldUseColor(io[stream], io.env));
}

function findCommand(name: string): CommandSpec | undefined {
  return COMMANDS.find((c) => c.name === name);
}

function unknownCommand(name: string): UsageError {
  const suggestion = suggestName(
    name,
    COMMANDS.map((c) => c.name),
  );
  return new UsageError(`Unknown command '${name}'${didYouMean(suggestion)}`, {
    hint: "Run 'switchyard --help' for the list of commands.",
  });
}

function formatJson(data: unknown): string {
  return `${JSON.stringify(data, null, 2)}\n`;
}

/** Run one command; returns its status. Throws UsageError / IoError / anything unexpected. */
async function runCommand(argv: readonly string[], io: CliIO): Promise<RunStatus> {
  const [first, ...rest] = argv;
  const out = colorFor(io, "stdout");
  if (first === undefined) {
    io.stderr.write(formatGlobalHelp(COMMANDS, colorFor(io, "stderr")));
    return "usage-error";
  }
  if (first === "--help" || first === "-h") {
    io.stdout.write(formatGlobalHelp(COMMANDS, out));
    return "ok";
  }
  if (first === "--version" || first === "-v") {
    io.stdout.write(`${VERSION}\n`);
    return "ok";
  }
  if (first === "help") {
    const topic = rest[0];
    if (topic === undefined) {
      io.stdout.write(formatGlobalHelp(COMMANDS, out));
      return "ok";
    }
    const spec = findCommand(topic);
    if (spec === undefined) throw unknownCommand(topic);
    io.stdout.write(formatCommandHelp(spec, out));
    return "ok";
  }
  if (first.startsWith("-")) {
    const suggestion = suggestName(first.split("=")[0] ?? first, ["--help", "--version"]);
    throw new UsageError(`Unknown option '${first}'${didYouMean(suggestion)}`, {
      hint: "Options go after the command: switchyard <command> [options]. Run 'switchyard --help'.",
    });
  }
  const spec = findCommand(first);
  if (spec === undefined) throw unknownCommand(first);
  const args = parseCommandArgs(spec, rest);
  if (args.values.help === true) {
    io.stdout.write(formatCommandHelp(spec, out));
    return "ok";
  }
  const command = await spec.load();
  const context: CommandContext = { io, style: out, version: VERSION };
  const outcome: CommandOutcome = await command.run(args, context);
  const stdout = args.values.json === true ? formatJson(outcome.data) : outcome.stdout;
  if (stdout !== undefined && stdout !== "") io.stdout.write(stdout);
  if (outcome.stderr !== undefined && outcome.stderr !== "") io.stderr.write(outcome.stderr);
  return outcome.status;
}

/**
 * Run the `switchyard` command line with `argv` (without `node` and the script) and return the exit
 * code. Never throws: usage and I/O errors print a message and return 2; anything unexpected prints
 * a bug-report hint and returns 70.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let status: RunStatus;
  try {
    status = await runCommand(argv, io);
  } catch (error) {
    const err = colorFor(io, "stderr");
    if (error instanceof UsageError || error instanceof IoError) {
      io.stderr.write(
        `${err.red("error:")} ${error.message}\n${error.hint === undefined ? "" : `${error.hint}\n`}`,
      );
      status = error instanceof UsageError ? "usage-error" : "io-error";
    } else {
      const detail =
        error instanceof Error ? (error.stack ?? `${error.name}: ${error.message}`) : String(error);
      io.stderr.write(
        [
          `${err.red("internal error:")} switchyard ${VERSION} failed unexpectedly. This is a bug.`,
          `Please report it at ${BUG_REPORT_URL} with the command you ran and this output:`,
          "",
          `  switchyard ${argv.join(" ")}`,
          `  node ${process.version} on ${process.platform}-${process.arch}`,
          ...detail.split("\n").map((line) => `  ${line.trim()}`),
          "",
        ].join("\n"),
      );
      status = "internal-error";
    }
  }
  return EXIT_CODES[status];
}
