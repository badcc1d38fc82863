import type { Catalogue, Diagnostic } from "@switchyard/config-schema/diagnostics";
import { displayPath } from "@switchyard/config-schema/fs";
import { renderDiagnostics } from "@switchyard/config-schema/render";
import { plural } from "@switchyard/config-schema/text";
import { describeRetention, type WritePrune } from "@switchyard/config-schema/write";
import type { CommandContext, CommandOutcome } from "./command.js";

/** Options of {@link prettyDiagnostics}. */
export interface PrettyOptions {
  /** Where the text goes; decides colour. */
  readonly stream: "stdout" | "stderr";
  readonly catalogue: Catalogue;
  /** Display path → file text, for code frames. */
  readonly sources?: ReadonlyMap<string, string>;
  /** What was checked, named in the summary line. */
  readonly summaryTarget?: string;
}

/**
 * Diagnostics for people (headers, code frames, hints, a summary line), coloured when the stream
 * they go to takes colour. What every command prints for findings, refusals and notes.
 */
export function prettyDiagnostics(
  diagnostics: readonly Diagnostic[],
  context: CommandContext,
  options: PrettyOptions,
): string {
  const style = options.stream === "stdout" ? context.style : context.stderrStyle;
  return renderDiagnostics(diagnostics, "pretty", {
    color: style.enabled,
    catalogue: options.catalogue,
    toolVersion: context.version,
    ...(options.sources === undefined ? {} : { sources: options.sources }),
    ...(options.summaryTarget === undefined ? {} : { summaryTarget: options.summaryTarget }),
  });
}

/**
 * A command's outcome under `--json`: the data is the only rendering (as for `validate --json` and
 * `doctor --json`), so the human text meant for stdout and stderr is dropped. Whatever that text
 * said (findings, refusals, notes) must be in the data: its `diagnostics`.
 */
export function jsonOnly(outcome: CommandOutcome): CommandOutcome {
  const { stdout: _stdout, stderr: _stderr, ...data } = outcome;
  return data;
}

/** The prunes of one write (a write of several files has one per file that reported any). */
type Prunes = WritePrune | readonly WritePrune[] | undefined;

function prunesOf(pruned: Prunes): readonly WritePrune[] {
  return pruned === undefined ? [] : Array.isArray(pruned) ? pruned : [pruned as WritePrune];
}

/**
 * The old backups a write pruned, as `--json` carries them: `prunedBackups` (display paths,
 * always present) and `pruneError` when pruning failed. The library pruned; this only formats.
 */
export function prunedData(pruned: Prunes, cwd: string): { prunedBackups: string[]; pruneError?: string } {
  const prunes = prunesOf(pruned);
  const errors = prunes.flatMap((p) => (p.error === undefined ? [] : [p.error]));
  return {
    prunedBackups: prunes.flatMap((p) => p.removed.map((path) => displayPath(path, cwd))),
    ...(errors.length > 0 ? { pruneError: errors.join("; ") } : {}),
  };
}

/** The old backups a write pruned, for people: what was removed by which policy, and any failure. */
export function prunedLines(pruned: Prunes, context: CommandContext): string[] {
  const { cwd } = context.io;
  const lines: string[] = [];
  for (const prune of prunesOf(pruned)) {
    if (prune.removed.length > 0) {
      lines.push(
        `  removed ${plural(prune.removed.length, "old backup")} (keeping ${describeRetention(prune.policy)}):`,
      );
      for (const path of prune.removed) lines.push(`    ${displayPath(path, cwd)}`);
    }
    if (prune.error !== undefined)
      lines.push(context.style.yellow(`  could not prune old backups: ${prune.error}`));
  }
  return lines;
}
