/**
 * The API's request and response shapes, built on config-schema's schemas (a flag's definition is
 * `FlagSchema`, a flag's name `FlagNameSchema`): the routes parse their input with these, and the
 * OpenAPI document is generated from the same objects.
 */
import { compileJsonSchemaCheck, type JsonSchemaNode } from "@switchyard/config-schema/load";
import { FlagNameSchema, FlagSchema } from "@switchyard/config-schema/schemas";
import * as z from "zod";

/** A user id: one line, not blank, at most {@link ID_MAX} characters. */
const USER_ID_PATTERN = /^[^\r\n]*\S[^\r\n]*$/;
const ID_MAX = 512;

/** A user id as the lists hold it and the evaluation takes it. */
export const UserIdSchema = z
  .string()
  .min(1)
  .max(ID_MAX)
  .regex(USER_ID_PATTERN, "A user id is one line and not blank")
  .describe("A user id, exactly as the application passes it (`userId`, OpenFeature's `targetingKey`).");

export const FlagParamsSchema = z.object({ flag: FlagNameSchema });

export const RolloutParamsSchema = z.object({
  flag: FlagNameSchema,
  percent: z
    .string()
    .regex(/^\d{1,3}(?:\.\d{1,6})?$/, "A percentage is a number from 0 to 100")
    .transform(Number)
    .pipe(FlagSchema.shape.rollout_percentage.unwrap())
    .describe("The new rollout percentage, 0–100."),
});

export const UserParamsSchema = z.object({ userId: UserIdSchema });

export const EvaluateQuerySchema = z.looseObject({
  user: UserIdSchema.optional().describe("The user to evaluate for (the legacy `?user=`)."),
  session: z.string().min(1).max(ID_MAX).optional().describe("A session id, for `stickiness: sessionId`."),
});

/**
 * Precompiled checks for the hot GET routes (a flag evaluation runs tens of thousands of times a
 * second, and a zod parse costs as much as the evaluation): each schema's own JSON Schema, compiled
 * by config-schema's JSON Schema check (the quick loader's). A check answers true only for an input
 * its schema accepts unchanged (the schema's output equals the input: no extra keys where the
 * schema strips them, no `__proto__` key); anything else goes to the schema, which parses or
 * explains. `schemas.test.ts` holds each check to its schema on random inputs.
 */
export const precheck = {
  flagParams: compileJsonSchemaCheck(z.toJSONSchema(FlagParamsSchema, { io: "output" }) as JsonSchemaNode),
  evaluateQuery: compileJsonSchemaCheck(
    z.toJSONSchema(EvaluateQuerySchema, { io: "output" }) as JsonSchemaNode,
  ),
};

export const ListQuerySchema = z.object({
  tag: z.string().min(1).max(200).optional().describe("Only flags carrying this tag."),
});

export const HistoryQuerySchema = z.object({
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(1000)
    .optional()
    .describe("At most this many records (default 100)."),
});

export const GlobalHistoryQuerySchema = HistoryQuerySchema.extend({
  flag: FlagNameSchema.optional().describe("Only this flag's changes."),
});

export const ListEditBodySchema = z
  .strictObject({
    add: z
      .array(UserIdSchema)
      .max(1000)
      .optional()
      .describe("User ids to add (appended, duplicates ignored)."),
    remove: z.array(UserIdSchema).max(1000).optional().describe("User ids to remove."),
  })
  .refine((body) => body.add !== undefined || body.remove !== undefined, {
    message: "Give `add`, `remove` or both",
  })
  .describe("A change to a flag's whitelist or blacklist: removals first, then additions.");

/** A flag as the listing shows it: its name and version beside its definition. */
export const FlagEntrySchema = FlagSchema.extend({
  name: FlagNameSchema,
  version: z.number().int().min(1).describe("The flag's version (its ETag)."),
  override: z
    .object({
      value: z.boolean().optional(),
      rollout: z.number().optional(),
      whitelist: z.array(z.string()).optional(),
    })
    .optional()
    .describe("The FEATURE_* environment override in force on this server, if any."),
}).describe("A flag with its name and version.");

export const FlagListSchema = z
  .object({ flags: z.array(FlagEntrySchema), tag: z.string().optional() })
  .describe("The flags, in the store's order.");

export const EvaluationSchema = z
  .object({
    flag: z.string(),
    enabled: z.boolean().describe("Whether the flag is on for this user (what the legacy frontend reads)."),
    reason: z
      .enum(["DISABLED", "TARGETING_MATCH", "SPLIT", "STATIC", "DEFAULT", "OVERRIDE", "ERROR"])
      .describe("Why: the step of the decision order that decided."),
    version: z.number().int().describe("The flag's version."),
    bucket: z
      .number()
      .int()
      .min(1)
      .max(100)
      .optional()
      .describe("The user's bucket when the percentage decided."),
    user: z.string().optional(),
    stale: z.boolean().optional().describe("True while the store serves its last known state."),
  })
  .describe("One flag evaluated for one user.");

export const UserFlagsSchema = z
  .object({ user: z.string(), flags: z.array(z.string()).describe("The flags that are on for this user.") })
  .describe("Which flags a user has.");

export const ChangeResultSchema = z
  .object({
    flag: z.string(),
    changed: z.boolean().describe("False when the flag already was so (nothing written)."),
    version: z.number().int(),
    previousVersion: z.number().int().optional(),
    definition: FlagSchema,
  })
  .describe("The flag after a change.");

export const ChangeRecordSchema = z
  .object({
    flag: z.string(),
    version: z.number().int(),
    previousVersion: z.number().int(),
    actor: z.string().describe("The token's name (never the token)."),
    at: z.string().describe("ISO 8601 UTC."),
    before: FlagSchema.nullable(),
    after: FlagSchema,
  })
  .describe("One recorded change.");

export const HistorySchema = z
  .object({ flag: z.string().optional(), history: z.array(ChangeRecordSchema).describe("Newest first.") })
  .describe("Recorded changes, newest first.");

export const ErrorSchema = z
  .object({
    error: z.looseObject({
      code: z.string().describe("A stable code: SY7xxx from the flag library, or the HTTP layer's own."),
      message: z.string(),
      issues: z
        .array(z.object({ path: z.string(), message: z.string() }))
        .optional()
        .describe("Schema problems, each at its field path."),
    }),
  })
  .describe("An error.");

/** OFREP's flag key: any name (one that no flag has is FLAG_NOT_FOUND, in OFREP's shape). */
export const OfrepKeyParamsSchema = z.object({ key: z.string().min(1).max(256) });

export const OfrepSuccessSchema = z
  .object({
    key: z.string(),
    value: z.boolean(),
    reason: z.string(),
    variant: z.string(),
    metadata: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])),
  })
  .describe("OFREP: a successful evaluation.");

export const OfrepFailureSchema = z
  .object({ key: z.string(), errorCode: z.string(), errorDetails: z.string() })
  .describe("OFREP: a failed evaluation (the caller's default applies).");

export const OfrepBulkSchema = z
  .object({ flags: z.array(z.union([OfrepSuccessSchema, OfrepFailureSchema])) })
  .describe("OFREP: every flag evaluated for one context.");

export const OfrepBulkFailureSchema = z
  .object({ errorCode: z.string(), errorDetails: z.string() })
  .describe("OFREP: the bulk request itself failed.");

export const HealthSchema = z.object({ status: z.literal("ok") });

export const ReadySchema = z
  .object({
    status: z.enum(["ready", "degraded", "unavailable", "stopping"]),
    store: z.string().describe("file or redis"),
    flags: z.number().int(),
    diagnostics: z.array(z.looseObject({ code: z.string(), message: z.string() })).optional(),
  })
  .describe("Readiness: `degraded` serves evaluations from the last known state; mutations answer 503.");
