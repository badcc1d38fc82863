import type { AuditFacts, AuditGate, AuditResult } from "@switchyard/audit";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { ConfigSet } from "@switchyard/config-schema/load";
import { plural } from "@switchyard/config-schema/text";
import type { CheckResult } from "@switchyard/litellm-generator";
import type { ConfigSetMigration } from "@switchyard/migrations";
import type { PortsReport } from "@switchyard/port-registry";
import type { StackHealth } from "./stack-health.js";
import type { CheckOutcome } from "./types.js";

/** What every check reads, computed once per run and shared. */
export interface DoctorContext {
  /** The config directory (absolute). */
  readonly dir: string;
  readonly cwd: string;
  readonly env: Readonly<Record<string, string | undefined>>;
  /** The audit's gate (`--min-score`, `--fail-on`); the audit's default bands without one. */
  readonly auditGate: AuditGate;
  /** `--config-dir <dir>` as the user would type it again in a fix, or "" for the default. */
  readonly dirFlag: string;
  readonly set: ConfigSet;
  /** Schema and cross-file findings of the set (the config-dir layer's `checkConfigSet`); the audit reuses them. */
  validation(): readonly Diagnostic[];
  /** The generated file against a fresh generation (the generator's `checkGenerated`). */
  generated(): Promise<CheckResult>;
  /** The migration plan (migrations' `planMigration`). */
  migration(): Promise<ConfigSetMigration>;
  /** Live port states (port-registry's `checkPorts`), undefined without a valid ports.yaml. */
  ports(): Promise<PortsReport | undefined>;
  /** Every health probe of the stack, run together. */
  health(): Promise<StackHealth>;
  /** What the audit knows from outside the files: backups (verified), version control, histories. */
  facts(): Promise<AuditFacts>;
  /** The audit (`runAudit` on the same set and facts). */
  audit(): Promise<AuditResult>;
}

/** One check of `switchyard doctor`. */
export interface DoctorCheckDefinition {
  readonly id: string;
  readonly title: string;
  /** Run by `--critical`: the stack cannot work when it fails. */
  readonly critical: boolean;
  /** One outcome, or one per thing checked (`provider:<id>` for each provider endpoint). */
  run(context: DoctorContext): Promise<CheckOutcome | readonly NamedOutcome[]>;
}

/** An outcome of a check that reports several things. */
export interface NamedOutcome extends CheckOutcome {
  readonly id: string;
  readonly title: string;
}

/** Declare a check. */
export function defineDoctorCheck(check: DoctorCheckDefinition): DoctorCheckDefinition {
  return check;
}

/** The first diagnostic as one line: `providers.yaml:3:5 SY1030 Unknown key …`. */
export function firstFinding(diagnostics: readonly Diagnostic[]): string {
  const d = diagnostics[0];
  if (!d) return "";
  const where =
    d.file === undefined
      ? ""
      : `${d.file}${d.range ? `:${d.range.start.line}:${d.range.start.column}` : ""} `;
  return `${where}${d.code} ${d.message}`;
}

/**
 * The outcome of a check that reports findings: fail on any error, warn on warnings (both with
 * the first finding and `switchyard validate` to see them all), else pass with `passReason`.
 */
export function findingsOutcome(
  context: DoctorContext,
  found: readonly Diagnostic[],
  passReason: string,
): CheckOutcome {
  for (const severity of ["error", "warning"] as const) {
    const list = found.filter((d) => d.severity === severity);
    if (list.length === 0) continue;
    return {
      status: severity === "error" ? "fail" : "warn",
      reason: `${plural(list.length, severity)}: ${firstFinding(list)}`,
      fix: `switchyard validate${context.dirFlag}`,
      diagnostics: list,
    };
  }
  return { status: "pass", reason: passReason };
}
