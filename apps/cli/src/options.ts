/**
 * The option specs several commands share, defined once: a command's `spec.ts` picks them by name
 * and gives its own description where the wording differs. Plain data with no imports beyond types,
 * so `--help` stays free of every library.
 */
import type { OptionSpec } from "./command.js";

/** `-h, --help`, which every command accepts. */
export const HELP_OPTION: OptionSpec = { type: "boolean", short: "h", description: "Show this help." };

/** `-c, --config-dir <dir>`, for every command that reads a config set. */
export function configDirOption(description: string): OptionSpec {
  return { type: "string", short: "c", valueName: "dir", description, defaultText: "./config" };
}

/** `--json`: print the command's data (its {@link CommandOutcome.data}) as JSON. */
export function jsonOption(description = "Print the result as JSON."): OptionSpec {
  return { type: "boolean", description };
}

/** `--json` of a command that also has `--format`. */
export const JSON_AS_FORMAT_OPTION: OptionSpec = jsonOption("The same as --format json.");

/** `--format <format>`, for a command with several output formats. */
export function formatOption(
  description: string,
  defaultText: string,
  choices?: readonly string[],
): OptionSpec {
  return {
    type: "string",
    valueName: "format",
    ...(choices === undefined ? {} : { choices }),
    description,
    defaultText,
  };
}

/** `-f, --force`: do what is otherwise refused (every command keeps a backup when it overwrites). */
export function forceOption(description: string): OptionSpec {
  return { type: "boolean", short: "f", description };
}

/** `-o, --out <valueName>`: where a command writes. */
export function outOption(valueName: string, description: string, defaultText?: string): OptionSpec {
  return {
    type: "string",
    short: "o",
    valueName,
    description,
    ...(defaultText === undefined ? {} : { defaultText }),
  };
}

/** `-n, --dry-run`: say what would change; write nothing. */
export function dryRunOption(description: string): OptionSpec {
  return { type: "boolean", short: "n", description };
}

/** The generated LiteLLM file's default path, as help shows it (`generate`, `reload`). */
export const GENERATED_FILE_DEFAULT = "<config-dir>/litellm-unified.yaml";

/** `--prometheus` (`generate`, `reload`: both must generate the same text). */
export function prometheusOption(description: string): OptionSpec {
  return { type: "boolean", description };
}

/** `--master-key-env <name>` (`generate`, `reload`). */
export function masterKeyEnvOption(description: string): OptionSpec {
  return { type: "string", valueName: "name", description, defaultText: "LITELLM_MASTER_KEY" };
}

/** `--cache-namespace <prefix>` (`generate`, `reload`). */
export function cacheNamespaceOption(description: string): OptionSpec {
  return { type: "string", valueName: "prefix", description, defaultText: "litellm:unified" };
}

/** `--timeout <ms>`: the timeout of each health request (`health`, `doctor`). */
export function probeTimeoutOption(description = "Timeout of each health request."): OptionSpec {
  return { type: "string", valueName: "ms", description, defaultText: "2000" };
}

/** `--min-score <n>`: the audit's gate on the overall score (`audit`, `doctor`). */
export function minScoreOption(description: string): OptionSpec {
  return { type: "string", valueName: "n", description };
}

/** `--fail-on <severity>`: the audit's gate on the worst open finding (`audit`, `doctor`). */
export function failOnOption(description: string): OptionSpec {
  return { type: "string", valueName: "severity", description };
}
