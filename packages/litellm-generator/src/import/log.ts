import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { GeneratorCode } from "../catalogue.js";
import { located, type Place } from "./source.js";

/** What an import found: errors (nothing imported), lossy changes (warnings) and notes (info). */
export class ImportLog {
  readonly errors: Diagnostic[] = [];
  /** Everything not carried exactly into the imported files. */
  readonly lossyFindings: Diagnostic[] = [];
  /** What the importer inferred or how it read the input. */
  readonly notes: Diagnostic[] = [];

  /** Record errors that stop the import; returns `undefined` so callers can `return log.fail(...)`. */
  fail(diagnostics: readonly Diagnostic[]): undefined {
    for (const item of diagnostics) this.errors.push(item);
    return undefined;
  }

  /** Something the imported files do not carry exactly. */
  lossy(
    code: GeneratorCode,
    message: string,
    place: Place | undefined,
    hint: string,
    options: { readonly part?: "key" | "value"; readonly severity?: "warning" | "info" } = {},
  ): void {
    this.lossyFindings.push({
      code,
      severity: options.severity ?? "warning",
      message,
      ...located(place, options.part),
      hint,
    });
  }

  /** An inference or observation that changes nothing in the result. */
  note(code: GeneratorCode, message: string, place: Place | undefined, hint?: string): void {
    this.notes.push({
      code,
      severity: "info",
      message,
      ...located(place),
      ...(hint !== undefined ? { hint } : {}),
    });
  }
}
