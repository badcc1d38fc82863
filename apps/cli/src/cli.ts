/**
 * The `switchyard` command line: a table of commands, argument parsing, help, and the one place
 * where outcomes and errors become exit codes. Each command lives in `commands/<name>.ts`, loaded
 * only when it runs, and returns data; `--json` prints that data.
 */
import { didYouMean, OUTPUT_FORMATS, shouldUseColor, suggestName } from "@switchyard/config-schema";
import { parseCommandArgs } from "./args.js";
import type { CommandContext, CommandOutcome, CommandSpec } from "./command.js";
import { exitCodeFor, IoError, type RunStatus, UsageError } from "./errors.js";
import { formatCommandHelp, formatGlobalHelp } from "./help.js";
import { type CliIO, processIO } from "./io.js";
import { createStyle, type Style } from "./style.js";
import { VERSION } from "./version.js";

export { EXIT_CODES } from "./errors.js";
export type { CliIO, CliStream } from "./io.js";

/** The `--config-dir` option every command that reads a config set shares. */
function configDirOption(description: string) {
  return { type: "string", short: "c", valueName: "dir", description, defaultText: "./config" } as const;
}

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
      "config-dir": configDirOption("Config directory to validate."),
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
    name: "generate",
    summary: "Generate the LiteLLM proxy config from the config set, or check it for drift.",
    description:
      "Checks the config set (refusing on any error), then writes litellm-unified.yaml for the LiteLLM proxy: validated before writing, under a lock, backing up the previous file and replacing it atomically; old backups are then pruned (the last 10, one a day for 7 days, one a week for 4 weeks). A file edited by hand or without a Switchyard header is never overwritten without --force. --check compares the file with a fresh generation and exits 1 unless it is current (sources changed, edited by hand, missing, ...), printing why and the diff; --diff prints the diff and writes nothing. Use the same options (--prometheus, --master-key-env, --cache-namespace) for --check as for writing.",
    positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
    options: {
      "config-dir": configDirOption(
        "Config directory holding providers.yaml, model-mappings.yaml and ports.yaml.",
      ),
      out: {
        type: "string",
        short: "o",
        valueName: "file",
        description: "The generated file.",
        defaultText: "<config-dir>/litellm-unified.yaml",
      },
      check: {
        type: "boolean",
        description:
          "Exit 0 only when the file is exactly what generating now gives; otherwise say why and print the diff (exit 1).",
      },
      diff: {
        type: "boolean",
        description: "Print the diff from the file to a fresh generation; write nothing.",
      },
      force: {
        type: "boolean",
        short: "f",
        description: "Overwrite a file edited by hand or without a Switchyard header (a backup is kept).",
      },
      prometheus: { type: "boolean", description: "Add LiteLLM's Prometheus callback." },
      "master-key-env": {
        type: "string",
        valueName: "name",
        description: "The environment variable holding the proxy's master key.",
        defaultText: "LITELLM_MASTER_KEY",
      },
      "cache-namespace": {
        type: "string",
        valueName: "prefix",
        description: "The key prefix of this environment's cache entries in Redis.",
        defaultText: "litellm:unified",
      },
      json: { type: "boolean", description: "Print the result as JSON." },
    },
    examples: [
      { command: "switchyard generate", description: "Write config/litellm-unified.yaml" },
      {
        command: "switchyard generate --check --config-dir /etc/switchyard",
        description: "Fail CI when the generated file is stale or was edited by hand",
      },
      { command: "switchyard generate --diff", description: "Show what generating would change" },
      {
        command: "switchyard generate --out /etc/litellm/config.yaml --prometheus",
        description: "Write elsewhere, with Prometheus metrics",
      },
    ],
    load: () => import("./commands/generate.js"),
  },
  {
    name: "reload",
    summary: "Apply the generated config to the running LiteLLM gateway, rolling back on failure.",
    description:
      "Checks the config set, then regenerates litellm-unified.yaml and applies it step by step, each timed: generate, validate (including that the master key is set), back up, write atomically, restart the gateway with --restart-command, then wait until GET /health/liveliness and /health/readiness answer 200 and GET /v1/models serves exactly the generated model names. If any step after the write fails, the previous file is put back (the rejected one is kept as a backup), the gateway is restarted and checked again. An unchanged file is neither rewritten nor restarted (unless --force); its health is still verified. Exits 0 when the gateway serves the new config, 1 when the reload failed (rolled back when it got as far as writing).",
    positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
    options: {
      "config-dir": configDirOption(
        "Config directory holding providers.yaml, model-mappings.yaml and ports.yaml.",
      ),
      out: {
        type: "string",
        short: "o",
        valueName: "file",
        description: "The generated file the gateway reads.",
        defaultText: "<config-dir>/litellm-unified.yaml",
      },
      "gateway-url": {
        type: "string",
        valueName: "url",
        description: "Where the LiteLLM proxy listens.",
        defaultText: "http://127.0.0.1:4000",
      },
      "restart-command": {
        type: "string",
        valueName: "cmd",
        description:
          'The shell command that restarts the gateway, e.g. "systemctl restart litellm". Without it the gates wait for whatever reloads the proxy.',
      },
      timeout: {
        type: "string",
        valueName: "seconds",
        description: "How long the restart command and each health gate may take.",
        defaultText: "60",
      },
      force: {
        type: "boolean",
        short: "f",
        description:
          "Restart even when the file is current; overwrite a hand-edited file (a backup is kept).",
      },
      prometheus: { type: "boolean", description: "Add LiteLLM's Prometheus callback (as for generate)." },
      "master-key-env": {
        type: "string",
        valueName: "name",
        description: "The environment variable holding the proxy's master key, used to query /v1/models.",
        defaultText: "LITELLM_MASTER_KEY",
      },
      "cache-namespace": {
        type: "string",
        valueName: "prefix",
        description: "The key prefix of this environment's cache entries in Redis (as for generate).",
        defaultText: "litellm:unified",
      },
      json: { type: "boolean", description: "Print the report as JSON." },
    },
    examples: [
      {
        command: 'switchyard reload --restart-command "systemctl restart litellm"',
        description: "Regenerate, restart LiteLLM and wait until it serves the new models",
      },
      {
        command:
          'switchyard reload --gateway-url http://10.0.0.5:4000 --restart-command "docker restart litellm" --timeout 120',
        description: "A gateway in a container on another host",
      },
      { command: "switchyard reload --json", description: "The timed steps as JSON" },
    ],
    load: () => import("./commands/reload.js"),
  },
  {
    name: "import",
    summary: "Turn an existing LiteLLM config into a Switchyard config set.",
    description:
      "Reads a LiteLLM proxy config (the file given to `litellm --config`, with its include: files, read as PyYAML reads it) and writes a config set into --out: providers.yaml (one provider per endpoint), model-mappings.yaml (exact matches, load-balancing groups, patterns, fallbacks, routing), ports.yaml (local servers, the Redis cache) and litellm-passthrough.yaml for the settings those files do not model, which generate merges back. Literal secrets become os.environ/NAME references and are never written. Everything not carried exactly is reported, located in the input. Existing files are never overwritten unless --force; then each is backed up first.",
    positionals: [
      { name: "source", description: "What to import from: litellm.", required: true },
      { name: "file", description: "The LiteLLM config file." },
    ],
    options: {
      out: {
        type: "string",
        short: "o",
        valueName: "dir",
        description: "The directory to write the config set into (created if needed).",
        defaultText: "./config",
      },
      force: {
        type: "boolean",
        short: "f",
        description: "Replace existing files (each is backed up first).",
      },
      json: { type: "boolean", description: "Print the result as JSON." },
    },
    examples: [
      { command: "switchyard import litellm litellm_config.yaml", description: "Import into ./config" },
      {
        command: "switchyard import litellm /etc/litellm/config.yaml --out /etc/switchyard --force",
        description: "Replace an existing set, keeping backups",
      },
    ],
    load: () => import("./commands/import.js"),
  },
  {
    name: "migrate",
    summary: "Check, migrate or roll back the schema version of a config set.",
    description:
      "Without a mode (or with --check) reports each file's schema version and the versions between it and the target, and exits 1 when the set is outdated. --auto migrates every file to the current schema (--to <version> to another, up or down), all or nothing: each step is validated in memory, every file is backed up, the changed files are replaced atomically, comments are kept, and the run is recorded in <config-dir>/.switchyard/migrations.jsonl. --dry-run prints the diffs and writes nothing; --history prints the schema versions and their changes. 'migrate history' prints the recorded runs; 'migrate rollback' restores the set to its state before the last migration, verified by hash (--force when a file changed since).",
    positionals: [
      { name: "action", description: "history: the recorded runs; rollback: undo the last migration." },
    ],
    options: {
      "config-dir": configDirOption("Config directory to migrate."),
      check: {
        type: "boolean",
        description: "Report the versions and what would change; exit 1 when outdated (the default mode).",
      },
      auto: { type: "boolean", description: "Migrate every file to the current schema version." },
      to: {
        type: "string",
        valueName: "version",
        description:
          "Migrate (or with --check/--dry-run, plan) to this version instead, e.g. 1.2.0; older versions migrate down.",
      },
      "dry-run": { type: "boolean", short: "n", description: "Print the diff of every file; write nothing." },
      history: { type: "boolean", description: "Print the schema versions and what each changed." },
      force: {
        type: "boolean",
        short: "f",
        description:
          "rollback: roll back even when a file changed after the migration (it is backed up first).",
      },
      json: { type: "boolean", description: "Print the result as JSON." },
    },
    examples: [
      {
        command: "switchyard migrate --config-dir examples/legacy-v1",
        description: "Is the set outdated? (exit 1 when it is)",
      },
      { command: "switchyard migrate --dry-run", description: "Show the changes a migration makes" },
      { command: "switchyard migrate --auto", description: "Migrate ./config to the current schema" },
      { command: "switchyard migrate --to 1.2.0", description: "Migrate to (or down to) a given version" },
      { command: "switchyard migrate history", description: "List the recorded migrations" },
      { command: "switchyard migrate rollback", description: "Undo the last migration" },
      { command: "switchyard migrate --history", description: "The schema versions and their changes" },
    ],
    load: () => import("./commands/migrate.js"),
  },
  {
    name: "audit",
    summary: "Score the config set's security, compliance, performance and completeness.",
    description:
      "Runs every audit check (ids SY5xxx; 'switchyard explain SY5101' explains one) over the config set and the files around it (backups, migration history, version control), scores each category 0-100 and the whole, and prints the report. Secrets are only ever shown redacted. Exit codes are the audit's own: 0 when the score is 80 or more, 1 for 60-79, 2 below 60; with --min-score or --fail-on, 0 when that gate passes and 2 when it fails; 3 when the audit could not run (a bad option, an unreadable directory or baseline, a crashed check). --write-baseline records the open findings in <config-dir>/.switchyard/audit-baseline.json (or --baseline); later audits hide them and report only new ones.",
    positionals: [{ name: "dir", description: "Config directory; the same as --config-dir." }],
    options: {
      "config-dir": configDirOption("Config directory to audit."),
      quick: { type: "boolean", description: "Run the security and compliance checks only." },
      focus: {
        type: "string",
        valueName: "category",
        description: "Run one category: security, compliance, performance, completeness or litellm.",
      },
      format: {
        type: "string",
        valueName: "format",
        description:
          "text for people, json, sarif for code scanning, github for workflow annotations, markdown for a pull-request comment.",
        defaultText: "text",
      },
      json: { type: "boolean", description: "The same as --format json." },
      "min-score": {
        type: "string",
        valueName: "n",
        description:
          "Fail (exit 2) when the overall score is below n (0-100) instead of using the score bands.",
      },
      "fail-on": {
        type: "string",
        valueName: "severity",
        description:
          "Fail (exit 2) on any open finding this severe or worse: critical, high, medium, low or info.",
      },
      "write-baseline": {
        type: "boolean",
        description: "Record the open findings as the baseline, so later audits report only new ones.",
      },
      baseline: {
        type: "string",
        valueName: "file",
        description: "The baseline file to read (and with --write-baseline, to write).",
        defaultText: "<config-dir>/.switchyard/audit-baseline.json when it exists",
      },
    },
    examples: [
      { command: "switchyard audit", description: "Audit ./config and print the scores and findings" },
      {
        command: "switchyard audit --quick --fail-on high",
        description: "A fast CI gate: security and compliance, failing on high or critical findings",
      },
      {
        command: "switchyard audit --format sarif > audit.sarif",
        description: "SARIF for GitHub code scanning",
      },
      { command: "switchyard audit --format markdown", description: "A report for a pull-request comment" },
      {
        command: "switchyard audit --write-baseline",
        description: "Accept today's findings; report only new ones",
      },
    ],
    usageExitCode: 3,
    load: () => import("./commands/audit.js"),
  },
  {
    name: "backup",
    summary: "List, prune, verify and restore the backups of a config file.",
    description:
      "Every Switchyard write keeps the previous file as <file>.backup-YYYYMMDD_HHMMSS beside it. 'list' shows each backup of the file with its time and the retention rules that keep it; 'prune' deletes the backups no rule keeps (restic's forget semantics: the last N, the newest of each of the N most recent hours, days, ISO weeks, months and years that have backups; 'unlimited' (or --keep-daily=-1) keeps every period, 0 turns a rule off; default last 10, daily 7, weekly 4); 'verify' checks that the newest backup (--all: every one) parses and validates against its file's schema, and that a generated file's header is intact, exiting 1 if any fails; 'restore <name>' (or --latest) puts a backup back atomically, backing the current file up first, and refuses an invalid backup unless --force. 'switchyard generate' prunes with the default policy after every write.",
    positionals: [
      { name: "action", description: "list, prune, verify or restore.", required: true },
      { name: "name", description: "restore: the backup's file name, or just its stamp (20261126_121500)." },
    ],
    options: {
      "config-dir": configDirOption("Config directory holding the file."),
      file: {
        type: "string",
        valueName: "file",
        description:
          "The file whose backups to work on: a name in the config directory (providers.yaml) or a path (with a /).",
        defaultText: "litellm-unified.yaml",
      },
      "keep-last": {
        type: "string",
        valueName: "n",
        description: "list, prune: keep the n newest backups.",
        defaultText: "10",
      },
      "keep-hourly": {
        type: "string",
        valueName: "n",
        description: "list, prune: keep the newest of each of n hours.",
      },
      "keep-daily": {
        type: "string",
        valueName: "n",
        description: "list, prune: keep the newest of each of n days.",
        defaultText: "7",
      },
      "keep-weekly": {
        type: "string",
        valueName: "n",
        description: "list, prune: keep the newest of each of n ISO weeks.",
        defaultText: "4",
      },
      "keep-monthly": {
        type: "string",
        valueName: "n",
        description: "list, prune: keep the newest of each of n months.",
      },
      "keep-yearly": {
        type: "string",
        valueName: "n",
        description: "list, prune: keep the newest of each of n years.",
      },
      "dry-run": {
        type: "boolean",
        short: "n",
        description: "prune: say what would be removed; delete nothing.",
      },
      all: { type: "boolean", description: "verify: every backup, not just the newest." },
      latest: { type: "boolean", description: "restore: the newest backup." },
      force: {
        type: "boolean",
        short: "f",
        description: "restore: restore a backup that fails verification.",
      },
      json: { type: "boolean", description: "Print the result as JSON." },
    },
    examples: [
      {
        command: "switchyard backup list",
        description: "The backups of config/litellm-unified.yaml and why each is kept",
      },
      {
        command: "switchyard backup prune --keep-last 3 --keep-daily 7 --dry-run",
        description: "What a stricter policy would delete",
      },
      {
        command: "switchyard backup verify --all --file providers.yaml",
        description: "Check every backup of providers.yaml",
      },
      {
        command: "switchyard backup restore --latest",
        description: "Put the newest backup back (the current file is backed up first)",
      },
    ],
    load: () => import("./commands/backup.js"),
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
    if (spec === undefined) throw unknownCommand(topic);
    io.stdout.write(formatCommandHelp(spec, out));
    return { status: "ok" };
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
    return { status: "ok" };
  }
  const command = await spec.load();
  const context: CommandContext = { io, style: out, stderrStyle: colorFor(io, "stderr"), version: VERSION };
  const outcome: CommandOutcome = await command.run(args, context);
  const stdout = args.values.json === true ? formatJson(outcome.data) : outcome.stdout;
  if (stdout !== undefined && stdout !== "") io.stdout.write(stdout);
  if (outcome.stderr !== undefined && outcome.stderr !== "") io.stderr.write(outcome.stderr);
  return outcome.exitCode === undefined
    ? { status: outcome.status }
    : { status: outcome.status, exitCode: outcome.exitCode };
}

/**
 * Run the `switchyard` command line with `argv` (without `node` and the script) and return the exit
 * code. Never throws: usage and I/O errors print a message and return 2 (a command may declare
 * another code for its usage errors: `audit` returns 3); anything unexpected prints a bug-report
 * hint and returns 70.
 */
export async function main(argv: readonly string[], io: CliIO = processIO()): Promise<number> {
  let end: RunEnd;
  try {
    end = await runCommand(argv, io);
  } catch (error) {
    const err = colorFor(io, "stderr");
    if (error instanceof UsageError || error instanceof IoError) {
      io.stderr.write(
        `${err.red("error:")} ${error.message}\n${error.hint === undefined ? "" : `${error.hint}\n`}`,
      );
      end = { status: error instanceof UsageError ? "usage-error" : "io-error" };
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
      end = { status: "internal-error" };
    }
  }
  const command = argv[0] === undefined ? undefined : findCommand(argv[0]);
  return exitCodeFor(end.status, { exitCode: end.exitCode, usageExitCode: command?.usageExitCode });
}
