import { type CatalogueEntry, defineCatalogue, diagnosticFactory } from "@switchyard/config-schema";
import type { Rule } from "./rule.js";
import { type RuleId, rules } from "./rules/index.js";

/** The code of the finding reported when a rule itself fails (a bug, never a config problem). */
export const RULE_FAILURE_CODE = "SY2099";

/** Consistency's codes: every rule's id and {@link RULE_FAILURE_CODE}, as a literal union. */
export type ConsistencyCode = RuleId | typeof RULE_FAILURE_CODE;

/** A rule's catalogue entry. */
export function ruleEntry<Id extends string>(rule: Rule<Id>): CatalogueEntry<Id> {
  return {
    code: rule.id,
    name: rule.name,
    title: rule.title,
    severity: rule.severity,
    cause: rule.cause,
    fix: rule.fix,
    ...(rule.example !== undefined ? { example: rule.example } : {}),
    ...(rule.aliases !== undefined ? { aliases: rule.aliases } : {}),
  };
}

/**
 * SY2xxx: every cross-file rule's documentation (what `switchyard explain SY2003` prints), plus
 * SY2099 for a rule that failed. The suppression codes (SY109x) are in config-schema's
 * `suppressionCatalogue`.
 */
export const consistencyCatalogue = defineCatalogue<ConsistencyCode>([
  ...rules.map(ruleEntry),
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
