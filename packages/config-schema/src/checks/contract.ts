import type { CatalogueEntry } from "../diagnostics/catalogue.js";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import type { SeveritySetting } from "../schemas/settings.js";
import { applySeverityOverrides, applySuppressions } from "../suppressions/apply.js";
import { parseInlineSuppressions } from "../suppressions/comments.js";
import type { Settings } from "../suppressions/settings-file.js";
import type { CodeScope, SuppressedDiagnostic, Suppression } from "../suppressions/types.js";
import type { YamlSource } from "../yaml/parse.js";

/**
 * The catalogue side of one check, whatever produces it: a consistency rule (`SY2xxx`), an audit
 * check (`SY5xxx`), and the coming port, health and flag checks. `switchyard explain <id>` prints it.
 * `Level` is the scale the check's severity is written on: the diagnostic scale (`error`, `warning`,
 * `info`) by default, the audit's five levels for audit checks (see the audit's README for the mapping).
 */
export interface CheckSpec<Id extends string = string, Level extends string = Severity> {
  /** The stable code, never reused. */
  readonly id: Id;
  /** Kebab-case name. */
  readonly name: string;
  /** The severity of its findings unless `.switchyard.yaml` overrides it. */
  readonly severity: Level;
  /** One line saying what it finds. */
  readonly title: string;
  /** Why it matters. */
  readonly cause: string;
  /** What to do. */
  readonly fix: string;
  /** Optional YAML that triggers it. */
  readonly example?: string;
}

/**
 * A check's catalogue entry (what `switchyard explain <id>` prints): its own text, its severity on
 * the diagnostic scale (`toSeverity` maps another scale, e.g. the audit's `critical` → `error`), and a
 * title the caller may decorate (the audit adds the category and its own severity).
 */
export function checkCatalogueEntry<Id extends string, Level extends string>(
  check: CheckSpec<Id, Level> & { readonly aliases?: readonly string[] },
  toSeverity: (level: Level) => Severity,
  title: string = check.title,
): CatalogueEntry<Id> {
  return {
    code: check.id,
    name: check.name,
    title,
    severity: toSeverity(check.severity),
    cause: check.cause,
    fix: check.fix,
    ...(check.example !== undefined ? { example: check.example } : {}),
    ...(check.aliases !== undefined ? { aliases: check.aliases } : {}),
  };
}

/** A check's verdict that it has nothing to look at (no file of the kind it reads, say). */
export interface NotApplicable {
  readonly status: "not-applicable";
  /** Why, e.g. "no litellm-unified.yaml". */
  readonly reason: string;
}

/** What a check's generator gives: its findings (drafts the runner stamps), or that it does not apply. */
export type CheckYield<Draft> = Iterable<Draft> | NotApplicable;

/** The outcome of a check that does not apply. */
export function notApplicable(reason: string): NotApplicable {
  return { status: "not-applicable", reason };
}

function isNotApplicable(value: unknown): value is NotApplicable {
  return (
    typeof value === "object" &&
    value !== null &&
    (value as { status?: unknown }).status === "not-applicable" &&
    typeof (value as { reason?: unknown }).reason === "string"
  );
}

/** Why a check produced no findings without running to the end. */
export type CheckSkipReason = "not-selected" | "turned-off" | "not-applicable" | "crashed";

/** What {@link runChecks} did with each check. */
export interface CheckRunReport<C, Level, Finding> {
  /** The checks that ran, each with the severity it ran at and its stamped findings. */
  readonly ran: readonly { readonly check: C; readonly severity: Level; readonly findings: Finding[] }[];
  /** The checks that did not, and why. */
  readonly skipped: readonly {
    readonly check: C;
    readonly reason: CheckSkipReason;
    readonly detail: string;
  }[];
}

/** How {@link runChecks} runs one family of checks. */
export interface RunChecksOptions<C extends CheckSpec<string, Level>, Level extends string, Draft, Finding> {
  /** Call the check's generator (`rule.check(context)`, `check.run(context)`). */
  readonly generate: (check: C) => CheckYield<Draft>;
  /** Stamp a draft with the check's id and the severity it runs at. */
  readonly finding: (check: C, severity: Level, draft: Draft) => Finding;
  /**
   * Severity overrides of `.switchyard.yaml` (`resolveSeverityOverrides(...).overrides`): `off`
   * skips the check, any other setting replaces its severity.
   */
  readonly overrides?: ReadonlyMap<string, SeveritySetting>;
  /** Map a `.switchyard.yaml` severity onto the checks' scale (default: the same word). */
  readonly levelOf?: (setting: Severity) => Level;
  /** Why a check is left out of this run (`--quick`, `--focus`), or `undefined` to run it. */
  readonly unselected?: (check: C) => string | undefined;
  /**
   * What a check that throws becomes: a finding to report (consistency's SY2099), or `undefined`
   * when the caller reports crashes elsewhere (the audit's SY5004). Either way the check is
   * `crashed` in the skip list, and the run goes on.
   */
  readonly crashed: (check: C, error: unknown) => Finding | undefined;
  /** Where to say the override lives in a `turned-off` detail (default `.switchyard.yaml`). */
  readonly settingsFile?: string;
}

/**
 * The one check runner: run each check's generator, skip the checks `.switchyard.yaml` turns off and
 * those not selected, stamp each finding with the check's id and its (overridden) severity, turn a
 * check that throws into a report instead of an aborted run, and say which checks did not apply.
 * Suppressions are applied afterwards, to these findings and any others of the run, by
 * {@link settleFindings}. Never throws for a check that throws.
 */
export function runChecks<C extends CheckSpec<string, Level>, Level extends string, Draft, Finding>(
  checks: readonly C[],
  options: RunChecksOptions<C, Level, Draft, Finding>,
): CheckRunReport<C, Level, Finding> {
  const ran: { check: C; severity: Level; findings: Finding[] }[] = [];
  const skipped: { check: C; reason: CheckSkipReason; detail: string }[] = [];
  const levelOf = options.levelOf ?? ((setting: Severity) => setting as unknown as Level);
  for (const check of checks) {
    const unselected = options.unselected?.(check);
    if (unselected !== undefined) {
      skipped.push({ check, reason: "not-selected", detail: unselected });
      continue;
    }
    const override = options.overrides?.get(check.id);
    if (override === "off") {
      skipped.push({
        check,
        reason: "turned-off",
        detail: `rules: {${check.id}: off} in ${options.settingsFile ?? ".switchyard.yaml"}`,
      });
      continue;
    }
    const severity = override !== undefined ? levelOf(override) : check.severity;
    const findings: Finding[] = [];
    try {
      const result = options.generate(check);
      if (isNotApplicable(result)) {
        skipped.push({ check, reason: "not-applicable", detail: result.reason });
        continue;
      }
      for (const draft of result) findings.push(options.finding(check, severity, draft));
    } catch (error) {
      const report = options.crashed(check, error);
      skipped.push({
        check,
        reason: "crashed",
        detail: error instanceof Error ? error.message : String(error),
      });
      if (report !== undefined) ran.push({ check, severity, findings: [report] });
      continue;
    }
    ran.push({ check, severity, findings });
  }
  return { ran, skipped };
}

/** What {@link gatherSuppressions} found. */
export interface GatheredSuppressions {
  /**
   * Each file's inline suppressions (in file order), then the settings file's: the order problems
   * about them (unused, expired, unknown code) are reported in. Where both cover a finding,
   * `applySuppressions` uses the inline one (it names the finding's own line) whatever the order.
   */
  readonly suppressions: Suppression[];
  /** Malformed inline suppressions (SY1091 and friends). */
  readonly diagnostics: Diagnostic[];
}

/**
 * Every suppression of a run: the settings file's list and the inline `# switchyard-ignore`
 * comments of each source. One reading for every command that reports findings on a set.
 */
export function gatherSuppressions(
  sources: Iterable<YamlSource>,
  settings: Pick<Settings, "suppressions"> | undefined,
): GatheredSuppressions {
  const suppressions: Suppression[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const source of sources) {
    const inline = parseInlineSuppressions(source);
    for (const item of inline.suppressions) suppressions.push(item);
    for (const item of inline.diagnostics) diagnostics.push(item);
  }
  for (const item of settings?.suppressions ?? []) suppressions.push(item);
  return { suppressions, diagnostics };
}

/** Options of {@link settleFindings}. */
export interface SettleOptions {
  readonly suppressions: readonly Suppression[];
  /** The codes the run answers for. */
  readonly scope: CodeScope;
  /** The clock, for suppressions' `expires`. */
  readonly now?: Date;
  /**
   * Severity overrides to apply to every remaining finding (validate's: its schema warnings may be
   * adjusted too). Leave out when {@link runChecks} already stamped the overridden severities.
   */
  readonly overrides?: ReadonlyMap<string, SeveritySetting>;
}

/** What {@link settleFindings} returns. */
export interface SettledFindings {
  /** The findings that remain (with overrides applied), plus findings about the suppressions themselves. */
  readonly diagnostics: Diagnostic[];
  /** The findings that were hidden, each with its suppression (same objects as given). */
  readonly suppressed: SuppressedDiagnostic[];
}

/**
 * The second half of the one runner: hide what suppressions cover (reporting unused, expired and
 * unknown ones), then apply severity overrides. Findings keep their identity, so a caller can map
 * them back to its own records (the audit's findings).
 */
export function settleFindings(diagnostics: readonly Diagnostic[], options: SettleOptions): SettledFindings {
  const outcome = applySuppressions(diagnostics, options.suppressions, {
    scope: options.scope,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    diagnostics:
      options.overrides === undefined
        ? outcome.diagnostics
        : applySeverityOverrides(outcome.diagnostics, options.overrides),
    suppressed: outcome.suppressed,
  };
}
