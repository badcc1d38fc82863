import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { fileTooLargeDiagnostic } from "../yaml/parse.js";
import type { BoundedReadFailure } from "./read-file.js";

/**
 * The diagnostic of a file the bounded reader refused: SY1006 when it is too large, else SY1010 with
 * the reason in words ("Cannot read providers.yaml: it is a FIFO (named pipe), not a regular file").
 */
export function readFailureDiagnostic(file: string, failure: BoundedReadFailure, hint?: string): Diagnostic {
  if (failure.kind === "too-large") return fileTooLargeDiagnostic(file, failure.size, failure.maxBytes);
  return schemaDiagnostic("SY1010", {
    message: `Cannot read ${file}: ${failure.reason}`,
    file,
    hint:
      hint ??
      (failure.kind === "permission"
        ? "Check the file's permissions."
        : failure.kind === "not-regular-file"
          ? "Config files must be regular files: replace it with the file itself (a FIFO, a device or a directory is never read)."
          : "Check the path; `--config-dir` selects another directory."),
  });
}
