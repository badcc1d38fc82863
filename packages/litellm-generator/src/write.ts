import { join, resolve } from "node:path";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { ConfigSet } from "@switchyard/config-schema/load";
import { type ModeTightening, type WritePrune, writeFileSafely } from "@switchyard/config-schema/write";
import { generatorDiagnostic } from "./catalogue.js";
import { compareWithGeneration, displayPath, readExisting } from "./check.js";
import { DEFAULT_OUTPUT_FILE, generateLiteLLMConfig } from "./generate.js";
import type { GeneratedFileStatus, GenerateOptions, GenerationFailure, GenerationSuccess } from "./types.js";

/** Options of {@link writeLiteLLMConfig}. */
export interface WriteOptions extends Omit<GenerateOptions, "outputFile"> {
  /** Where to write (default `<set.dir>/litellm-unified.yaml`). */
  readonly outputPath?: string;
  /** Overwrite a file that was edited by hand or has no Switchyard header (a backup is kept). Default false. */
  readonly force?: boolean;
  /** Back up the previous file before replacing it. Default true. */
  readonly backup?: boolean;
  /** How long to wait for another writer's lock, in ms (writeFileSafely's default when unset). */
  readonly lockTimeoutMs?: number;
  /** Paths in messages are shown relative to this directory (default `process.cwd()`). */
  readonly cwd?: string;
}

/** What {@link writeLiteLLMConfig} did. */
export interface WriteSuccess {
  readonly ok: true;
  /** Absolute path of the generated file. */
  readonly outputPath: string;
  /** False when the file already had exactly this content (nothing written, no backup). */
  readonly changed: boolean;
  /** How the file on disk related to the generation before writing. */
  readonly previousStatus: GeneratedFileStatus;
  /** The backup of the previous file, when one was made. */
  readonly backupPath?: string;
  /** Temp files of crashed earlier writes that were cleaned up. */
  readonly removedTempFiles?: readonly string[];
  /** The old backups pruned after the write (the default retention), when any were removed or pruning failed. */
  readonly pruned?: WritePrune;
  /**
   * Set when the replaced file was readable or writable by others (e.g. 0644) and the new content
   * holds a secret: the file is now owner-only (0600). Say so: its mode changed under the user.
   */
  readonly modeTightened?: ModeTightening;
  readonly generation: GenerationSuccess;
}

export type WriteResult = WriteSuccess | GenerationFailure;

/**
 * Generate and write the LiteLLM config: validated before anything is written, refused (SY4110)
 * over a hand-edited or foreign file unless `force`, then written with config-schema's
 * `writeFileSafely` (lock, backup of the previous file, atomic replace, old backups pruned). Never throws: I/O
 * failures and a held lock become SY4111.
 */
export async function writeLiteLLMConfig(set: ConfigSet, options: WriteOptions = {}): Promise<WriteResult> {
  const outputPath = resolve(options.outputPath ?? join(set.dir, DEFAULT_OUTPUT_FILE));
  const file = displayPath(outputPath, options.cwd);
  const generation = generateLiteLLMConfig(set, { ...options, outputFile: file });
  if (!generation.ok) return generation;
  const existing = await readExisting(outputPath, file, generation.text);
  if ("diagnostic" in existing) return { ok: false, diagnostics: [existing.diagnostic] };
  const report = compareWithGeneration(generation, existing.text, { file });
  if ((report.status === "hand-edited" || report.status === "header-missing") && options.force !== true) {
    const refusal: Diagnostic = generatorDiagnostic("SY4110", {
      message: `${file} was not overwritten: ${report.message.replace(`${file}: `, "")}`,
      file,
      hint: "Review the differences with `switchyard generate --diff`, move what matters into the source files, then pass `--force` (a backup is kept).",
    });
    return { ok: false, diagnostics: [refusal] };
  }
  try {
    const written = await writeFileSafely(outputPath, generation.text, {
      backup: options.backup ?? true,
      lock: true,
      ...(options.lockTimeoutMs !== undefined ? { lockTimeoutMs: options.lockTimeoutMs } : {}),
    });
    return {
      ok: true,
      outputPath,
      changed: written.changed,
      previousStatus: report.status,
      ...(written.backupPath !== undefined ? { backupPath: written.backupPath } : {}),
      ...(written.removedTempFiles !== undefined ? { removedTempFiles: written.removedTempFiles } : {}),
      ...(written.pruned !== undefined ? { pruned: written.pruned } : {}),
      ...(written.modeTightened !== undefined ? { modeTightened: written.modeTightened } : {}),
      generation,
    };
  } catch (error) {
    const { code, hint } = error as { code?: unknown; hint?: unknown };
    const message = error instanceof Error ? error.message : String(error);
    return {
      ok: false,
      diagnostics: [
        generatorDiagnostic("SY4111", {
          message: `Cannot write ${file}: ${message}${typeof code === "string" && !message.includes(code) ? ` (${code})` : ""}`,
          file,
          hint:
            typeof hint === "string"
              ? hint
              : "Check that the directory exists and is writable, and that the disk has space; the previous file is unchanged.",
        }),
      ],
    };
  }
}
