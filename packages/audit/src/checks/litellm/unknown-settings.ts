import { entriesOf } from "@switchyard/config-schema/data";
import { suggestName } from "@switchyard/config-schema/diagnostics";
import { KNOWN_LITELLM_SETTINGS, KNOWN_ROUTER_SETTINGS } from "../../internal/litellm-keys.js";
import type { AuditContext, CheckOutcome, FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

function unknownKeys(
  context: AuditContext,
  section: "router_settings" | "litellm_settings",
  known: ReadonlySet<string>,
): CheckOutcome {
  const file = parsedFile(context, "litellm");
  if (!file) return notApplicable("no litellm-unified.yaml");
  const data = dataOf(file)[section];
  if (data === undefined) return notApplicable(`no ${section}`);
  const extra = new Set(context.thresholds.extraLitellmSettings);
  const findings: FindingDraft[] = [];
  for (const [key] of entriesOf(data)) {
    if (known.has(key) || extra.has(key)) continue;
    const suggestion = suggestName(key, known);
    findings.push({
      file,
      path: [section, key],
      message: `${section}.${key} is not a setting LiteLLM knows${suggestion !== undefined ? ` — did you mean '${suggestion}'?` : ""}`,
      ...(suggestion !== undefined ? { remediation: `Rename it to \`${suggestion}\`.` } : {}),
    });
  }
  return ran(findings);
}

/** SY5503: a `router_settings` key LiteLLM drops silently. */
export const unknownRouterSetting = defineCheck({
  id: "SY5503",
  name: "unknown-router-setting",
  category: "litellm",
  severity: "high",
  title: "A `router_settings` key is unknown to LiteLLM and silently dropped.",
  cause:
    "The proxy filters `router_settings` down to the arguments its Router accepts and drops the rest without a word, so a typo (`routing_stratgy`, `num_retry`) means the setting simply does not apply: the default strategy, no retries, no fallbacks.",
  fix: "Use the suggested name, or remove the key. The known keys are those of LiteLLM's router settings reference.",
  example: "router_settings:\n  routing_stratgy: latency-based-routing   # routing_strategy",
  run: (context) => unknownKeys(context, "router_settings", KNOWN_ROUTER_SETTINGS),
});

/** SY5504: a `litellm_settings` key that names no LiteLLM setting. */
export const unknownLitellmSetting = defineCheck({
  id: "SY5504",
  name: "unknown-litellm-setting",
  category: "litellm",
  severity: "medium",
  title: "A `litellm_settings` key names no LiteLLM setting.",
  cause:
    "The proxy sets every `litellm_settings` key as an attribute of the `litellm` module, whether or not anything reads it: a misspelt key (`drop_param`, `request_timout`) is accepted and has no effect.",
  fix: "Use the suggested name, or remove the key. A setting newer than Switchyard's list can be declared with the `extraLitellmSettings` threshold or suppressed with a reason.",
  example: "litellm_settings:\n  request_timout: 120   # request_timeout",
  run: (context) => unknownKeys(context, "litellm_settings", KNOWN_LITELLM_SETTINGS),
});
