import { entriesOf, field, listOf, numberField, stringField } from "@switchyard/config-schema/data";
import { windowEnd } from "@switchyard/config-schema/dates";
import type { FindingDraft } from "../../types.js";
import { dataOf, defineCheck, notApplicable, parsedFile, ran } from "../define.js";

const DAY_MS = 86_400_000;

/** `on` or `off` when the flag gives every user the same answer, else `undefined`. */
function fullState(flag: unknown): "on" | "off" | undefined {
  if (field(flag, "enabled") === false) return "off";
  if (field(flag, "enabled") !== true) return undefined;
  const rollout = numberField(flag, "rollout_percentage") ?? 100;
  if (rollout <= 0 && listOf(field(flag, "whitelist")).length === 0) return "off";
  if (rollout >= 100 && listOf(field(flag, "blacklist")).length === 0) return "on";
  return undefined;
}

/** SY5406: a flag past its end date, or fully on or off and unchanged for longer than the threshold. */
export const staleFlag = defineCheck({
  id: "SY5406",
  name: "stale-flag",
  category: "completeness",
  severity: "low",
  title: "A feature flag is stale.",
  cause:
    "A flag past its `end_date` (exclusive; a plain date includes that whole UTC day, as in evaluation) is off for everyone; a flag fully on (100 %, no blacklist) or fully off and unchanged for more than `staleFlagDays` (90) days no longer decides anything. Either way it is dead configuration that still costs a branch in code and a line in every review. The age comes from the flag history (`.switchyard/flag-history.jsonl`) when there is one.",
  fix: "Remove the flag and the code paths it guards (keeping the winning one), or give it a new `end_date` if the experiment really continues.",
  example: "flags:\n  new-router:\n    enabled: true\n    end_date: 2024-01-31   # past",
  run(context) {
    const file = parsedFile(context, "feature-flags");
    if (!file) return notApplicable("no feature-flags.yaml");
    const flags = entriesOf(dataOf(file).flags);
    if (flags.length === 0) return notApplicable("feature-flags.yaml declares no flag");
    const now = context.now.getTime();
    const history = context.facts.flagHistory;
    const findings: FindingDraft[] = [];
    for (const [name, flag] of flags) {
      const end = stringField(flag, "end_date");
      const endAt = windowEnd(end);
      if (endAt !== undefined && endAt <= now) {
        findings.push({
          file,
          path: ["flags", name, "end_date"],
          message: `Flag '${name}' ended on ${end} and is off for everyone`,
        });
        continue;
      }
      const state = fullState(flag);
      if (state === undefined || history.status !== "present") continue;
      const changed = history.lastChange.get(name);
      if (changed === undefined) continue;
      const days = Math.floor((now - changed.getTime()) / DAY_MS);
      if (days <= context.thresholds.staleFlagDays) continue;
      findings.push({
        file,
        path: ["flags", name],
        message: `Flag '${name}' has been fully ${state} and unchanged for ${days} days (since ${changed.toISOString().slice(0, 10)})`,
      });
    }
    return ran(findings);
  },
});
