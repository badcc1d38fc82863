/**
 * The one check contract: a check's catalogue fields ({@link CheckSpec}), a generator of findings
 * that may say it does not apply, and one runner ({@link runChecks}, then {@link settleFindings})
 * that applies `.switchyard.yaml`'s severity overrides and suppressions. Consistency's rules and the
 * audit's checks run on it.
 */
export type {
  CheckRunReport,
  CheckSkipReason,
  CheckSpec,
  CheckYield,
  GatheredSuppressions,
  NotApplicable,
  RunChecksOptions,
  SettledFindings,
  SettleOptions,
} from "./contract.js";
export {
  checkCatalogueEntry,
  gatherSuppressions,
  notApplicable,
  runChecks,
  settleFindings,
} from "./contract.js";
