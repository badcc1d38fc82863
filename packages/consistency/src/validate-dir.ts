import { resolve } from "node:path";
import {
  type Catalogue,
  type ConfigSet,
  type Diagnostic,
  hasErrors,
  type JsonReport,
  jsonReport,
  type LoadOptions,
  loadConfigSet,
  mergeCatalogues,
  schemaCatalogue,
  sortDiagnostics,
} from "@switchyard/config-schema";
import { consistencyCatalogue } from "./catalogue.js";
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
  const { cwd, maxBytes, maxAliasCount, kinds, toolVersion, ...check } = options;
  const absolute = resolve(cwd ?? process.cwd(), dir);
  const set = await loadConfigSet(absolute, {
    ...(cwd === undefined ? {} : { cwd }),
    ...(maxBytes === undefined ? {} : { maxBytes }),
    ...(maxAliasCount === undefined ? {} : { maxAliasCount }),
    ...(kinds === undefined ? {} : { kinds }),
  });
  const diagnostics = sortDiagnostics(
    validateConfigSet(set, { ...check, ...(cwd === undefined ? {} : { cwd }) }).diagnostics,
  );
  const status = diagnostics.some((d) => d.code === "SY1010")
    ? "io-error"
    : hasErrors(diagnostics)
      ? "invalid"
      : "ok";
  const report = jsonReport(diagnostics, {
    catalogue: validationCatalogue(),
    ...(toolVersion === undefined ? {} : { toolVersion }),
  });
  return { dir: absolute, set, diagnostics, status, report, blocking: blockingErrors(set, diagnostics) };
}
