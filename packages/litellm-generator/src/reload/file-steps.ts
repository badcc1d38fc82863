/** The steps that touch the generated file: back up and write (under its lock), and restore. */
import { unlink } from "node:fs/promises";
import {
  backupFile,
  readBoundedFileIfExists,
  withFileLock,
  writeFileSafely,
} from "@switchyard/config-schema";
import { generatorDiagnostic } from "../catalogue.js";
import { displayPath } from "../check.js";
import type { GenerationSuccess } from "../types.js";
import { failed, type ReloadContext } from "./context.js";
import { StepFailed, writeFailure } from "./steps.js";

const lockOptions = (ctx: ReloadContext) => ({ timeoutMs: ctx.options.lockTimeoutMs ?? 10_000 });

/**
 * Back up and write under one lock, so no other writer slips in between. Returns the backup's
 * path (`undefined` when there was no previous file); a failure throws `StepFailed` (backup or write).
 */
export async function backupAndWrite(
  ctx: ReloadContext,
  generation: GenerationSuccess,
  previous: string | undefined,
): Promise<string | undefined> {
  const locked = async (): Promise<string | undefined> => {
    const backupPath = await ctx.steps.must<string>("backup", "reload", async () => {
      const now = (await readBoundedFileIfExists(ctx.outputPath))?.toString("utf8");
      if (now !== previous)
        return failed(
          generatorDiagnostic("SY4111", {
            message: `${ctx.file} changed while the reload ran; nothing was written`,
            file: ctx.file,
            hint: "Run the reload again.",
          }),
        );
      if (previous === undefined) return { status: "skipped", detail: `no previous ${ctx.file} to back up` };
      const path = await backupFile(ctx.outputPath);
      return {
        status: "ok",
        detail: displayPath(path ?? "", ctx.options.cwd),
        ...(path !== undefined ? { value: path } : {}),
      };
    });
    await ctx.steps.must("write", "reload", async () => {
      const result = await writeFileSafely(ctx.outputPath, generation.text, { lock: false, backup: false });
      const cleaned = result.removedTempFiles?.length
        ? `; removed ${result.removedTempFiles.length} leftover temp file(s)`
        : "";
      return { status: "ok", detail: `wrote ${ctx.file} atomically${cleaned}` };
    });
    return backupPath;
  };
  try {
    return await withFileLock(ctx.outputPath, locked, lockOptions(ctx));
  } catch (error) {
    if (error instanceof StepFailed) throw error;
    // The lock itself could not be taken: recorded as the backup step, which never ran.
    const message = error instanceof Error ? error.message : String(error);
    return ctx.steps.must("backup", "reload", async () => ({
      status: "failed",
      detail: message,
      diagnostics: [writeFailure(`Cannot lock ${ctx.file}: ${message}`, error)],
    }));
  }
}

/**
 * Put the previous file back (or remove the new one when there was none), backing the rejected
 * file up first. Returns the rejected file's backup; a failure throws `StepFailed` (restore).
 */
export async function restoreStep(
  ctx: ReloadContext,
  previous: string | undefined,
): Promise<string | undefined> {
  return ctx.steps.must<string>("restore", "rollback", async () => {
    let rejectedPath: string | undefined;
    await withFileLock(
      ctx.outputPath,
      async () => {
        rejectedPath = await backupFile(ctx.outputPath);
        if (previous === undefined) await unlink(ctx.outputPath).catch(() => undefined);
        else await writeFileSafely(ctx.outputPath, previous, { lock: false, backup: false });
      },
      lockOptions(ctx),
    );
    const now = (await readBoundedFileIfExists(ctx.outputPath).catch(() => undefined))?.toString("utf8");
    if (now !== previous)
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
