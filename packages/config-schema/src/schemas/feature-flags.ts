import { z } from "zod";
import { description, isoDate, schemaVersion, tags } from "./common.js";

export const FlagSchema = z
  .strictObject({
    enabled: z.boolean().describe("Master switch: when false the flag is off for everyone."),
    rollout_percentage: z
      .number()
      .min(0)
      .max(100)
      .optional()
      .describe(
        "Share of users (0–100) who get the flag, by a stable hash of flag and user id (default 100).",
      ),
    whitelist: z
      .array(z.string().min(1))
      .optional()
      .describe("User ids who always get the flag while it is enabled."),
    blacklist: z.array(z.string().min(1)).optional().describe("User ids who never get the flag."),
    start_date: isoDate
      .optional()
      .describe("ISO 8601 date or date-time from which the flag is on (inclusive)."),
    end_date: isoDate
      .optional()
      .describe("ISO 8601 date or date-time after which the flag is off (exclusive)."),
    tags: tags.optional(),
    description: description.optional(),
    owner: z.string().min(1).optional().describe("Who to ask about this flag."),
  })
  .describe("One feature flag.");

export const FeatureFlagsFileSchema = z
  .strictObject({
    schema_version: schemaVersion,
    flags: z.record(z.string().min(1), FlagSchema).describe("Flags by name."),
  })
  .describe("feature-flags.yaml: feature flags with rollout and targeting.");

export type Flag = z.infer<typeof FlagSchema>;
export type FeatureFlagsFile = z.infer<typeof FeatureFlagsFileSchema>;
