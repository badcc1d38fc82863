import { gatherSuppressions, runChecks, settleFindings } from "@switchyard/config-schema/checks";
import {
  capDiagnosticsPerFile,
  type Diagnostic,
  type Severity,
  schemaCatalogue,
} from "@switchyard/config-schema/diagnostics";
import { type ConfigSet, withOlderSchemasRecognized } from "@switchyard/config-schema/load";
import { CONFIG_FILES } from "@switchyard/config-schema/schemas";
import {
  type CodeScope,
  type LoadedSettings,
  resolveSeverityOverrides,
  type SuppressedDiagnostic,
  suppressionCatalogue,
} from "@switchyard/config-schema/suppressions";
import { plural } from "@switchyard/config-schema/text";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import {
  consistencyCatalogue,
  consistencyDiagnostic,
  OPTIONAL_FILE_MISSING_CODE,
  RULE_FAILURE_CODE,
} from "./catalogue.js";
import { buildConfigModel, type ConfigModel, type Place } from "./model.js";
import type { Location, Rule, RuleContext, RuleFinding, RuleOptions } from "./rule.js";
import { rules as defaultRules } from "./rules/index.js";
import { displayDir, loadSettings } from "./settings.js";

/** The default for {@link ValidateOptions.maxFallbackDepth}: LiteLLM's default `max_fallbacks`. */
export const DEFAULT_MAX_FALLBACK_DEPTH = 5;

/** Options for {@link validateConfigSet}. */
export interface ValidateOptions {
  /**
   * Longest fallback chain (in attempts) before SY2013 warns. Default: `options.max_fallback_depth`
   * of `.switchyard.yaml`, else `routing.max_fallback_depth` of model-mappings.yaml, else 5.
   */
  readonly maxFallbackDepth?: number;
  /**
   * Settings to use instead of reading `.switchyard.yaml` from the set's directory (e.g. from
   * `loadSettingsText`), or `false` to use none.
   */
  readonly settings?: LoadedSettings | false;
  /** The directory display paths are relative to, used only when the set has no files (default `process.cwd()`). */
  readonly cwd?: string;
  /** The current time, for suppressions' `expires` (default: now). */
  readonly now?: Date;
  /** The rules to run (default: every rule of the registry). */
  readonly rules?: readonly Rule[];
}

/** The combined result of schema checks and cross-file rules. */
export interface ValidationReport {
  /**
   * Every diagnostic, sorted by file and position: the set's schema diagnostics, the rules'
   * findings, problems of the settings file and of suppressions; after suppressions and severity
   * overrides were applied.
   */
  readonly diagnostics: readonly Diagnostic[];
  /** The findings that suppressions hid, each with its suppression (for `--show-suppressed` and audits). */
  readonly suppressed: readonly SuppressedDiagnostic[];
}

const OWNED_CODE = /^SY[12]\d{3}$/;

/** The codes validate answers for: SY1xxx and SY2xxx; only rule findings and warnings may be adjusted. */
function validateScope(ruleList: readonly Rule[]): CodeScope {
  const known = new Set<string>();
  const adjustable = new Set<string>();
  for (const catalogue of [schemaCatalogue, suppressionCatalogue]) {
    for (const entry of catalogue.values()) {
      known.add(entry.code);
      if (entry.severity !== "error") adjustable.add(entry.code);
    }
  }
  for (const code of consistencyCatalogue.keys()) {
    known.add(code);
    adjustable.add(code);
  }
  for (const rule of ruleList) {
    known.add(rule.id);
    adjustable.add(rule.id);
  }
  return { owns: (code) => OWNED_CODE.test(code), known, adjustable: (code) => adjustable.has(code) };
}

function createContext(set: ConfigSet, model: ConfigModel, options: RuleOptions): RuleContext {
  const memos = new Map<string, unknown>();
  const at = (place: Place, part: "key" | "value" = "value"): Location => {
    const range = place.file.source.rangeOf(place.path, part);
    return { file: place.file.file, path: place.path, ...(range ? { range } : {}) };
  };
  return {
    set,
    model,
    options,
    memo<T>(key: string, compute: () => T): T {
      if (!memos.has(key)) memos.set(key, compute());
      return memos.get(key) as T;
    },
    at,
    related(message, place, part) {
      return { message, ...at(place, part) };
    },
  };
}

/**
 * One SY2090 info line per optional file the set lacks that a running rule reads (`Rule.reads`):
 * "ports.yaml is absent (optional): skipped 5 checks that read it (SY2020, …)". Required files
 * are SY1011 errors already; a set not read from a directory (no `missing`) gets none.
 */
function skippedByMissingFiles(set: ConfigSet, ran: readonly Rule[], display: string): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const kind of set.missing ?? []) {
    const spec = CONFIG_FILES[kind];
    if (spec.required) continue;
    const skipped = ran.filter((rule) => rule.reads?.includes(kind)).map((rule) => rule.id);
    if (skipped.length === 0) continue;
    const file = display === "." ? spec.fileName : `${display}/${spec.fileName}`;
    out.push(
      consistencyDiagnostic(OPTIONAL_FILE_MISSING_CODE, {
        message: `${spec.fileName} is absent (optional): skipped ${plural(skipped.length, "check")} that read it (${skipped.join(", ")})`,
        file,
        hint: `Add ${spec.fileName} to have them run (\`switchyard init\` writes a complete set), or set \`rules: {${OPTIONAL_FILE_MISSING_CODE}: off}\` in .switchyard.yaml.`,
      }),
    );
  }
  return out;
}

/** A rule that throws becomes an SY2099 finding instead of aborting the run. */
function ruleFailure(rule: Rule, error: unknown): Diagnostic {
  return consistencyDiagnostic(RULE_FAILURE_CODE, {
    message: `Rule ${rule.id} (${rule.name}) failed: ${error instanceof Error ? error.message : String(error)}`,
    hint: `This is a bug in Switchyard; please report it. \`rules: {${rule.id}: off}\` in .switchyard.yaml turns the rule off meanwhile.`,
  });
}

function locationKey(diagnostic: Diagnostic): string | undefined {
  return diagnostic.file !== undefined && diagnostic.path !== undefined
    ? `${diagnostic.file}\0${formatYamlPath(diagnostic.path)}`
    : undefined;
}

/** Drop schema findings that a rule reports more precisely at the same place (`Rule.supersedes`). */
function dropSuperseded(
  schema: readonly Diagnostic[],
  findings: readonly { rule: Rule; diagnostics: Diagnostic[] }[],
): Diagnostic[] {
  const superseded = new Map<string, Set<string>>();
  for (const { rule, diagnostics } of findings) {
    if (!rule.supersedes?.length) continue;
    for (const diagnostic of diagnostics) {
      const key = locationKey(diagnostic);
      if (key === undefined) continue;
      let codes = superseded.get(key);
      if (!codes) {
        codes = new Set();
        superseded.set(key, codes);
      }
      for (const code of rule.supersedes) codes.add(code);
    }
  }
  if (superseded.size === 0) return [...schema];
  return schema.filter((d) => {
    const key = locationKey(d);
    return key === undefined || !superseded.get(key)?.has(d.code);
  });
}

/**
 * Check a loaded config set: its schema diagnostics plus every cross-file rule, with the settings
 * of `.switchyard.yaml` (severity overrides, options, suppressions) and inline
 * `# switchyard-ignore` comments applied. Rules run on whatever parsed, so a file with schema errors
 * still gets the checks that can run; a file written for a legacy schema gets one SY1022 instead
 * (see `withOlderSchemasRecognized` in @switchyard/config-schema). Never throws, never prints.
 */
export function validateConfigSet(loadedSet: ConfigSet, options: ValidateOptions = {}): ValidationReport {
  // A file written for a legacy schema (the `version:` marker of 1.0.0 and 1.1.0) gets one SY1022
  // pointing at `switchyard migrate --auto`, not the schema errors the migration would remove.
  const set = withOlderSchemasRecognized(loadedSet);
  const ruleList = options.rules ?? defaultRules;
  const scope = validateScope(ruleList);
  const display = displayDir(set, options.cwd);
  const loaded =
    options.settings === false ? undefined : (options.settings ?? loadSettings(set.dir, display));
  const settings = loaded?.settings;

  const { overrides, diagnostics: overrideProblems } = resolveSeverityOverrides(settings?.rules ?? [], scope);
  const model = buildConfigModel(set);
  const context = createContext(set, model, {
    maxFallbackDepth:
      options.maxFallbackDepth ??
      settings?.maxFallbackDepth ??
      model.maxFallbackDepth ??
      DEFAULT_MAX_FALLBACK_DEPTH,
  });

  // The one check runner (config-schema's runChecks): rules turned off do not run, the others'
  // findings are stamped with their code and (overridden) severity, a rule that throws is SY2099.
  const run = runChecks<Rule, Severity, RuleFinding, Diagnostic>(ruleList, {
    overrides,
    generate: (rule) => rule.check(context),
    finding: (rule, severity, finding): Diagnostic => ({ code: rule.id, severity, ...finding }),
    crashed: ruleFailure,
  });
  const findings = run.ran.map(({ check, findings }) => ({ rule: check, diagnostics: findings }));

  const all: Diagnostic[] = [
    ...dropSuperseded(set.diagnostics, findings),
    ...overrideProblems,
    ...skippedByMissingFiles(
      set,
      findings.map((f) => f.rule),
      display,
    ),
  ];
  for (const { diagnostics } of findings) for (const item of diagnostics) all.push(item);
  if (loaded) for (const item of loaded.diagnostics) all.push(item);
  const gathered = gatherSuppressions(
    Object.values(set.files).flatMap((file) => (file === undefined ? [] : [file.source])),
    settings,
  );
  for (const item of gathered.diagnostics) all.push(item);

  const suppressionScope: CodeScope = {
    ...scope,
    owns: (code) => scope.owns(code) && overrides.get(code) !== "off",
  };
  // Suppressions hide findings of the rules and the schema alike; overrides then adjust whatever
  // remains (schema warnings too), as the rules' own findings already are.
  const outcome = settleFindings(all, {
    suppressions: gathered.suppressions,
    scope: suppressionScope,
    overrides,
    ...(options.now ? { now: options.now } : {}),
  });
  return {
    // At most 1,000 per file (then one SY1019 summary): rules can report on every entry of a huge file.
    diagnostics: capDiagnosticsPerFile(outcome.diagnostics),
    suppressed: outcome.suppressed,
  };
}
