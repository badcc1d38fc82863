/**
 * `@switchyard/config-schema/checks`: the one check contract: a check's catalogue fields ({@link CheckSpec}), a generator of findings
 * that may say it does not apply, and one runner ({@link runChecks}, then {@link settleFindings})
 * that applies `.switchyard.yaml`'s severity overrides and suppressions. Consistency's rules and the
 * audit's checks run on it.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
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
} from "../checks/contract.js";
export {
  checkCatalogueEntry,
  gatherSuppressions,
  notApplicable,
  runChecks,
  settleFindings,
} from "../checks/contract.js";
