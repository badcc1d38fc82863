/**
 * Read-only reports on the config directory, in exactly the JSON shapes the CLI prints with
 * `--json`, because they come from the same library functions: `validateConfigDir` (what
 * `switchyard validate` calls) and `auditConfigDir` (what `switchyard audit` calls).
 */
import { AUDIT_CATEGORIES, type AuditResult, auditConfigDir, resolveAuditFlags } from "@switchyard/audit";
import type { JsonReport } from "@switchyard/config-schema";
import { validateConfigDir } from "@switchyard/consistency";
import * as z from "zod";
import { ApiError } from "../http/errors.js";
import { SERVER_VERSION } from "../version.js";
import { defineRoute } from "./route.js";
import { ErrorSchema } from "./schemas.js";

/** How the config reports are made (injectable; the default calls the libraries on the config directory). */
export interface ConfigReports {
  /** What `switchyard validate --json` prints, and its status. */
  validate(): Promise<{ readonly status: string; readonly report: JsonReport }>;
  /** What `switchyard audit --json` prints (`--quick` / `--focus` as options). */
  audit(options: {
    readonly quick: boolean;
    readonly focus?: (typeof AUDIT_CATEGORIES)[number];
  }): Promise<AuditResult>;
  /** The audit's overall score for the metrics (cached; undefined when it cannot run). */
  readonly auditScore?: () => Promise<number | undefined>;
}

/** How long a computed audit score is reused by the metrics. */
const SCORE_TTL_MS = 60_000;

/** The reports of a config directory (none when the server has no config directory). */
export function defaultConfigReports(
  configDir: string | undefined,
  options: { readonly cwd?: string } = {},
): ConfigReports {
  const dir = (): string => {
    if (configDir === undefined)
      throw new ApiError("not-found", "This server has no config directory (--config-dir)");
    return configDir;
  };
  let score: { value: number | undefined; at: number; pending?: Promise<number | undefined> } | undefined;
  return {
    validate: async () => {
      const checked = await validateConfigDir(dir(), { ...options, toolVersion: SERVER_VERSION });
      return { status: checked.status, report: checked.report };
    },
    audit: (audit) =>
      auditConfigDir(dir(), {
        ...options,
        quick: audit.quick,
        ...(audit.focus ? { focus: audit.focus } : {}),
      }),
    ...(configDir === undefined
      ? {}
      : {
          auditScore: async () => {
            const now = Date.now();
            if (score !== undefined && now - score.at < SCORE_TTL_MS) return score.value;
            if (score?.pending) return score.pending;
            const pending = auditConfigDir(configDir, { ...options, quick: false })
              .then((result) => (result.status === "error" ? undefined : (result.overall ?? undefined)))
              .catch(() => undefined);
            score = { value: score?.value, at: score?.at ?? 0, pending };
            const value = await pending;
            score = { value, at: Date.now() };
            return value;
          },
        }),
  };
}

const TAGS = ["config"];

const validate = defineRoute({
  method: "GET",
  path: "/api/v1/config/validate",
  access: "read",
  summary: "Validate the config directory (what `switchyard validate --json` prints)",
  tags: TAGS,
  responses: {
    200: { description: "The validation report; `summary.error` > 0 means invalid." },
    404: { description: "The server has no config directory.", schema: ErrorSchema },
  },
  handler: async ({ app }) => {
    const { status, report } = await app.reports.validate();
    return { body: report, headers: { "x-switchyard-status": status } };
  },
});

const AuditQuerySchema = z.object({
  quick: z
    .enum(["true", "false", "1", "0"])
    .optional()
    .transform((v) => v === "true" || v === "1")
    .describe("Security and compliance only (`--quick`)."),
  focus: z
    .string()
    .max(50)
    .optional()
    .describe(`One category (\`--focus\`): ${AUDIT_CATEGORIES.join(", ")}.`),
});

const audit = defineRoute({
  method: "GET",
  path: "/api/v1/audit",
  access: "read",
  summary: "Audit the config directory (what `switchyard audit --json` prints)",
  tags: TAGS,
  query: AuditQuerySchema,
  responses: {
    200: { description: "The audit report (`overall` is the score)." },
    400: { description: "Bad `quick`/`focus` (the audit's own SY5001 diagnostics).", schema: ErrorSchema },
    404: { description: "The server has no config directory.", schema: ErrorSchema },
  },
  handler: async ({ app, query }) => {
    const flags = resolveAuditFlags({
      quick: query.quick,
      ...(query.focus === undefined ? {} : { focus: query.focus }),
    });
    if (!flags.ok) {
      throw new ApiError("invalid-parameter", flags.diagnostics.map((d) => d.message).join("; "), {
        diagnostics: flags.diagnostics,
      });
    }
    const result = await app.reports.audit({
      quick: flags.value.quick,
      ...(flags.value.focus === undefined ? {} : { focus: flags.value.focus }),
    });
    return { body: result };
  },
});

export const CONFIG_ROUTES = [validate, audit];
