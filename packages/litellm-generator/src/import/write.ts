import { access, unlink } from "node:fs/promises";
import { join, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { describeFsError, makeDirectory } from "@switchyard/config-schema/fs";
import { backupFile, writeFileSafely } from "@switchyard/config-schema/write";
import { type GeneratorCode, generatorDiagnostic } from "../catalogue.js";
import { displayPath } from "../check.js";
import { PASSTHROUGH_FILE } from "../passthrough.js";
import type { ImportedFiles, ImportResult } from "./import.js";

/** Options of {@link writeImportedConfig}. */
export interface WriteImportedOptions {
  /** Replace existing files (each is backed up first). Default false: refuse when any exists. */
  readonly force?: boolean;
  /** Paths in messages are shown relative to this directory (default `process.cwd()`). */
  readonly cwd?: string;
}

/** What {@link writeImportedConfig} did. */
export type WriteImportedResult =
  | {
      readonly ok: true;
      /** Absolute paths written, in file order. */
      readonly written: readonly string[];
      /** Backups of replaced (or removed) files. */
      readonly backups: readonly string[];
      /** A stale litellm-passthrough.yaml removed (after a backup) because the import carries none. */
      readonly removed: readonly string[];
    }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const FILE_ORDER: readonly (keyof ImportedFiles)[] = [
  "providers.yaml",
  "model-mappings.yaml",
  "ports.yaml",
  PASSTHROUGH_FILE,
];

async function exists(path: string): Promise<boolean> {
  try {
    await access(path);
    return true;
  } catch {
    return false;
  }
}

function failure(code: GeneratorCode, message: string, file: string, hint: string): Diagnostic {
  return generatorDiagnostic(code, { message, file, hint });
}

/**
 * Write an import's files into `outDir` (created when missing) through config-schema's
 * `writeFileSafely` (lock, atomic replace). Refuses (SY4220) when any target exists, unless
 * `force`, which backs each replaced file up first. A litellm-passthrough.yaml left by an earlier
 * import counts as a target too: with `force` it is backed up and removed when this import carries
 * nothing, since generation would otherwise merge stale settings. Never throws (I/O is SY4221).
 */
export async function writeImportedConfig(
  result: ImportResult,
  outDir: string,
  options: WriteImportedOptions = {},
): Promise<WriteImportedResult> {
  if (!result.ok) return { ok: false, diagnostics: result.diagnostics };
  const dir = resolve(outDir);
  const cwd = options.cwd ?? process.cwd();
  const targets = FILE_ORDER.map((name) => ({ name, path: join(dir, name), text: result.files[name] }));
  const present = [];
  for (const target of targets) {
    if ((target.text !== undefined || target.name === PASSTHROUGH_FILE) && (await exists(target.path)))
      present.push(target);
  }
  if (present.length > 0 && options.force !== true) {
    return {
      ok: false,
      diagnostics: present.map((t) =>
        failure(
          "SY4220",
          `${displayPath(t.path, cwd)} already exists; nothing was written`,
          displayPath(t.path, cwd),
          "Import into an empty directory, or pass `--force` to replace the files (each is backed up first).",
        ),
      ),
    };
  }
  const written: string[] = [];
  const backups: string[] = [];
  const removed: string[] = [];
  let current = dir;
  try {
    await makeDirectory(dir);
    for (const target of targets) {
      current = target.path;
      if (target.text === undefined) {
        if (target.name !== PASSTHROUGH_FILE || !present.includes(target)) continue;
        const backup = await backupFile(target.path);
        if (backup !== undefined) backups.push(backup);
        await unlink(target.path);
        removed.push(target.path);
        continue;
      }
      // The passthrough carries whatever LiteLLM settings Switchyard does not model (callback and
      // alerting settings hold credentials the detector may not know): a new one is created 0600.
      const outcome = await writeFileSafely(target.path, target.text, {
        backup: true,
        ...(target.name === PASSTHROUGH_FILE ? { private: true } : {}),
      });
      written.push(outcome.path);
      if (outcome.backupPath !== undefined) backups.push(outcome.backupPath);
    }
  } catch (error) {
    const shown = displayPath(current, cwd);
    // In words (config-schema's one errno → text), never Node's raw "EEXIST: file already exists, mkdir".
    const action = current === dir ? "create the directory" : "write";
    return {
      ok: false,
      diagnostics: [
        failure(
          "SY4221",
          `Cannot ${action} ${shown}: ${describeFsError(error)}${written.length > 0 ? ` (${written.length} file(s) were already written)` : ""}`,
          shown,
          "Check that the directory is writable and the disk has space, then import again with `--force`.",
        ),
      ],
    };
  }
  return { ok: true, written, backups, removed };
}
