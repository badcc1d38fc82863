import { optionsWithHelp } from "./args.js";
import type { CommandSpec, OptionSpec } from "./command.js";
import { EXIT_CODES } from "./errors.js";
import type { Style } from "./style.js";

const DESCRIPTION =
  "switchyard keeps the configuration of a self-hosted LLM gateway stack (LiteLLM in front of Ollama, vLLM, llama.cpp and cloud providers) correct.";

/** Help is wrapped to this many columns, so it reads the same in any terminal and in tests. */
const WIDTH = 100;

/** Split `text` into lines of at most `width` characters, breaking at spaces. */
function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(/\s+/).filter((w) => w !== "")) {
    if (line !== "" && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else {
      line = line === "" ? word : `${line} ${word}`;
    }
  }
  if (line !== "" || lines.length === 0) lines.push(line);
  return lines;
}

/** Two columns; the right one wraps with a hanging indent. */
function table(rows: readonly (readonly [string, string])[], indent = 2): string[] {
  const width = rows.reduce((w, [left]) => Math.max(w, left.length), 0);
  const gap = " ".repeat(indent + width + 3);
  return rows.flatMap(([left, right]) => {
    const [first = "", ...rest] = wrap(right, Math.max(40, WIDTH - gap.length));
    return [
      `${" ".repeat(indent)}${left.padEnd(width)}   ${first}`.trimEnd(),
      ...rest.map((l) => `${gap}${l}`),
    ];
  });
}

function optionLabel(name: string, option: OptionSpec): string {
  const short = option.short === undefined ? "    " : `-${option.short}, `;
  const value = option.type === "string" ? ` <${option.valueName ?? "value"}>` : "";
  return `${short}--${name}${value}`;
}

function optionText(option: OptionSpec): string {
  const parts = [option.description];
  if (option.choices !== undefined) parts.push(`One of: ${option.choices.join(", ")}.`);
  if (option.defaultText !== undefined) parts.push(`Default: ${option.defaultText}.`);
  return parts.join(" ");
}

/** What each exit code means (the rows of {@link exitCodeLines}; the docs' CLI reference prints them too). */
export const EXIT_CODE_MEANINGS: readonly (readonly [code: number, meaning: string])[] = [
  [EXIT_CODES.ok, "success (warnings allowed)"],
  [
    EXIT_CODES.invalid,
    "the config is invalid, a check failed (generate --check, migrate --check), or the action was refused",
  ],
  [EXIT_CODES["usage-error"], "usage error, or a file or directory could not be read or written"],
  [EXIT_CODES["internal-error"], "internal error (a bug: please report it)"],
];

/** The options every invocation takes, as the global help lists them. */
export const GLOBAL_OPTIONS: readonly (readonly [label: string, description: string])[] = [
  ["-h, --help", "Show help; 'switchyard <command> --help' shows a command's options and examples."],
  ["-v, --version", "Print the version."],
  [
    "--debug <command>",
    "Run <command>; an internal error (exit 70) shows its stack trace (or SWITCHYARD_DEBUG=1).",
  ],
];

/** `audit`'s own exit codes, as the global help states them. */
export const AUDIT_EXIT_CODES_LINE =
  "'switchyard audit' has its own: 0 score ≥ 80, 1 score 60-79, 2 score < 60 or gate failed, 3 could not run.";

/** The exit-code lines shared by the global help and the README. */
export function exitCodeLines(): string[] {
  return table(EXIT_CODE_MEANINGS.map(([code, meaning]) => [String(code), meaning]));
}

/** The usage line of a command: `switchyard validate [dir] [options]`. */
export function usageLine(spec: CommandSpec): string {
  const positionals = spec.positionals.map((p) => (p.required === true ? `<${p.name}>` : `[${p.name}]`));
  return ["switchyard", spec.name, ...positionals, "[options]"].join(" ");
}

/** `switchyard --help`. */
export function formatGlobalHelp(commands: readonly CommandSpec[], style: Style): string {
  const lines = [
    ...wrap(DESCRIPTION, WIDTH),
    "",
    `${style.bold("Usage:")} switchyard <command> [options]`,
    "",
    style.bold("Commands:"),
    ...table(commands.map((c) => [c.name, c.summary])),
    "",
    style.bold("Global options:"),
    ...table(GLOBAL_OPTIONS),
    "",
    style.bold("Examples:"),
    ...commands.flatMap((c) => (c.examples[0] === undefined ? [] : [`  ${c.examples[0].command}`])),
    "",
    style.bold("Exit codes:"),
    ...exitCodeLines(),
    `  ${AUDIT_EXIT_CODES_LINE}`,
    "",
    "Colours follow the terminal; NO_COLOR=1 turns them off, FORCE_COLOR=1 forces them on.",
  ];
  return `${lines.join("\n")}\n`;
}

/** `switchyard <command> --help`. */
export function formatCommandHelp(spec: CommandSpec, style: Style): string {
  const lines = [`${style.bold("Usage:")} ${usageLine(spec)}`, "", ...wrap(spec.description, WIDTH)];
  if (spec.positionals.length > 0) {
    lines.push("", style.bold("Arguments:"));
    for (const line of table(spec.positionals.map((p) => [p.name, p.description]))) lines.push(line);
  }
  const options = optionsWithHelp(spec);
  lines.push("", style.bold("Options:"));
  const optionRows = Object.entries(options).map(
    ([name, option]) => [optionLabel(name, option), optionText(option)] as const,
  );
  for (const line of table(optionRows)) lines.push(line);
  if (spec.examples.length > 0) {
    lines.push("", style.bold("Examples:"));
    for (const example of spec.examples)
      lines.push(`  ${style.dim(`# ${example.description}`)}`, `  ${example.command}`);
  }
  return `${lines.join("\n")}\n`;
}
