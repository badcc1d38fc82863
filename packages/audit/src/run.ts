import { basename, relative } from "node:path";
import { gatherSuppressions, runChecks, settleFindings } from "@switchyard/config-schema/checks";
import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import { type ConfigSet, configDirDisplay, type LoadedFile } from "@switchyard/config-schema/load";
import { SETTINGS_FILE_NAME } from "@switchyard/config-schema/schemas";
import {
  type CodeScope,
  type LoadedSettings,
  loadSettingsFile,
  resolveSeverityOverrides,
} from "@switchyard/config-schema/suppressions";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import { checkConfigSet } from "@switchyard/consistency";
import type { LoadedBaseline } from "./baseline.js";
import { baselineKey } from "./baseline.js";
import { AUDIT_PROBLEM_CODES, auditDiagnostic, diagnosticSeverity } from "./catalogue.js";
import { AUDIT_CHECKS } from "./checks/registry.js";
import { type CollectFactsOptions, collectFacts } from "./facts/collect.js";
import type { AuditFacts } from "./facts/types.js";
import { filesOfSet } from "./internal/files.js";
import { scrubSecrets } from "./internal/scrub.js";
import { categoryScores, overallScore } from "./score.js";
import { type AuditThresholds, DEFAULT_THRESHOLDS } from "./thresholds.js";
import {
  AUDIT_CATEGORIES,
  AUDIT_SEVERITIES,
  type AuditCategory,
  type AuditCheck,
  type AuditContext,
  type AuditFinding,
  type AuditMode,
  type AuditResult,
  type AuditSeverity,
  type BaselineEntry,
  type CategoryResult,
  type CheckRun,
  type CheckSkip,
  type FindingDraft,
  QUICK_CATEGORIES,
  type SuppressedFinding,
} from "./types.js";

/** Options of {@link runAudit}. */
export interface AuditOptions extends CollectFactsOptions {
  /** Run only the security and compliance checks. */
  readonly quick?: boolean;
  /** Run only this category's checks (takes precedence over `quick`). */
  readonly focus?: AuditCategory;
  /** A baseline: findings it knows are hidden; its entries that match nothing are reported as stale. */
  readonly baseline?: LoadedBaseline;
  /**
   * The config directory's `.switchyard.yaml` (suppressions, `rules: {SY5xxx: off}`): read from the
   * set's directory by default; pass a loaded one, or `false` to ignore it.
   */
  readonly settings?: LoadedSettings | false;
  /** Facts from outside the config files; gathered from disk (git, backups, histories) by default. */
  readonly facts?: AuditFacts;
  /** Override some thresholds. */
  readonly thresholds?: Partial<AuditThresholds>;
  /** The clock (default now). */
  readonly now?: Date;
  /** The checks to run (default: the whole registry). */
  readonly checks?: readonly AuditCheck[];
  /** Paths are shown relative to this directory (default `process.cwd()`); use the one the set was loaded with. */
  readonly cwd?: string;
  /**
   * The set's findings by the config-dir layer, when the caller already checked it
   * (`validateConfigDir(...).diagnostics`, doctor's validation): SY5402 decides on them instead of
   * checking the set a second time. Default: `checkConfigSet` on the set, once.
   */
  readonly validation?: readonly Diagnostic[];
}

const NO_COUNTS: Readonly<Record<AuditSeverity, number>> = {
  critical: 0,
  high: 0,
  medium: 0,
  low: 0,
  info: 0,
};

function countBySeverity(findings: readonly AuditFinding[]): Record<AuditSeverity, number> {
  const counts = { ...NO_COUNTS };
  for (const f of findings) counts[f.severity]++;
  return counts;
}

function loadedFiles(set: ConfigSet): LoadedFile[] {
  return filesOfSet(set);
}

/** `.switchyard.yaml`, read by config-schema's one settings reader (read errors are reported, not swallowed). */
function readSettings(set: ConfigSet, cwd: string): LoadedSettings {
  return loadSettingsFile(set.dir, configDirDisplay(set, cwd));
}

/** Whether the set could not be read at all (no files, and an I/O error on the directory). */
function unreadable(set: ConfigSet): Diagnostic | undefined {
  if (loadedFiles(set).length > 0) return undefined;
  const io = set.diagnostics.find((d) => d.code === "SY1010");
  if (!io) return undefined;
  return auditDiagnostic(AUDIT_PROBLEM_CODES.unreadableConfig, {
    message: `The audit could not run: ${io.message}`,
    ...(io.file !== undefined ? { file: io.file } : {}),
    hint: io.hint ?? "Check the path given with `--config-dir`.",
  });
}

function selectedCategories(options: AuditOptions): {
  mode: AuditMode;
  categories: readonly AuditCategory[];
} {
  if (options.focus !== undefined) return { mode: "focus", categories: [options.focus] };
  if (options.quick) return { mode: "quick", categories: QUICK_CATEGORIES };
  return { mode: "full", categories: AUDIT_CATEGORIES };
}

/** Map `.switchyard.yaml` severities onto audit severities: `error` → high, `warning` → medium, `info` → info. */
const OVERRIDE_SEVERITY: Record<"error" | "warning" | "info", AuditSeverity> = {
  error: "high",
  warning: "medium",
  info: "info",
};

/** `relative(dir, path)`, computed once per file: tens of thousands of findings share a few files. */
const relativePaths = new Map<string, string>();
function relativeTo(dir: string, path: string): string {
  const key = `${dir}\0${path}`;
  let rel = relativePaths.get(key);
  if (rel === undefined) {
    if (relativePaths.size > 1000) relativePaths.clear();
    rel = relative(dir, path);
    relativePaths.set(key, rel);
  }
  return rel;
}

function finalize(
  check: AuditCheck,
  severity: AuditSeverity,
  draft: FindingDraft,
  set: ConfigSet,
): AuditFinding {
  const loaded = typeof draft.file === "object" ? draft.file : undefined;
  const display = loaded?.file ?? (typeof draft.file === "string" ? draft.file : undefined);
  const range = draft.range ?? (loaded && draft.path ? loaded.source.rangeOf(draft.path, "key") : undefined);
  const fileKey = loaded ? relativeTo(set.dir, loaded.path) : display !== undefined ? basename(display) : "";
  const location =
    draft.path !== undefined
      ? formatYamlPath(draft.path)
      : draft.discriminator !== undefined
        ? `#${draft.discriminator}`
        : "";
  return {
    id: check.id,
    check: check.name,
    category: check.category,
    severity,
    message: scrubSecrets(draft.message),
    ...(display !== undefined ? { file: display } : {}),
    ...(draft.path !== undefined ? { path: draft.path } : {}),
    ...(range !== undefined ? { range } : {}),
    remediation: scrubSecrets(draft.remediation ?? check.fix),
    key: baselineKey({ id: check.id, file: fileKey, location }),
  };
}

function compareFindings(a: AuditFinding, b: AuditFinding): number {
  const ca = AUDIT_CATEGORIES.indexOf(a.category) - AUDIT_CATEGORIES.indexOf(b.category);
  if (ca !== 0) return ca;
  const sa = AUDIT_SEVERITIES.indexOf(a.severity) - AUDIT_SEVERITIES.indexOf(b.severity);
  if (sa !== 0) return sa;
  if (a.id !== b.id) return a.id < b.id ? -1 : 1;
  const fa = a.file ?? "";
  const fb = b.file ?? "";
  if (fa !== fb) return fa < fb ? -1 : 1;
  const la = a.range?.start.line ?? 0;
  const lb = b.range?.start.line ?? 0;
  if (la !== lb) return la - lb;
  return (a.range?.start.column ?? 0) - (b.range?.start.column ?? 0);
}

function toDiagnostic(finding: AuditFinding): Diagnostic {
  return {
    code: finding.id,
    severity: diagnosticSeverity(finding.severity),
    message: finding.message,
    ...(finding.file !== undefined ? { file: finding.file } : {}),
    ...(finding.range !== undefined ? { range: finding.range } : {}),
    ...(finding.path !== undefined ? { path: finding.path } : {}),
  };
}

function emptyCategories(selected: readonly AuditCategory[]): Record<AuditCategory, CategoryResult> {
  const out = {} as Record<AuditCategory, CategoryResult>;
  for (const category of AUDIT_CATEGORIES) {
    out[category] = {
      category,
      selected: selected.includes(category),
      score: null,
      passed: 0,
      failed: 0,
      notApplicable: 0,
      findings: { ...NO_COUNTS },
    };
  }
  return out;
}

/**
 * A monotonic clock in ms for `durationMs`. Not `performance.now()`: on Node 20 the first use of the
 * `performance` global loads `perf_hooks` (eleven internal modules, ≈ 1 ms of every `audit` run).
 */
function monotonicMs(): number {
  return Number(process.hrtime.bigint()) / 1e6;
}

/**
 * The result of an audit that could not run (`status: "error"`, exit code 3): nothing scored, every
 * check skipped, and the reasons in `problems`.
 */
export function failedAudit(
  set: ConfigSet,
  options: AuditOptions,
  problems: readonly Diagnostic[],
  started = monotonicMs(),
): AuditResult {
  const { mode, categories: selected } = selectedCategories(options);
  const checks = options.checks ?? AUDIT_CHECKS;
  return {
    format: "switchyard-audit/1",
    status: "error",
    mode,
    ...(options.focus !== undefined ? { focus: options.focus } : {}),
    configDir: set.dir,
    categories: emptyCategories(selected),
    overall: null,
    capped: false,
    findings: [],
    counts: { ...NO_COUNTS },
    suppressed: [],
    baselined: [],
    baseline: { ...(options.baseline ? { file: options.baseline.file } : {}), known: 0, new: 0, stale: [] },
    checksRun: [],
    checksSkipped: checks.map((c) => ({
      id: c.id,
      name: c.name,
      category: c.category,
      reason: "not-selected",
      detail: "the audit could not run",
    })),
    problems,
    durationMs: Math.round(monotonicMs() - started),
  };
}

/**
 * Audit a loaded config set: run the selected checks, apply suppressions (inline comments and
 * `.switchyard.yaml`) and the baseline, and score each category and the whole. Never throws: a set
 * that could not be read gives `status: "error"`, a crashing check `status: "incomplete"`.
 */
export async function runAudit(set: ConfigSet, options: AuditOptions = {}): Promise<AuditResult> {
  const started = monotonicMs();
  const cwd = options.cwd ?? process.cwd();
  const { mode, categories: selected } = selectedCategories(options);
  const checks = options.checks ?? AUDIT_CHECKS;
  const base = {
    format: "switchyard-audit/1" as const,
    mode,
    ...(options.focus !== undefined ? { focus: options.focus } : {}),
    configDir: set.dir,
  };

  const fatal = unreadable(set);
  if (fatal) return failedAudit(set, options, [fatal], started);

  const [facts, settings] = await Promise.all([
    options.facts ?? collectFacts(set, { ...options, cwd }),
    options.settings === false ? undefined : (options.settings ?? readSettings(set, cwd)),
  ]);
  const problems: Diagnostic[] = [...(settings?.diagnostics ?? [])];
  const known = new Set(checks.map((c) => c.id));

  // Severity overrides and `off` from .switchyard.yaml.
  const overrideScope: CodeScope = {
    owns: (code) => code.startsWith("SY5"),
    known,
    adjustable: (code) => known.has(code),
  };
  const overrides = resolveSeverityOverrides(settings?.settings.rules ?? [], overrideScope);
  for (const item of overrides.diagnostics) problems.push(item);

  const now = options.now ?? new Date();
  let validation = options.validation;
  const context: AuditContext = {
    set,
    cwd,
    facts,
    thresholds: { ...DEFAULT_THRESHOLDS, ...options.thresholds },
    now,
    validation: () => {
      validation ??= checkConfigSet(set, { cwd, now }).diagnostics;
      return validation;
    },
  };

  // The one check runner (config-schema's runChecks, as consistency's rules use): checks not
  // selected or turned off do not run, the others' findings are stamped with the check's (overridden)
  // severity, a check that throws is reported in `problems` and makes the audit incomplete.
  let crashed = false;
  const run = runChecks<AuditCheck, AuditSeverity, FindingDraft, AuditFinding>(checks, {
    unselected: (check) =>
      selected.includes(check.category) || check.everyMode === true
        ? undefined
        : mode === "quick"
          ? "--quick runs security and compliance only"
          : `--focus ${options.focus ?? ""}`,
    overrides: overrides.overrides,
    levelOf: (setting) => OVERRIDE_SEVERITY[setting],
    settingsFile: settings?.file ?? SETTINGS_FILE_NAME,
    generate: (check) => {
      const outcome = check.run(context);
      return outcome.status === "ran" ? outcome.findings : outcome;
    },
    finding: (check, severity, draft) => finalize(check, severity, draft, set),
    crashed: (check, error) => {
      crashed = true;
      const message = error instanceof Error ? error.message : String(error);
      problems.push(
        auditDiagnostic(AUDIT_PROBLEM_CODES.checkCrashed, {
          message: `Check ${check.id} (${check.name}) crashed: ${scrubSecrets(message)}`,
          hint: "This is a bug in Switchyard; please report it with the input that caused it. The audit is incomplete.",
        }),
      );
      return undefined;
    },
  });
  const ranChecks = run.ran;
  const skipped: CheckSkip[] = run.skipped.map(({ check, reason, detail }) => ({
    id: check.id,
    name: check.name,
    category: check.category,
    reason,
    detail,
  }));
  const notApplicable = new Map<AuditCategory, number>();
  for (const { check, reason } of run.skipped)
    if (reason === "not-applicable")
      notApplicable.set(check.category, (notApplicable.get(check.category) ?? 0) + 1);

  // Suppressions: inline comments of every loaded file, plus the settings file's list.
  const gathered = gatherSuppressions(
    loadedFiles(set).map((file) => file.source),
    settings?.settings,
  );
  const suppressions = gathered.suppressions;
  for (const item of gathered.diagnostics) problems.push(item);
  const ranIds = new Set(ranChecks.map((r) => r.check.id));
  const scope: CodeScope = {
    owns: (code) => code.startsWith("SY5") && (!known.has(code) || ranIds.has(code)),
    known,
    adjustable: (code) => known.has(code),
  };
  const allFindings = ranChecks.flatMap((r) => r.findings);
  const byDiagnostic = new Map<Diagnostic, AuditFinding>();
  const diagnostics = allFindings.map((f) => {
    const d = toDiagnostic(f);
    byDiagnostic.set(d, f);
    return d;
  });
  const outcome = settleFindings(diagnostics, { suppressions, scope, now: context.now });
  const suppressed: SuppressedFinding[] = [];
  const hidden = new Set<AuditFinding>();
  for (const { diagnostic, suppression } of outcome.suppressed) {
    const finding = byDiagnostic.get(diagnostic);
    if (!finding) continue;
    hidden.add(finding);
    suppressed.push({
      finding,
      origin: suppression.origin,
      reason: suppression.reason,
      ...(suppression.expires !== undefined ? { expires: suppression.expires } : {}),
    });
  }
  for (const d of outcome.diagnostics) if (!byDiagnostic.has(d)) problems.push(d);

  // Baseline: known findings are hidden; entries of checks that ran and match nothing are stale.
  const baselineKeys = new Map<string, BaselineEntry>();
  for (const entry of options.baseline?.baseline.entries ?? []) baselineKeys.set(baselineKey(entry), entry);
  const baselined: AuditFinding[] = [];
  const open: AuditFinding[] = [];
  for (const finding of allFindings) {
    if (hidden.has(finding)) continue;
    if (baselineKeys.has(finding.key)) {
      baselined.push(finding);
      hidden.add(finding);
    } else {
      open.push(finding);
    }
  }
  const presentKeys = new Set(allFindings.map((f) => f.key));
  const stale = [...baselineKeys.entries()]
    .filter(([key, entry]) => ranIds.has(entry.id) && !presentKeys.has(key))
    .map(([, e]) => e);

  // Scores.
  const runs: CheckRun[] = ranChecks.map(({ check, severity, findings }) => {
    const openCount = findings.filter((f) => !hidden.has(f)).length;
    return {
      id: check.id,
      name: check.name,
      category: check.category,
      severity,
      status: openCount === 0 ? "passed" : "failed",
      findings: openCount,
      hidden: findings.length - openCount,
    };
  });
  const scores = categoryScores(
    runs.map((r) => ({ category: r.category, severity: r.severity, passed: r.status === "passed" })),
  );
  const categories = emptyCategories(selected);
  for (const category of AUDIT_CATEGORIES) {
    const inCategory = runs.filter((r) => r.category === category);
    categories[category] = {
      ...categories[category],
      score: selected.includes(category) ? scores[category] : null,
      passed: inCategory.filter((r) => r.status === "passed").length,
      failed: inCategory.filter((r) => r.status === "failed").length,
      notApplicable: notApplicable.get(category) ?? 0,
      findings: countBySeverity(open.filter((f) => f.category === category)),
    };
  }
  const { overall, capped } = overallScore(
    Object.fromEntries(AUDIT_CATEGORIES.map((c) => [c, categories[c].score])) as Record<
      AuditCategory,
      number | null
    >,
    open.some((f) => f.severity === "critical"),
  );
  open.sort(compareFindings);
  return {
    ...base,
    status: crashed ? "incomplete" : "complete",
    categories,
    overall,
    capped,
    findings: open,
    counts: countBySeverity(open),
    suppressed,
    baselined: baselined.sort(compareFindings),
    baseline: {
      ...(options.baseline ? { file: options.baseline.file } : {}),
      known: baselined.length,
      new: options.baseline ? open.length : 0,
      stale,
    },
    checksRun: runs,
    checksSkipped: skipped,
    problems: problems.map((p) => ({ ...p, message: scrubSecrets(p.message) })),
    durationMs: Math.round(monotonicMs() - started),
  };
}
