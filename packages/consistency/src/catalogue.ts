import { checkCatalogueEntry } from "@switchyard/config-schema/checks";
import {
  type CatalogueEntry,
  defineCatalogue,
  diagnosticFactory,
} from "@switchyard/config-schema/diagnostics";
import type { Rule } from "./rule.js";
import { type RuleId, rules } from "./rules/index.js";

/** The code of the finding reported when a rule itself fails (a bug, never a config problem). */
export const RULE_FAILURE_CODE = "SY2099";

/** The info line saying which cross-file checks an absent optional file (ports.yaml) skipped. */
export const OPTIONAL_FILE_MISSING_CODE = "SY2090";

/** The info line saying a file was validated alone, without the cross-file checks. */
export const SINGLE_FILE_CODE = "SY2091";

/** Consistency's codes: every rule's id and the codes about the run itself, as a literal union. */
export type ConsistencyCode =
  | RuleId
  | typeof RULE_FAILURE_CODE
  | typeof OPTIONAL_FILE_MISSING_CODE
  | typeof SINGLE_FILE_CODE;

/** A rule's catalogue entry (config-schema's one `checkCatalogueEntry`; rules are on the diagnostic scale). */
export function ruleEntry<Id extends string>(rule: Rule<Id>): CatalogueEntry<Id> {
  return checkCatalogueEntry(rule, (severity) => severity);
}

/**
 * SY2xxx: every cross-file rule's documentation (what `switchyard explain SY2003` prints), plus
 * SY2099 for a rule that failed. The suppression codes (SY109x) are in config-schema's
 * `suppressionCatalogue`.
 */
export const consistencyCatalogue = defineCatalogue<ConsistencyCode>([
  ...rules.map(ruleEntry),
  {
    code: OPTIONAL_FILE_MISSING_CODE,
    name: "optional-file-missing",
    title: "An optional file of the config set is absent, so the checks that read it were skipped.",
    severity: "info",
    cause:
      "Only `providers.yaml` and `model-mappings.yaml` are required. Without `ports.yaml` the port checks (conflicts, a provider's port against its service's, start-order cycles) have nothing to read; without `feature-flags.yaml` the flag checks do not run. The set is still valid; this line says what was not checked.",
    fix: "Nothing, if the stack has no such file. Otherwise add it (`switchyard init` writes a complete set), or turn the line off with `rules: {SY2090: off}` in .switchyard.yaml.",
    example:
      "info[SY2090]: ports.yaml is absent (optional): skipped 5 checks that read it (SY2020, SY2021, SY2022, SY2060, SY2061)",
  },
  {
    code: SINGLE_FILE_CODE,
    name: "single-file",
    title: "One file was validated alone; the cross-file checks were skipped.",
    severity: "info",
    cause:
      "`switchyard validate providers.yaml` checks that file against its schema (its kind from its name, `--kind` or its `# yaml-language-server: $schema=` line). The checks between files (a route naming an unknown provider, a port mismatch) need the whole directory.",
    fix: "Run `switchyard validate <dir>` on the config directory for the cross-file checks.",
    example:
      "info[SY2091]: providers.yaml was validated alone (kind providers): the cross-file checks need the directory; run `switchyard validate config`",
  },
  {
    code: RULE_FAILURE_CODE,
    name: "rule-failure",
    title: "A consistency rule failed while checking the config set.",
    severity: "error",
    cause:
      "A bug in Switchyard: a rule threw instead of reporting a finding. The other rules still ran; this one's findings are missing.",
    fix: "Report the message and, if you can, the config set that triggers it. Meanwhile `rules: {<code>: off}` in .switchyard.yaml turns the rule off.",
  },
]);

/** A consistency finding: severity and default message from {@link consistencyCatalogue}. */
export const consistencyDiagnostic = diagnosticFactory(consistencyCatalogue);
