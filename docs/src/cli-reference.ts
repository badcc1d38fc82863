/**
 * `docs/cli.md`, generated from the command definitions (`apps/cli/src/commands/<name>/spec.ts`,
 * listed by `commands/index.ts`) and the CLI's exit-code table: the same data `--help` prints, so
 * the reference cannot say something the command does not.
 */
import { optionsWithHelp } from "../../apps/cli/src/args.ts";
import type { CommandSpec, OptionSpec } from "../../apps/cli/src/command.ts";
import { COMMANDS } from "../../apps/cli/src/commands/index.ts";
import {
  AUDIT_EXIT_CODES_LINE,
  EXIT_CODE_MEANINGS,
  GLOBAL_OPTIONS,
  usageLine,
} from "../../apps/cli/src/help.ts";
import { append, fenced, formatMarkdown, generatedNotice, githubSlug, inline, table } from "./markdown.ts";

function optionLabel(name: string, option: OptionSpec): string {
  const short = option.short === undefined ? "" : `-${option.short}, `;
  const value = option.type === "string" ? ` <${option.valueName ?? "value"}>` : "";
  return `\`${short}--${name}${value}\``;
}

function optionText(option: OptionSpec): string {
  const parts = [inline(option.description)];
  if (option.choices !== undefined)
    parts.push(`One of: ${option.choices.map((c) => `\`${c}\``).join(", ")}.`);
  if (option.multiple === true) parts.push("Repeatable.");
  return parts.join(" ");
}

function heading(spec: CommandSpec): string {
  return `switchyard ${spec.name}`;
}

function commandSection(spec: CommandSpec): string[] {
  const lines = [`## \`${heading(spec)}\``, "", inline(spec.summary), "", ...fenced("sh", usageLine(spec))];
  lines.push("", inline(spec.description));
  if (spec.positionals.length > 0) {
    append(lines, [
      "",
      "**Arguments**",
      "",
      ...table(
        ["argument", "required", "description"],
        spec.positionals.map((p) => [
          `\`${p.name}\``,
          p.required === true ? "yes" : "no",
          inline(p.description),
        ]),
      ),
    ]);
  }
  append(lines, [
    "",
    "**Options**",
    "",
    ...table(
      ["option", "description", "default"],
      Object.entries(optionsWithHelp(spec)).map(([name, option]) => [
        optionLabel(name, option),
        optionText(option),
        option.defaultText === undefined ? "" : `\`${option.defaultText.replaceAll("|", "\\|")}\``,
      ]),
    ),
  ]);
  if (spec.usageExitCode !== undefined) {
    lines.push("", `A usage error of \`${spec.name}\` exits ${spec.usageExitCode} (not 2).`);
  }
  if (spec.examples.length > 0) {
    const examples = spec.examples.map((e) => `# ${e.description}\n${e.command}`).join("\n");
    append(lines, ["", "**Examples**", "", ...fenced("sh", examples)]);
  }
  return lines;
}

/** The whole page. */
export function cliReference(commands: readonly CommandSpec[] = COMMANDS): string {
  const lines = [
    generatedNotice("apps/cli/src/commands/*/spec.ts"),
    "",
    "# CLI reference",
    "",
    "Every `switchyard` command, its arguments, options and examples, as `switchyard <command> --help` prints them. Every command takes `--json`; colours follow the terminal, `NO_COLOR=1` turns them off and `FORCE_COLOR=1` forces them on. A diagnostic code in any output is explained by [`switchyard explain <code>`](#switchyard-explain) and in the [troubleshooting guide](troubleshooting.md).",
    "",
    ...table(
      ["command", "what it does"],
      commands.map((spec) => [`[\`${spec.name}\`](#${githubSlug(heading(spec))})`, inline(spec.summary)]),
    ),
    "",
    "## Exit codes",
    "",
    ...table(
      ["code", "meaning"],
      EXIT_CODE_MEANINGS.map(([code, meaning]) => [String(code), inline(meaning)]),
    ),
    "",
    inline(AUDIT_EXIT_CODES_LINE),
    "",
    "## Global options",
    "",
    ...table(
      ["option", "description"],
      GLOBAL_OPTIONS.map(([label, description]) => [`\`${label}\``, inline(description)]),
    ),
  ];
  for (const spec of commands) append(lines, ["", ...commandSection(spec)]);
  return formatMarkdown(`${lines.join("\n")}\n`, "docs/cli.md");
}
