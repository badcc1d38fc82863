import * as z from "zod";
import { CONFIG_DATE_SEMANTICS } from "../dates/config-date.js";
import { description, isoDate, schemaVersion, tags } from "./common.js";

/**
 * A flag name that can be addressed everywhere (an HTTP path segment, an environment variable stem,
 * a file key): a letter or digit, then letters, digits, `.`, `_` or `-`, 128 characters at most.
 * No `/`, no leading dot, no spaces: a name can never be read as a path (`..`, `a/../b`).
 */
export const FLAG_NAME_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]{0,127}$/;

export const FlagNameSchema = z
  .string()
  .regex(
    FLAG_NAME_PATTERN,
    "A flag name starts with a letter or digit, then letters, digits, '.', '_' or '-' (≤ 128)",
  )
  .describe("A feature flag's name, e.g. `new-router`.");

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
    group_id: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The rollout group: a user's bucket is MurmurHash3 (x86, 32-bit, seed 0) of the UTF-8 bytes of `<group_id>:<stickiness value>`, `% 100 + 1`, exactly as Unleash computes it. Defaults to the flag's name; set it to the Unleash `groupId` of a flag moved from Unleash so every user keeps their bucket, or share one between flags that must enable the same users.",
      ),
    stickiness: z
      .string()
      .min(1)
      .optional()
      .describe(
        "The context field whose value is bucketed for the rollout: `userId` (default), `sessionId`, or the name of any context property (e.g. `tenantId`). Without a value for it, a partial rollout is off.",
      ),
    version: z
      .number()
      .int()
      .min(1)
      .optional()
      .describe(
        "The flag's version, bumped by every change Switchyard writes (stores, `switchyard flags`); used for compare-and-set and ETags. A flag without it is at version 1. Leave it alone when editing by hand: a hand edit is picked up and versioned by the store.",
      ),
    whitelist: z
      .array(z.string().min(1))
      .optional()
      .describe("User ids who always get the flag while it is enabled."),
    blacklist: z.array(z.string().min(1)).optional().describe("User ids who never get the flag."),
    start_date: isoDate
      .optional()
      .describe(
        `ISO 8601 date or date-time from which the flag can be on (inclusive): a plain date starts at 00:00 UTC that day. ${CONFIG_DATE_SEMANTICS}`,
      ),
    end_date: isoDate
      .optional()
      .describe(
        `ISO 8601 date or date-time at which the flag turns off (exclusive): a plain date keeps the flag on through that whole UTC day (\`end_date: 2026-06-30\` is off from 2026-07-01T00:00:00Z), a date-time turns it off at that instant. ${CONFIG_DATE_SEMANTICS}`,
      ),
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
