/**
 * Read-only reports on the config directory, in exactly the JSON shapes the CLI prints with
 * `--json`, because they come from the same library functions: `validateConfigDir` (what
 * `switchyard validate` calls), `auditConfigDir` (`switchyard audit`), `checkPorts` on ports.yaml
 * (`switchyard ports`) and `runDoctor` (`switchyard doctor`). Ports and doctor describe the machine
 * (processes, providers, Redis): admin only, and every string passes the secret redaction.
 */
import { join } from "node:path";
import { AUDIT_CATEGORIES, type AuditResult, auditConfigDir, resolveAuditFlags } from "@switchyard/audit";
import { type Diagnostic, hasErrors } from "@switchyard/config-schema/diagnostics";
import { loadConfigFile } from "@switchyard/config-schema/load";
import type { JsonReport } from "@switchyard/config-schema/render";
import { findSecretsInValue, redactSecrets } from "@switchyard/config-schema/secrets";
import { validateConfigDir } from "@switchyard/consistency";
import { type DoctorReport, runDoctor } from "@switchyard/doctor";
import { checkPorts, type PortsReport } from "@switchyard/port-registry";
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
  /** What `switchyard ports --json` prints (`--required` as an option), and its status. */
  ports(options: { readonly required: boolean }): Promise<{
    readonly status: "ok" | "invalid" | "io-error";
    readonly report: PortsReport | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };
  }>;
  /** What `switchyard doctor --json` prints (`--critical` as an option). */
  doctor(options: { readonly critical: boolean }): Promise<DoctorReport>;
  /** The audit's overall score for the metrics (cached; undefined when it cannot run). */
  readonly auditScore?: () => Promise<number | undefined>;
}

/** How long a computed audit score is reused by the metrics. */
const SCORE_TTL_MS = 60_000;

/** The reports of a config directory (none when the server has no config directory). */
export function defaultConfigReports(
  configDir: string | undefined,
  options: { readonly cwd?: string; readonly env?: Readonly<Record<string, string | undefined>> } = {},
): ConfigReports {
  const { env, ...paths } = options;
  const dir = (): string => {
    if (configDir === undefined)
      throw new ApiError("not-found", "This server has no config directory (--config-dir)");
    return configDir;
  };
  let score: { value: number | undefined; at: number; pending?: Promise<number | undefined> } | undefined;
  return {
    validate: async () => {
      const checked = await validateConfigDir(dir(), { ...paths, toolVersion: SERVER_VERSION });
      return { status: checked.status, report: checked.report };
    },
    ports: async ({ required }) => {
      const file = await loadConfigFile("ports", join(dir(), "ports.yaml"), paths);
      if (file.value === undefined || hasErrors(file.diagnostics)) {
        const unreadable = file.diagnostics.some((d) => d.code === "SY1010" || d.code === "SY1011");
        return {
          status: unreadable ? "io-error" : "invalid",
          report: { ok: false, diagnostics: file.diagnostics },
        };
      }
      const report = await checkPorts(file.value, { requiredOnly: required });
      return { status: report.ok ? "ok" : "invalid", report };
    },
    doctor: ({ critical }) => {
      const gate = resolveAuditFlags({});
      return runDoctor({
        configDir: dir(),
        ...paths,
        ...(env === undefined ? {} : { env }),
        critical,
        generate: {},
        ...(gate.ok ? { auditGate: gate.value.gate } : {}),
      });
    },
    audit: (audit) =>
      auditConfigDir(dir(), {
        ...paths,
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
            const pending = auditConfigDir(configDir, { ...paths, quick: false })
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

/**
 * Every string of a report with each secret recognised by its shape (provider keys, bearer tokens,
 * URL passwords, `?token=`) replaced by config-schema's redacted form: the libraries keep secrets
 * out of their reports, and this is the second guard before anything leaves the process.
 */
function redacted(value: unknown): unknown {
  if (typeof value === "string") {
    const spans = findSecretsInValue(value);
    return spans.length === 0 ? value : redactSecrets(value, spans);
  }
  if (Array.isArray(value)) return value.map(redacted);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      Object.defineProperty(out, key, { value: redacted(item), enumerable: true, writable: true });
    }
    return out;
  }
  return value;
}

const BooleanQuery = z
  .enum(["true", "false", "1", "0"])
  .optional()
  .transform((v) => v === "true" || v === "1");

const PortsQuerySchema = z.object({
  required: BooleanQuery.describe("Only the services marked required (`--required`)."),
});

/** The refusals of an admin-only report. */
const ADMIN_REPORT_ERRORS = {
  401: { description: "No token, or a token that is not valid.", schema: ErrorSchema },
  403: { description: "A read token.", schema: ErrorSchema },
  404: { description: "The server has no config directory.", schema: ErrorSchema },
};

const ports = defineRoute({
  method: "GET",
  path: "/api/v1/ports",
  access: "admin",
  summary: "The port state of every service (what `switchyard ports --json` prints)",
  description:
    "Admin only: it names the processes listening on the machine (their arguments redacted). `X-Switchyard-Status` is the CLI's status (`ok`, `invalid`: a conflict or a required service down, `io-error`).",
  tags: TAGS,
  query: PortsQuerySchema,
  responses: {
    200: { description: "The ports report (or, for an invalid ports.yaml, its diagnostics)." },
    ...ADMIN_REPORT_ERRORS,
  },
  handler: async ({ app, query }) => {
    const { status, report } = await app.reports.ports({ required: query.required });
    return { body: redacted(report), headers: { "x-switchyard-status": status } };
  },
});

const DoctorQuerySchema = z.object({
  critical: BooleanQuery.describe("Only the checks the stack cannot work without (`--critical`)."),
});

const doctor = defineRoute({
  method: "GET",
  path: "/api/v1/doctor",
  access: "admin",
  summary: "Every pre-deploy check (what `switchyard doctor --json` prints)",
  description:
    "Admin only: it probes the providers, the gateway and Redis with the server's environment. `ok` false means a check failed.",
  tags: TAGS,
  query: DoctorQuerySchema,
  responses: {
    200: { description: "The doctor report." },
    ...ADMIN_REPORT_ERRORS,
  },
  handler: async ({ app, query }) => {
    const report = await app.reports.doctor({ critical: query.critical });
    return {
      body: redacted(report),
      headers: {
        "x-switchyard-status": report.unreadable !== undefined ? "io-error" : report.ok ? "ok" : "invalid",
      },
    };
  },
});

export const CONFIG_ROUTES = [validate, audit, ports, doctor];
