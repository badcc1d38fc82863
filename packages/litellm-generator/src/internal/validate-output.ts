import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { loadConfigText } from "@switchyard/config-schema/load";
import type { LiteLLMConfig } from "@switchyard/config-schema/schemas";
import { generatorDiagnostic } from "../catalogue.js";

/**
 * Validate generated text the way `switchyard validate` checks the file: against
 * `LiteLLMConfigSchema` and the lints. With `data` (what the text was emitted from; the emitter's
 * round-trip tests vouch that the text reads back as it), the text is not parsed again: positions
 * are built from it only if a finding needs one. Any error refuses the output with SY4004 followed
 * by the schema's findings.
 */
export function validateOutput(
  text: string,
  file: string,
  data?: Record<string, unknown>,
): { ok: true; config: LiteLLMConfig } | { ok: false; diagnostics: Diagnostic[] } {
  // The size cap guards reading files from disk; this text is the generator's own, already in
  // memory (200,000 models make a 41 MB file, which must still be generated).
  const loaded = loadConfigText("litellm", text, file, {
    maxBytes: Number.POSITIVE_INFINITY,
    ...(data === undefined ? {} : { data }),
  });
  const errors = loaded.diagnostics.filter((d) => d.severity === "error");
  if (errors.length === 0 && loaded.value !== undefined) return { ok: true, config: loaded.value };
  return {
    ok: false,
    diagnostics: [
      generatorDiagnostic("SY4004", {
        message: "The generated LiteLLM config fails Switchyard's LiteLLM schema; nothing was written",
        file,
        hint: "This is a bug in Switchyard: please report it with the diagnostics below.",
      }),
      ...errors,
    ],
  };
}
