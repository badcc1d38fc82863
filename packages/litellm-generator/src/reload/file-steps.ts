/** The steps that touch the generated file: back up and write (under its lock), and restore. */
import { unlink } from "node:fs/promises";
import {
  compareFileContent,
  readBoundedFileIfExists,
  utf8Text,
  versionMaxBytes,
} from "@switchyard/config-schema/fs";
import { plural } from "@switchyard/config-schema/text";
import { backupFile, type WritePrune, withFileLock, writeFileSafely } from "@switchyard/config-schema/write";
import { generatorDiagnostic } from "../catalogue.js";
import { displayPath } from "../check.js";
import type { GenerationSuccess } from "../types.js";
import { failed, type ReloadContext } from "./context.js";
import { StepFailed, writeFailure } from "./steps.js";

const lockOptions = (ctx: ReloadContext) => ({ timeoutMs: ctx.options.lockTimeoutMs ?? 10_000 });

/** What {@link backupAndWrite} did. */
export interface BackupAndWrite {
  /** The backup of the previous file (`undefined` when there was none). */
  readonly backupPath?: string | undefined;
  /** The old backups pruned after the write, when any were removed or pruning failed. */
  readonly pruned?: WritePrune | undefined;
}

/**
 * Back up, write and prune under one lock, so no other writer slips in between; a failure throws
 * `StepFailed` (backup or write). Pruning never fails the write (see `writeFileSafely`).
 */
export async function backupAndWrite(
  ctx: ReloadContext,
  generation: GenerationSuccess,
  previous: string | undefined,
): Promise<BackupAndWrite> {
  const locked = async (): Promise<BackupAndWrite> => {
    const backupPath = await ctx.steps.must<string>("backup", "reload", async () => {
      // Compared as text, as `previous` was read (a file with invalid UTF-8 decodes the same twice).
      const maxBytes = versionMaxBytes(Buffer.byteLength(generation.text));
      const bytes = await readBoundedFileIfExists(ctx.outputPath, { maxBytes });
      if ((bytes === undefined ? undefined : utf8Text(bytes)) !== previous)
        return failed(
          generatorDiagnostic("SY4111", {
            message: `${ctx.file} changed while the reload ran; nothing was written`,
            file: ctx.file,
            hint: "Run the reload again.",
          }),
        );
      if (previous === undefined) return { status: "skipped", detail: `no previous ${ctx.file} to back up` };
      const path = await backupFile(ctx.outputPath, { maxBytes });
      return {
        status: "ok",
        detail: displayPath(path ?? "", ctx.options.cwd),
        ...(path !== undefined ? { value: path } : {}),
      };
    });
    const pruned = await ctx.steps.must<WritePrune>("write", "reload", async () => {
      // The backup step above made the backup (under this lock); the write prunes after itself.
      const result = await writeFileSafely(ctx.outputPath, generation.text, { lock: false, backup: false });
      const cleaned = result.removedTempFiles?.length
        ? `; removed ${plural(result.removedTempFiles.length, "leftover temp file")}`
        : "";
      const prunedText = result.pruned?.removed.length
        ? `; pruned ${plural(result.pruned.removed.length, "old backup")}`
        : "";
      return {
        status: "ok",
        detail: `wrote ${ctx.file} atomically${cleaned}${prunedText}`,
        ...(result.pruned !== undefined ? { value: result.pruned } : {}),
      };
    });
    return { backupPath, pruned };
  };
  try {
    return await withFileLock(ctx.outputPath, locked, lockOptions(ctx));
  } catch (error) {
    if (error instanceof StepFailed) throw error;
    // The lock itself could not be taken: recorded as the backup step, which never ran.
    const message = error instanceof Error ? error.message : String(error);
    // (A failed step throws StepFailed, so nothing is returned here.)
    await ctx.steps.must("backup", "reload", async () => ({
      status: "failed",
      detail: message,
      diagnostics: [writeFailure(`Cannot lock ${ctx.file}: ${message}`, error)],
    }));
    return {};
  }
}

/**
 * Put the previous file back (or remove the new one when there was none), backing the rejected
 * file up first. Returns the rejected file's backup; a failure throws `StepFailed` (restore).
 */
export async function restoreStep(
  ctx: ReloadContext,
  previous: string | undefined,
  writtenBytes: number,
): Promise<string | undefined> {
  return ctx.steps.must<string>("restore", "rollback", async () => {
    let rejectedPath: string | undefined;
    await withFileLock(
      ctx.outputPath,
      async () => {
        // The file this restore replaces is the one the reload wrote (unless someone changed it since).
        const known = Math.max(writtenBytes, previous === undefined ? 0 : Buffer.byteLength(previous));
        rejectedPath = await backupFile(ctx.outputPath, { maxBytes: versionMaxBytes(known) });
        if (previous === undefined) await unlink(ctx.outputPath).catch(() => undefined);
        else
          await writeFileSafely(ctx.outputPath, previous, { lock: false, backup: false, retention: false });
      },
      lockOptions(ctx),
    );
    // The bytes just written, compared without reading a file of another size.
    const now = await compareFileContent(ctx.outputPath, Buffer.from(previous ?? "")).catch(() => undefined);
    if (now !== (previous === undefined ? "missing" : "same"))
      return failed(
        generatorDiagnostic("SY4306", {
          message: `${ctx.file} could not be restored: its content differs from the backup`,
          file: ctx.file,
          hint: "Restore the backup by hand.",
        }),
      );
    const kept =
      rejectedPath !== undefined
        ? `; the rejected file is kept as ${displayPath(rejectedPath, ctx.options.cwd)}`
        : "";
    return {
      status: "ok",
      detail:
        previous === undefined
          ? `removed the new ${ctx.file} (there was none before)${kept}`
          : `restored the previous ${ctx.file}${kept}`,
      ...(rejectedPath !== undefined ? { value: rejectedPath } : {}),
    };
  });
}
