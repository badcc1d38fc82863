import { readdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { capDiagnosticsPerFile } from "./diagnostics/cap.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { sortDiagnostics } from "./diagnostics/diagnostic.js";
import { schemaDiagnostic } from "./diagnostics/schema-catalogue.js";
import { suggestName } from "./diagnostics/suggest.js";
import { displayPath } from "./fs/display-path.js";
import { describeFsError, errnoCode } from "./fs/errno.js";
import { readFailureDiagnostic } from "./fs/read-diagnostic.js";
import { readBoundedFile } from "./fs/read-file.js";
import { recoverFileSets, recoveryDiagnostics } from "./safe-write/file-set.js";
import {
  CONFIG_FILE_KINDS,
  CONFIG_FILES,
  type ConfigFileKind,
  type ConfigFileTypes,
} from "./schemas/files.js";
import type { SchemaVersionStatus } from "./validate/schema-version.js";
import { validateSource } from "./validate/validate-file.js";
import {
  DEFAULT_MAX_BYTES,
  type ParseYamlOptions,
  type Positions,
  parseYaml,
  sourceWithoutDocument,
  type YamlSource,
} from "./yaml/parse.js";

/** One loaded file of a config set. */
export interface LoadedFile<K extends ConfigFileKind = ConfigFileKind> {
  readonly kind: K;
  /** Absolute path. */
  readonly path: string;
  /** The path diagnostics show (relative to `cwd` when inside it). */
  readonly file: string;
  readonly source: YamlSource;
  /**
   * The raw, sanitized data, even when invalid, so cross-file rules can run on what parsed.
   * `undefined` only when the file could not be parsed at all.
   */
  readonly data: unknown;
  /** The typed content, present only when the file is valid. */
  readonly value: ConfigFileTypes[K] | undefined;
  readonly version: SchemaVersionStatus;
  /** Everything found in this file: parse problems, schema errors and lints. */
  readonly diagnostics: readonly Diagnostic[];
}

/** A config directory, loaded. */
export interface ConfigSet {
  /** Absolute path of the config directory. */
  readonly dir: string;
  readonly files: { readonly [K in ConfigFileKind]?: LoadedFile<K> };
  /** Every diagnostic of every file plus set-level ones (missing or misnamed files), sorted. */
  readonly diagnostics: readonly Diagnostic[];
  /**
   * The kinds {@link loadConfigSet} looked for and did not find, required (also SY1011) or optional
   * (what validation says it skipped because of). Absent when the set was not read from a directory.
   */
  readonly missing?: readonly ConfigFileKind[];
}

export interface LoadOptions {
  /** Paths in diagnostics are shown relative to this directory (default `process.cwd()`). */
  readonly cwd?: string;
  /** Largest file accepted, in bytes (default 16 MiB). */
  readonly maxBytes?: number;
  /** Alias-expansion limit (default 100). */
  readonly maxAliasCount?: number;
  /**
   * When a large plain file's positions are read: on the first located diagnostic (default), or
   * `while-reading`, in the same pass as its data, for a caller that locates many findings.
   */
  readonly positions?: Positions;
  /**
   * {@link loadConfigSet} only: read only these kinds of file (default every kind). `generate` leaves
   * out the file it writes (`litellm`), which it never needs parsed; kinds left out are neither read
   * nor reported missing.
   */
  readonly kinds?: readonly ConfigFileKind[];
  /**
   * Finish multi-file changes a crash interrupted before reading (`recoverFileSets`; default true).
   * Reported as SY1051–SY1053 diagnostics of the set.
   */
  readonly recover?: boolean;
}

/** SY1010 for a directory that cannot be listed. */
function ioDiagnostic(file: string, error: unknown, action: string): Diagnostic {
  const code = errnoCode(error);
  return schemaDiagnostic("SY1010", {
    message: `Cannot ${action} ${file}: ${describeFsError(error)}`,
    file,
    hint:
      code === "EACCES" || code === "EPERM"
        ? "Check the file's permissions."
        : "Check the path; `--config-dir` selects another directory.",
  });
}

/** Parse and validate YAML text (or bytes) as a file of the given kind. Never throws. */
export function loadConfigText<K extends ConfigFileKind>(
  kind: K,
  input: string | Uint8Array,
  file: string,
  options: Omit<LoadOptions, "cwd" | "kinds"> & Pick<ParseYamlOptions, "data"> = {},
): LoadedFile<K> {
  const source = parseYaml(input, {
    file,
    ...(options.maxBytes !== undefined ? { maxBytes: options.maxBytes } : {}),
    ...(options.maxAliasCount !== undefined ? { maxAliasCount: options.maxAliasCount } : {}),
    ...(options.positions !== undefined ? { positions: options.positions } : {}),
    ...(options.data !== undefined ? { data: options.data } : {}),
  });
  const validation = validateSource(kind, source);
  return {
    kind,
    path: resolve(file),
    file,
    source,
    data: source.data,
    value: validation.value,
    version: validation.version,
    diagnostics: capDiagnosticsPerFile([...source.diagnostics, ...validation.diagnostics]),
  };
}

/** Codes of a file whose content was never read: an I/O error (SY1010) or over the size cap (SY1006). */
const UNREAD_CODES: ReadonlySet<string> = new Set(["SY1010", "SY1006"]);

/**
 * Why a file of a config set could not be read at all (so no check saw its content), or
 * `undefined` when it was read. A file that was read but does not parse or validate is not one.
 */
export function readFailure(file: LoadedFile): Diagnostic | undefined {
  if (file.data !== undefined || file.source.text !== "") return undefined;
  return file.diagnostics.find((d) => UNREAD_CODES.has(d.code));
}

function unreadFile<K extends ConfigFileKind>(
  kind: K,
  path: string,
  file: string,
  diagnostic: Diagnostic,
  version: SchemaVersionStatus = { status: "missing" },
): LoadedFile<K> {
  const source = sourceWithoutDocument(file, "", [diagnostic]);
  return { kind, path, file, source, data: undefined, value: undefined, version, diagnostics: [diagnostic] };
}

/**
 * Read, parse and validate one file of a config set. Never throws: every read goes through
 * the bounded reader, so a FIFO, a device or a directory is an SY1010 diagnostic (never a hang), and a
 * file over `maxBytes` is refused (SY1006) without being read into memory.
 */
export async function loadConfigFile<K extends ConfigFileKind>(
  kind: K,
  path: string,
  options: LoadOptions = {},
): Promise<LoadedFile<K>> {
  const absolute = resolve(path);
  const file = displayPath(absolute, options.cwd ?? process.cwd());
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const read = await readBoundedFile(absolute, { maxBytes });
  if (!read.ok) return unreadFile(kind, absolute, file, readFailureDiagnostic(file, read.failure));
  return { ...loadConfigText(kind, read.bytes, file, { ...options, maxBytes }), path: absolute };
}

/**
 * The config directory as the set's diagnostics show it: the directory part of its files' display
 * paths (so settings suppressions resolve to the same paths), else the directory relative to `cwd`.
 */
export function configDirDisplay(set: ConfigSet, cwd: string = process.cwd()): string {
  for (const file of Object.values(set.files)) {
    if (file === undefined) continue;
    const slash = Math.max(file.file.lastIndexOf("/"), file.file.lastIndexOf("\\"));
    return slash < 0 ? "." : file.file.slice(0, slash);
  }
  return displayPath(set.dir, cwd);
}

const KNOWN_NAMES: string[] = CONFIG_FILE_KINDS.map((k) => CONFIG_FILES[k].fileName);

/** The config file name a misnamed YAML file was probably meant to be (`providers.yml` → `providers.yaml`). */
function suggestFileName(name: string): string | undefined {
  // Compare stems: the shared `.yaml` would otherwise make unrelated names look close.
  const stem = name.replace(/\.ya?ml$/i, "");
  const stems = KNOWN_NAMES.map((known) => known.replace(/\.yaml$/, ""));
  const exact = stems.find((known) => known.toLowerCase() === stem.toLowerCase());
  const match = exact ?? suggestName(stem, stems);
  return match === undefined ? undefined : `${match}.yaml`;
}

/**
 * Load every file of a config directory: parse, validate against the schemas, and report missing
 * required files and unknown YAML files (with the nearest known name). Never throws; an unreadable
 * directory is an SY1010 diagnostic.
 */
export async function loadConfigSet(dir: string, options: LoadOptions = {}): Promise<ConfigSet> {
  const absolute = resolve(dir);
  const cwd = options.cwd ?? process.cwd();
  const diagnostics: Diagnostic[] = [];
  // A multi-file change a crash interrupted is finished first, so that no command reads a set that
  // is half old and half new (and each says what it did).
  if (options.recover !== false) {
    const report = await recoverFileSets(absolute);
    for (const item of recoveryDiagnostics(report, displayPath(absolute, cwd))) diagnostics.push(item);
  }
  let names: string[];
  try {
    names = await readdir(absolute);
  } catch (error) {
    return {
      dir: absolute,
      files: {},
      diagnostics: [ioDiagnostic(displayPath(absolute, cwd), error, "read directory")],
    };
  }
  const present = new Set(names);
  const only = options.kinds;
  const kinds = only === undefined ? CONFIG_FILE_KINDS : CONFIG_FILE_KINDS.filter((k) => only.includes(k));
  const loaded = await Promise.all(
    kinds
      .filter((kind) => present.has(CONFIG_FILES[kind].fileName))
      .map((kind) => loadConfigFile(kind, join(absolute, CONFIG_FILES[kind].fileName), options)),
  );
  const files: { [K in ConfigFileKind]?: LoadedFile<K> } = {};
  for (const file of loaded) {
    (files as Record<string, LoadedFile>)[file.kind] = file;
    for (const item of file.diagnostics) diagnostics.push(item);
  }
  for (const kind of kinds) {
    const spec = CONFIG_FILES[kind];
    if (!spec.required || present.has(spec.fileName)) continue;
    diagnostics.push(
      schemaDiagnostic("SY1011", {
        message: `Required file ${spec.fileName} is missing`,
        file: displayPath(join(absolute, spec.fileName), cwd),
        hint: "Run `switchyard init` to write a complete config set, or restore the file from a backup.",
      }),
    );
  }
  for (const name of names) {
    if (!/\.ya?ml$/i.test(name) || KNOWN_NAMES.includes(name)) continue;
    if (name.startsWith(".") || name.includes(".backup-")) continue;
    const suggestion = suggestFileName(name);
    if (suggestion === undefined) continue;
    diagnostics.push(
      schemaDiagnostic("SY1012", {
        message: `${name} is not a Switchyard config file and is ignored — did you mean '${suggestion}'?`,
        file: displayPath(join(absolute, name), cwd),
        hint: present.has(suggestion)
          ? `Merge it into ${suggestion} or delete it.`
          : `Rename it to ${suggestion}.`,
        suggestion,
      }),
    );
  }
  const missing = kinds.filter((kind) => !present.has(CONFIG_FILES[kind].fileName));
  return { dir: absolute, files, diagnostics: sortDiagnostics(diagnostics), missing };
}
