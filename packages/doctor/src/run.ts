import { resolve } from "node:path";
import { performance } from "node:perf_hooks";
import { type AuditGate, collectFacts, runAudit } from "@switchyard/audit";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { displayPath } from "@switchyard/config-schema/fs";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { checkConfigSet } from "@switchyard/consistency";
import { checkGenerated, type GenerateOptions } from "@switchyard/litellm-generator";
import { planMigration } from "@switchyard/migrations";
import { checkPorts } from "@switchyard/port-registry";
import { DOCTOR_CHECKS } from "./checks/index.js";
import type { DoctorContext, NamedOutcome } from "./context.js";
import { stackHealth } from "./stack-health.js";
import type { CheckStatus, DoctorCheck, DoctorReport } from "./types.js";

/** Options of {@link runDoctor}. */
export interface DoctorOptions {
  /** The config directory. */
  readonly configDir: string;
  /** Paths in messages are relative to this directory (default `process.cwd()`). */
  readonly cwd?: string;
  /** Only the checks the stack cannot work without (`--critical`). */
  readonly critical?: boolean;
  /** Where `os.environ/NAME` references are resolved (default `process.env`). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** The generated file (default `<configDir>/litellm-unified.yaml`) and how it is generated. */
  readonly outputPath?: string;
  readonly generate?: Omit<GenerateOptions, "outputFile" | "passthrough">;
  /** The audit's gate, as `switchyard audit --min-score / --fail-on` take it (default: its score bands). */
  readonly auditGate?: AuditGate;
  /** Health probes: per-request timeout (default 2,000 ms), retries (2), concurrency (4). */
  readonly probe?: {
    readonly timeoutMs?: number;
    readonly retries?: number;
    readonly concurrency?: number;
    readonly backoffMs?: number;
  };
  /** Port probing (tests point `procRoot` elsewhere). */
  readonly ports?: { readonly procRoot?: string; readonly lsof?: string | false };
  /** Called when the list of checks is known (after planning the probes), in report order. */
  readonly onPlan?: (checks: readonly { readonly id: string; readonly title: string }[]) => void;
  /** Called as each check ends (live progress). */
  readonly onCheck?: (check: DoctorCheck) => void;
}

function memo<T>(compute: () => T): () => T {
  let value: { v: T } | undefined;
  return () => {
    value ??= { v: compute() };
    return value.v;
  };
}

/**
 * The pre-deploy check: YAML syntax, the schema of each file, cross-file consistency, the schema
 * version, generated-config drift, live port states, provider health and model drift, the
 * gateway, Redis, backups and the audit score. Each check is pass / warn / fail / skip with its
 * time, one line and the command that fixes it. Everything is computed by the packages that own
 * it (consistency, migrations, the generator, port-registry, health, audit); live probes run
 * concurrently with the file checks. Never throws.
 */
export async function runDoctor(options: DoctorOptions): Promise<DoctorReport> {
  const started = performance.now();
  const cwd = options.cwd ?? process.cwd();
  const dir = resolve(cwd, options.configDir);
  const env = options.env ?? process.env;
  const shown = displayPath(dir, cwd);
  const dirFlag = shown === "config" ? "" : ` --config-dir ${shown}`;
  const set = await loadConfigSet(dir, { cwd });
  const selected = DOCTOR_CHECKS.filter((c) => options.critical !== true || c.critical);
  // Nothing could be read: one failure that says why, not a cascade of checks on an empty set.
  const unreadable = Object.values(set.files).every((f) => f === undefined)
    ? set.diagnostics.find((d) => d.code === "SY1010")
    : undefined;
  if (unreadable !== undefined) return unreadableReport(selected, unreadable, dir, started, options);
  const generated = memo(() =>
    checkGenerated({
      ...options.generate,
      configDir: dir,
      cwd,
      ...(options.outputPath ? { outputPath: options.outputPath } : {}),
    }),
  );
  const context: DoctorContext = {
    dir,
    cwd,
    env,
    dirFlag,
    auditGate: options.auditGate ?? {},
    set,
    validation: memo(() => checkConfigSet(set, { cwd }).diagnostics),
    generated,
    migration: memo(() => planMigration(dir, { cwd })),
    ports: memo(async () => {
      const file = set.files.ports;
      if (!file?.value) return undefined;
      return checkPorts(file.value, {
        ...(options.ports?.procRoot ? { procRoot: options.ports.procRoot } : {}),
        ...(options.ports?.lsof !== undefined ? { lsof: options.ports.lsof } : {}),
      });
    }),
    health: memo(async () => {
      const generation = set.files.litellm?.value ? undefined : await generated();
      return stackHealth(set, {
        env,
        ...options.probe,
        ...(generation?.ok ? { generation: generation.generation } : {}),
        ...(options.generate ? { generate: options.generate } : {}),
      });
    }),
    facts: memo(() => collectFacts(set, { cwd })),
    // The audit decides SY5402 on doctor's own validation: the set is checked once per run.
    audit: memo(async () =>
      runAudit(set, { cwd, facts: await context.facts(), validation: context.validation() }),
    ),
  };
  // The live probes start first and run while the file checks do their work.
  if (selected.some((c) => c.id === "ports")) void context.ports();
  if (selected.some((c) => ["providers", "gateway", "redis"].includes(c.id))) void context.health();
  options.onPlan?.(selected.map((c) => ({ id: c.id, title: c.title })));

  const checks: DoctorCheck[] = [];
  for (const definition of selected) {
    const start = performance.now();
    let outcomes: readonly NamedOutcome[];
    try {
      const result = await definition.run(context);
      outcomes = Array.isArray(result)
        ? (result as readonly NamedOutcome[])
        : [{ ...(result as NamedOutcome), id: definition.id, title: definition.title }];
    } catch (error) {
      outcomes = [
        {
          id: definition.id,
          title: definition.title,
          status: "fail",
          reason: `the check failed: ${error instanceof Error ? error.message : String(error)}`,
          fix: "Report this: a check should never throw.",
        },
      ];
    }
    const elapsed = Math.round(performance.now() - start);
    for (const outcome of outcomes) {
      const check: DoctorCheck = {
        ...outcome,
        critical: definition.critical,
        durationMs: outcome.durationMs ?? elapsed,
      };
      checks.push(check);
      options.onCheck?.(check);
    }
  }
  return report(checks, dir, started);
}

function report(
  checks: readonly DoctorCheck[],
  dir: string,
  started: number,
  unreadable?: Diagnostic,
): DoctorReport {
  const counts: Record<CheckStatus, number> = { pass: 0, warn: 0, fail: 0, skip: 0 };
  for (const check of checks) counts[check.status]++;
  return {
    ok: counts.fail === 0,
    checks,
    counts,
    durationMs: Math.round(performance.now() - started),
    configDir: dir,
    ...(unreadable === undefined ? {} : { unreadable }),
  };
}

/** The report when the config directory cannot be read: YAML syntax fails with why, the rest is skipped. */
function unreadableReport(
  selected: typeof DOCTOR_CHECKS,
  diagnostic: Diagnostic,
  dir: string,
  started: number,
  options: DoctorOptions,
): DoctorReport {
  options.onPlan?.(selected.map((c) => ({ id: c.id, title: c.title })));
  const checks = selected.map((definition): DoctorCheck => {
    const check: DoctorCheck =
      definition.id === "yaml"
        ? {
            id: definition.id,
            title: definition.title,
            critical: definition.critical,
            status: "fail",
            reason: diagnostic.message,
            ...(diagnostic.hint === undefined ? {} : { fix: diagnostic.hint }),
            durationMs: 0,
            diagnostics: [diagnostic],
          }
        : {
            id: definition.id,
            title: definition.title,
            critical: definition.critical,
            status: "skip",
            reason: "the config directory cannot be read",
            durationMs: 0,
          };
    options.onCheck?.(check);
    return check;
  });
  return report(checks, dir, started, diagnostic);
}
