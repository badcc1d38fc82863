import * as z from "zod";
import { CONFIG_DATE_SEMANTICS } from "../dates/config-date.js";
import { isoDate, positiveInt, schemaVersion } from "./common.js";

/** The file name of Switchyard's own settings, kept beside the config files (`config/.switchyard.yaml`). */
export const SETTINGS_FILE_NAME = ".switchyard.yaml";

/** A diagnostic code such as `SY2003`. */
export const DIAGNOSTIC_CODE_PATTERN = /^SY\d{4}$/;

/** What a severity override may say: a severity, or `off` to drop the findings of that code. */
export const SEVERITY_SETTINGS = ["error", "warning", "info", "off"] as const;

export const SeveritySettingSchema = z
  .enum(SEVERITY_SETTINGS)
  .describe("`error`, `warning` or `info` replace the code's default severity; `off` turns the check off.");

const diagnosticCode = z.string().regex(DIAGNOSTIC_CODE_PATTERN);

export const SettingsOptionsSchema = z
  .strictObject({
    max_fallback_depth: positiveInt
      .optional()
      .describe(
        "Longest fallback chain (in hops) before SY2013 warns; overrides `routing.max_fallback_depth` (default 5).",
      ),
  })
  .describe("Options of the cross-file rules.");

export const SettingsSuppressionSchema = z
  .strictObject({
    code: diagnosticCode.describe("The code to suppress, e.g. `SY2003`."),
    file: z
      .string()
      .min(1)
      .describe("The config file, relative to the config directory (e.g. `model-mappings.yaml`)."),
    path: z
      .union([z.string().min(1), z.array(z.union([z.string(), z.number()])).min(1)])
      .optional()
      .describe(
        "The YAML path of the finding (or of an ancestor), as Switchyard prints it (`exact_matches.gpt-4o.model`, `providers.ollama.models[0]`) or as a list of keys; without it the whole file is covered.",
      ),
    reason: z.string().trim().min(1).describe("Why the finding is accepted; required."),
    expires: isoDate
      .optional()
      .describe(
        `When the suppression stops applying and is itself reported (exclusive, like a flag's \`end_date\`): \`2026-06-30\` still applies through 30 June and stops at 2026-07-01T00:00:00Z; a date-time stops at that instant. ${CONFIG_DATE_SEMANTICS}`,
      ),
  })
  .describe("A suppression kept in the settings file instead of an inline `# switchyard-ignore` comment.");

export const SettingsFileSchema = z
  .strictObject({
    schema_version: schemaVersion.optional(),
    rules: z
      .record(diagnosticCode, SeveritySettingSchema)
      .optional()
      .describe("Severity overrides by code: `SY2003: warning`, `SY2040: off`."),
    options: SettingsOptionsSchema.optional(),
    suppressions: z
      .array(SettingsSuppressionSchema)
      .optional()
      .describe("Suppressions with a reason and an optional expiry."),
  })
  .describe(
    ".switchyard.yaml: Switchyard's own settings for a config directory (severities, options, suppressions).",
  );

export type SeveritySetting = z.infer<typeof SeveritySettingSchema>;
export type SettingsOptions = z.infer<typeof SettingsOptionsSchema>;
export type SettingsSuppression = z.infer<typeof SettingsSuppressionSchema>;
export type SettingsFile = z.infer<typeof SettingsFileSchema>;
