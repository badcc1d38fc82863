import { basename, dirname, resolve } from "node:path";
import {
  type Catalogue,
  type Diagnostic,
  hasErrors,
  mergeCatalogues,
  schemaCatalogue,
  sortDiagnostics,
} from "@switchyard/config-schema/diagnostics";
import { displayPath, readBoundedFile, readFailureDiagnostic } from "@switchyard/config-schema/fs";
import {
  type ConfigSet,
  type LoadedFile,
  type LoadOptions,
  loadConfigSet,
  loadConfigText,
} from "@switchyard/config-schema/load";
import { type JsonReport, jsonReport } from "@switchyard/config-schema/render";
import { type ConfigFileKind, kindOfFileName, kindOfModeline } from "@switchyard/config-schema/schemas";
import { DEFAULT_MAX_BYTES } from "@switchyard/config-schema/yaml";
import { consistencyCatalogue, consistencyDiagnostic, SINGLE_FILE_CODE } from "./catalogue.js";
import { type ValidateOptions, validateConfigSet } from "./validate.js";

/** Options of {@link validateConfigDir}: how to load (size and alias limits) and how to check. */
export interface ValidateDirOptions extends LoadOptions, Omit<ValidateOptions, "cwd"> {
  /** The version the JSON report names as the tool's (the CLI's or the server's). */
  readonly toolVersion?: string;
}

/** What {@link validateConfigDir} found: one shape for the CLI, the server and whoever comes next. */
export interface ConfigDirValidation {
  /** The absolute directory. */
  readonly dir: string;
  /** The loaded set (its files' sources, for code frames). */
  readonly set: ConfigSet;
  /** Every finding after suppressions and severity overrides, sorted by file and position. */
  readonly diagnostics: readonly Diagnostic[];
  /** `io-error` when a file or the directory could not be read (SY1010), `invalid` on any error, else `ok`. */
  readonly status: "ok" | "invalid" | "io-error";
  /** The report `switchyard validate --json` prints and `GET /api/v1/config/validate` answers. */
  readonly report: JsonReport;
  /**
   * The errors that stop `generate`, `reload` and whatever else writes from this set: every error
   * of {@link diagnostics} (schema and cross-file, after overrides and suppressions) except those
   * in the generated file itself (`litellm-unified.yaml`), which generating replaces.
   */
  readonly blocking: readonly Diagnostic[];
}

/**
 * The errors that stop writing from a checked set: every error but those in the set's generated
 * file (which generating replaces). One definition for `generate`, `reload` and the server.
 */
export function blockingErrors(set: ConfigSet, diagnostics: readonly Diagnostic[]): Diagnostic[] {
  const generated = set.files.litellm?.file;
  return diagnostics.filter(
    (d) => d.severity === "error" && (generated === undefined || d.file !== generated),
  );
}

let catalogue: Catalogue | undefined;

/** The catalogue validation's codes come from: config-schema's SY1xxx and the rules' SY2xxx. */
export function validationCatalogue(): Catalogue {
  catalogue ??= mergeCatalogues(schemaCatalogue, consistencyCatalogue);
  return catalogue;
}

/**
 * Open a config directory with its settings (`.switchyard.yaml`), check it (schemas, cross-file
 * rules, severity overrides, suppressions) and return one report. What `switchyard validate` and
 * the HTTP API's `GET /api/v1/config/validate` both call, and what `generate` and `reload` decide
 * on ({@link ConfigDirValidation.blocking}). Never throws for a bad directory: an
 * unreadable one is an `io-error` with SY1010.
 */
export async function validateConfigDir(
  dir: string,
  options: ValidateDirOptions = {},
): Promise<ConfigDirValidation> {
  const { cwd, maxBytes, maxAliasCount, kinds, positions, recover, toolVersion, ...check } = options;
  const absolute = resolve(cwd ?? process.cwd(), dir);
  // Every load option reaches the loader (a caller that locates many findings, like the audit,
  // asks for `positions: "while-reading"`), every other option reaches the check.
  const set = await loadConfigSet(
    absolute,
    definedOnly<LoadOptions>({ cwd, maxBytes, maxAliasCount, kinds, positions, recover }),
  );
  return checkConfigSet(set, {
    ...check,
    ...definedOnly<Pick<CheckSetOptions, "cwd" | "toolVersion">>({ cwd, toolVersion }),
  });
}

/** The options without their `undefined` members (options are `exactOptionalPropertyTypes`-strict). */
function definedOnly<T extends object>(options: { [K in keyof T]-?: T[K] | undefined }): T {
  return Object.fromEntries(Object.entries(options).filter(([, v]) => v !== undefined)) as T;
}

/** Options of {@link checkConfigSet}: how to check, and the tool version the JSON report names. */
export interface CheckSetOptions extends ValidateOptions {
  /** The version the JSON report names as the tool's (the CLI's or the server's). */
  readonly toolVersion?: string;
}

/**
 * Check a set that is already loaded (schemas, cross-file rules, severity overrides, suppressions)
 * and return the one report shape: what {@link validateConfigDir} does after loading, for a caller
 * that loaded the set itself (doctor, a test). The audit's SY5402 and doctor decide on this report.
 */
export function checkConfigSet(set: ConfigSet, options: CheckSetOptions = {}): ConfigDirValidation {
  const { toolVersion, ...check } = options;
  const diagnostics = sortDiagnostics(validateConfigSet(set, check).diagnostics);
  return validationOf(set.dir, set, diagnostics, toolVersion);
}

function validationOf(
  dir: string,
  set: ConfigSet,
  diagnostics: readonly Diagnostic[],
  toolVersion: string | undefined,
): ConfigDirValidation {
  const status = diagnostics.some((d) => d.code === "SY1010")
    ? "io-error"
    : hasErrors(diagnostics)
      ? "invalid"
      : "ok";
  let report: JsonReport | undefined;
  return {
    dir,
    set,
    diagnostics,
    status,
    // Built when read: the audit and doctor decide on the diagnostics and never print this report.
    get report(): JsonReport {
      report ??= jsonReport(diagnostics, {
        catalogue: validationCatalogue(),
        ...(toolVersion === undefined ? {} : { toolVersion }),
      });
      return report;
    },
    blocking: blockingErrors(set, diagnostics),
  };
}

/** Options of {@link validateConfigFile}. */
export interface ValidateFileOptions extends ValidateDirOptions {
  /** The file's kind; default: from its name (`providers.yaml`), else its `$schema=` modeline. */
  readonly kind?: ConfigFileKind;
}

/** What {@link validateConfigFile} found: a one-file set's validation, and the kind it was read as. */
export interface ConfigFileValidation extends ConfigDirValidation {
  /** The kind the file was validated as; `undefined` only when it could not be read (SY1010, SY1006). */
  readonly kind: ConfigFileKind | undefined;
}

/** Thrown by {@link validateConfigFile} for a file whose kind neither its name, `kind` nor a modeline gives. */
export class UnknownConfigFileKindError extends Error {
  constructor(readonly file: string) {
    super(`Cannot tell which config file ${file} is: its name is not one of a config set's`);
    this.name = "UnknownConfigFileKindError";
  }
}

/**
 * Validate one file alone (`switchyard validate providers.yaml`): its schema, the legacy-schema
 * recognition, `.switchyard.yaml`'s settings and inline suppressions, but no cross-file rule (those
 * need the directory), which one SY2091 info line says. The kind comes from `options.kind`, else the
 * file's name, else its `# yaml-language-server: $schema=` line; none of them is an
 * {@link UnknownConfigFileKindError}. Never throws for an unreadable file: that is SY1010 (`io-error`).
 */
export async function validateConfigFile(
  path: string,
  options: ValidateFileOptions = {},
): Promise<ConfigFileValidation> {
  const {
    cwd: cwdOption,
    maxBytes,
    maxAliasCount,
    toolVersion,
    kind: given,
    kinds: _kinds,
    ...check
  } = options;
  const cwd = cwdOption ?? process.cwd();
  const absolute = resolve(cwd, path);
  const dir = dirname(absolute);
  const file = displayPath(absolute, cwd);
  const read = await readBoundedFile(absolute, { maxBytes: maxBytes ?? DEFAULT_MAX_BYTES });
  let kind = given ?? kindOfFileName(basename(absolute));
  if (!read.ok) {
    const failure = readFailureDiagnostic(file, read.failure);
    const set: ConfigSet = { dir, files: {}, diagnostics: [failure] };
    return { ...validationOf(dir, set, [failure], toolVersion), kind };
  }
  kind ??= kindOfModeline(new TextDecoder().decode(read.bytes.subarray(0, 8192)));
  if (kind === undefined) throw new UnknownConfigFileKindError(file);
  const loaded: LoadedFile = {
    ...loadConfigText(kind, read.bytes, file, {
      ...(maxBytes === undefined ? {} : { maxBytes }),
      ...(maxAliasCount === undefined ? {} : { maxAliasCount }),
    }),
    path: absolute,
  };
  const set: ConfigSet = { dir, files: { [kind]: loaded }, diagnostics: loaded.diagnostics };
  const alone = consistencyDiagnostic(SINGLE_FILE_CODE, {
    message: `${basename(absolute)} was validated alone (kind ${kind}): the cross-file checks need the directory; run \`switchyard validate ${displayPath(dir, cwd)}\``,
    file,
  });
  const checked = validateConfigSet(set, { ...check, cwd, rules: [] }).diagnostics;
  return { ...validationOf(dir, set, sortDiagnostics([...checked, alone]), toolVersion), kind };
}
