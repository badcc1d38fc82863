import { type Catalogue, type Diagnostic, renderDiagnostics } from "@switchyard/config-schema";
import type { CommandContext } from "./command.js";

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
