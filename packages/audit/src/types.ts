import type { CheckSpec } from "@switchyard/config-schema/checks";
import type { Diagnostic, SourceRange, YamlPath } from "@switchyard/config-schema/diagnostics";
import type { ConfigSet, LoadedFile } from "@switchyard/config-schema/load";
import type { AuditFacts } from "./facts/types.js";
import type { AuditThresholds } from "./thresholds.js";

/** The audit's categories, in report order. */
export const AUDIT_CATEGORIES = ["security", "compliance", "performance", "completeness", "litellm"] as const;

/** One category of checks. */
export type AuditCategory = (typeof AUDIT_CATEGORIES)[number];

/** The categories `--quick` runs. */
export const QUICK_CATEGORIES: readonly AuditCategory[] = ["security", "compliance"];

/** Audit severities, most severe first. */
export const AUDIT_SEVERITIES = ["critical", "high", "medium", "low", "info"] as const;

/** How serious a finding is. */
export type AuditSeverity = (typeof AUDIT_SEVERITIES)[number];

/** One finding of one check. Its message never holds a whole secret. */
export interface AuditFinding {
  /** The check's stable id, e.g. `SY5101`. */
  readonly id: string;
  /** The check's kebab-case name, e.g. `known-format-secret`. */
  readonly check: string;
  readonly category: AuditCategory;
  readonly severity: AuditSeverity;
  /** One sentence naming the offending value (secrets redacted). */
  readonly message: string;
  /** Display path of the file (as the config set's diagnostics show it). */
  readonly file?: string;
  /** YAML path of the offending node. */
  readonly path?: YamlPath;
  readonly range?: SourceRange;
  /** What to do about it. */
  readonly remediation: string;
  /**
   * The baseline key: `id`, the file relative to the config directory, and the YAML path (or, for a
   * finding without a path, a short digest that identifies it without revealing it). No line numbers.
   */
  readonly key: string;
}

/** A finding hidden by a suppression, with who hid it and why. */
export interface SuppressedFinding {
  readonly finding: AuditFinding;
  readonly origin: "inline" | "settings";
  readonly reason: string;
  readonly expires?: string;
}

/** What a check reports before the runner stamps id, category and severity on it. */
export interface FindingDraft {
  readonly message: string;
  /**
   * The file the finding is in: a loaded file (its display path and, with `path`, the range are filled
   * in) or the display path of a file that is not loaded (a missing required file).
   */
  readonly file?: LoadedFile | string;
  readonly path?: YamlPath;
  /** An explicit range (for text matches outside any YAML node, e.g. in a comment). */
  readonly range?: SourceRange;
  /** Overrides the check's default remediation. */
  readonly remediation?: string;
  /**
   * Identifies a finding without a path in the baseline (e.g. a digest of a matched secret, or a
   * directory name). Never a secret itself.
   */
  readonly discriminator?: string;
}

/** What one check returns. */
export type CheckOutcome =
  | { readonly status: "not-applicable"; readonly reason: string }
  | { readonly status: "ran"; readonly findings: readonly FindingDraft[] };

/** Everything a check may look at. Checks are pure functions of this context. */
export interface AuditContext {
  readonly set: ConfigSet;
  /** Paths in findings are shown relative to this directory (config-schema's `displayPath`). */
  readonly cwd: string;
  /** Facts from outside the config files: version control, backups, histories. */
  readonly facts: AuditFacts;
  readonly thresholds: AuditThresholds;
  /** The clock (for flag end dates and history ages). */
  readonly now: Date;
  /**
   * The set's findings by the config-dir layer (consistency's `checkConfigSet`: schemas, cross-file
   * rules, severity overrides and suppressions of `.switchyard.yaml`), the report `switchyard
   * validate` prints. Computed once, on first use, unless the caller passed the one it already has.
   */
  validation(): readonly Diagnostic[];
}

/**
 * One check of the registry. Adding a check is adding one file under `src/checks/<category>/` that
 * exports one of these, and listing it in `src/checks/registry.ts`.
 */
export interface AuditCheck<Id extends string = string> extends CheckSpec<Id, AuditSeverity> {
  /**
   * Stable id `SY5cxx` (c: 1 security, 2 compliance, 3 performance, 4 completeness, 5 litellm); never
   * reused. A literal type: the package's `AuditCode` union is made of them.
   */
  readonly id: Id;
  /** Kebab-case name. */
  readonly name: string;
  readonly category: AuditCategory;
  /** The severity of every finding of this check; it also sets the check's weight in the score. */
  readonly severity: AuditSeverity;
  /** One line saying what the check finds. */
  readonly title: string;
  /** A paragraph on why it matters (the catalogue's cause). */
  readonly cause: string;
  /** A paragraph on what to do (the catalogue's fix, and the default remediation). */
  readonly fix: string;
  /** Optional YAML that triggers it. */
  readonly example?: string;
  /**
   * Run whatever `--quick` or `--focus` selects: for findings no partial audit may leave out (a
   * config file that cannot be read hides everything in it from every check).
   */
  readonly everyMode?: boolean;
  run(context: AuditContext): CheckOutcome;
}

/** The score of one category. */
export interface CategoryResult {
  readonly category: AuditCategory;
  /** Whether this run selected the category (false for categories left out by `--quick`/`--focus`). */
  readonly selected: boolean;
  /** 0–100, or `null` when no weighted check applied (or the category was not selected). */
  readonly score: number | null;
  /** Checks that ran and found nothing unsuppressed. */
  readonly passed: number;
  /** Checks that ran and have at least one open finding. */
  readonly failed: number;
  /** Checks that did not apply to this config (e.g. no LiteLLM file). */
  readonly notApplicable: number;
  /** Open findings (not suppressed, not in the baseline) by severity. */
  readonly findings: Readonly<Record<AuditSeverity, number>>;
}

/** A check that ran. */
export interface CheckRun {
  readonly id: string;
  readonly name: string;
  readonly category: AuditCategory;
  readonly severity: AuditSeverity;
  /** `failed` when at least one finding is open (not suppressed, not in the baseline). */
  readonly status: "passed" | "failed";
  /** Open findings. */
  readonly findings: number;
  /** Findings hidden by a suppression or the baseline. */
  readonly hidden: number;
}

/** A check that did not run, and why. */
export interface CheckSkip {
  readonly id: string;
  readonly name: string;
  readonly category: AuditCategory;
  readonly reason: "not-selected" | "not-applicable" | "turned-off" | "crashed";
  /** Details, e.g. "no litellm-unified.yaml" or the crash message. */
  readonly detail: string;
}

/** Which checks ran: all, the quick subset, or one category. */
export type AuditMode = "full" | "quick" | "focus";

/** A baseline entry: one accepted finding. */
export interface BaselineEntry {
  readonly id: string;
  /** File relative to the config directory (`providers.yaml`), or `""`. */
  readonly file: string;
  /** Formatted YAML path, a `#digest`, or `""`. */
  readonly location: string;
  /** The finding's message when the baseline was written (redacted), for people reading the file. */
  readonly message?: string;
}

/** How the baseline was applied. */
export interface BaselineOutcome {
  /** The baseline file, when one was given. */
  readonly file?: string;
  /** Findings the baseline knew (hidden from the report, score and gate). */
  readonly known: number;
  /** Open findings the baseline does not know. */
  readonly new: number;
  /** Baseline entries that no longer match any finding of a check that ran. */
  readonly stale: readonly BaselineEntry[];
}

/** The whole result of an audit. Serialises to the JSON report as-is. */
export interface AuditResult {
  /** Format marker of the JSON report. */
  readonly format: "switchyard-audit/1";
  /**
   * `complete` when every selected check ran or was skipped for a stated reason; `incomplete` when a
   * check crashed (its category's score leaves it out); `error` when the audit could not run at all.
   * See `problems` for why.
   */
  readonly status: "complete" | "incomplete" | "error";
  readonly mode: AuditMode;
  /** The category of `--focus`. */
  readonly focus?: AuditCategory;
  /** The config directory (absolute). */
  readonly configDir: string;
  readonly categories: Readonly<Record<AuditCategory, CategoryResult>>;
  /** Weighted mean of the selected categories' scores (capped below 60 by a critical finding); `null` when none scored. */
  readonly overall: number | null;
  /** True when an open critical finding capped the overall score. */
  readonly capped: boolean;
  /** Open findings, sorted by category, severity, file and position. */
  readonly findings: readonly AuditFinding[];
  /** Open findings by severity. */
  readonly counts: Readonly<Record<AuditSeverity, number>>;
  readonly suppressed: readonly SuppressedFinding[];
  /** Findings the baseline knew: hidden from the report, the score and the gate. */
  readonly baselined: readonly AuditFinding[];
  readonly baseline: BaselineOutcome;
  readonly checksRun: readonly CheckRun[];
  readonly checksSkipped: readonly CheckSkip[];
  /**
   * Problems of the audit itself: findings about suppressions (SY1090 unused, SY1092 expired, …),
   * a bad settings or baseline file, a crashed check, or why the audit could not run.
   */
  readonly problems: readonly Diagnostic[];
  /** Wall time of the run, in milliseconds. */
  readonly durationMs: number;
}
