import { stat } from "node:fs/promises";
import { resolve } from "node:path";
import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { sourceRootFor } from "@switchyard/config-schema/fs";
import {
  collectSources,
  guardJsonForLogs,
  type OutputFormat,
  readSources,
  renderDiagnostics,
} from "@switchyard/config-schema/render";
import { CONFIG_FILE_KINDS, type ConfigFileKind } from "@switchyard/config-schema/schemas";
import {
  type ConfigDirValidation,
  UnknownConfigFileKindError,
  validateConfigDir,
  validateConfigFile,
} from "@switchyard/consistency";
import { stringOption } from "../../args.js";
import { cliCatalogue } from "../../catalogue.js";
import type { CommandContext, CommandOutcome, ParsedArgs } from "../../command.js";
import { configDirArgument } from "../../config-dir.js";
import { UsageError } from "../../errors.js";
import { displayPath } from "../../paths.js";

const SIZE_UNITS: Record<string, number> = {
  "": 1,
  b: 1,
  k: 1024,
  kb: 1024,
  kib: 1024,
  m: 1024 ** 2,
  mb: 1024 ** 2,
  mib: 1024 ** 2,
};

/** `16MiB`, `512k`, `1048576` → bytes. */
export function parseSize(text: string): number | undefined {
  const match = /^(\d+)\s*([a-z]*)$/i.exec(text.trim());
  const unit = SIZE_UNITS[(match?.[2] ?? "").toLowerCase()];
  if (match === null || unit === undefined) return undefined;
  const bytes = Number(match[1]) * unit;
  return Number.isSafeInteger(bytes) && bytes > 0 ? bytes : undefined;
}

function positiveInteger(text: string): number | undefined {
  return /^\d+$/.test(text) && Number(text) > 0 && Number.isSafeInteger(Number(text))
    ? Number(text)
    : undefined;
}

function usage(message: string): UsageError {
  return new UsageError(message, {
    hint: "Run 'switchyard validate --help' for usage.",
  });
}

function chooseFormat(args: ParsedArgs): OutputFormat {
  const format = stringOption(args, "format") as OutputFormat | undefined;
  if (args.values.json === true) {
    if (format !== undefined && format !== "json") throw usage(`--json conflicts with --format ${format}`);
    return "json";
  }
  return format ?? "pretty";
}

/**
 * `switchyard validate [dir|file]`: load the set, run the schema and cross-file checks, and render every
 * finding sorted by file and line; a single file is checked alone against its kind's schema. `ok` when there is no error, `invalid` on any error, `io-error`
 * when a file or the directory could not be read (SY1010).
 */
export async function run(args: ParsedArgs, context: CommandContext): Promise<CommandOutcome> {
  const format = chooseFormat(args);
  const dirArgument = configDirArgument(args, "validate", { positional: true });
  const sizeText = stringOption(args, "max-file-size");
  const aliasText = stringOption(args, "max-alias-count");
  const maxBytes = sizeText === undefined ? undefined : parseSize(sizeText);
  if (sizeText !== undefined && maxBytes === undefined)
    throw usage(`Invalid --max-file-size '${sizeText}': write bytes, e.g. 16MiB or 1048576`);
  const maxAliasCount = aliasText === undefined ? undefined : positiveInteger(aliasText);
  if (aliasText !== undefined && maxAliasCount === undefined)
    throw usage(`Invalid --max-alias-count '${aliasText}': write a positive integer`);

  const { cwd } = context.io;
  const dir = resolve(cwd, dirArgument);
  const kindText = stringOption(args, "kind");
  const kinds: readonly string[] = CONFIG_FILE_KINDS;
  if (kindText !== undefined && !kinds.includes(kindText))
    throw usage(
      `Unknown kind '${kindText}'${didYouMean(suggestName(kindText, kinds))} (kinds: ${kinds.join(", ")})`,
    );
  const kind = kindText as ConfigFileKind | undefined;
  const limits = {
    cwd,
    toolVersion: context.version,
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(maxAliasCount === undefined ? {} : { maxAliasCount }),
  };
  // A file (not a directory) is validated alone, by its kind: `validate providers.yaml`.
  const isFile = await stat(dir).then(
    (s) => s.isFile(),
    () => false,
  );
  if (kind !== undefined && !isFile)
    throw usage(`--kind applies to a single file; ${displayPath(dir, cwd)} is not a file`);
  const checked: ConfigDirValidation = isFile
    ? await validateConfigFile(dir, { ...limits, ...(kind === undefined ? {} : { kind }) }).catch(
        (error: unknown) => {
          if (!(error instanceof UnknownConfigFileKindError)) throw error;
          throw new UsageError(`${error.message}; pass --kind`, {
            hint: `Name the kind (--kind providers), or start the file with its schema line, e.g. '# yaml-language-server: $schema=…/providers.schema.json'. Kinds: ${CONFIG_FILE_KINDS.join(", ")}.`,
          });
        },
      )
    : await validateConfigDir(dir, limits);
  const options = {
    color: context.style.enabled,
    catalogue: cliCatalogue(),
    sources: collectSources(checked.set),
    toolVersion: context.version,
    summaryTarget: displayPath(dir, cwd),
  };
  // GitHub resolves annotation and SARIF paths against the repository root, not the directory the
  // command ran in; SARIF's line hashes are of the files as they are on disk.
  const rendered =
    format === "github" || format === "sarif"
      ? {
          ...options,
          sourceRoot: sourceRootFor(cwd, context.io.env),
          ...(format === "sarif"
            ? {
                sources: readSources(
                  checked.diagnostics.map((d) => d.file),
                  cwd,
                ),
              }
            : {}),
        }
      : options;
  return {
    status: checked.status,
    // The JSON report (the library's, which the HTTP API serves too); `--json` prints it.
    data: checked.report,
    stdout:
      format === "json"
        ? `${guardJsonForLogs(JSON.stringify(checked.report, null, 2))}\n`
        : renderDiagnostics(checked.diagnostics, format, rendered),
    machineOutput: format !== "pretty",
  };
}
