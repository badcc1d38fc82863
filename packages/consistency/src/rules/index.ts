import type { Rule } from "../rule.js";
import { disabledProvider } from "./disabled-provider.js";
import { duplicateDeployment } from "./duplicate-deployment.js";
import { duplicateServicePort } from "./duplicate-service-port.js";
import { exactMatchInPattern } from "./exact-match-in-pattern.js";
import { fallbackCycle } from "./fallback-cycle.js";
import { fallbackDepth } from "./fallback-depth.js";
import { fallbackToSelf } from "./fallback-to-self.js";
import { flagDatesInverted } from "./flag-dates-inverted.js";
import { flagUserInBothLists } from "./flag-user-in-both-lists.js";
import { groupNameCollision } from "./group-name-collision.js";
import { invalidWeight } from "./invalid-weight.js";
import { malformedUrl } from "./malformed-url.js";
import { providerPortMismatch } from "./provider-port-mismatch.js";
import { serviceDependencyCycle } from "./service-dependency-cycle.js";
import { shadowedPattern } from "./shadowed-pattern.js";
import { sharedProviderPort } from "./shared-provider-port.js";
import { unknownFallback } from "./unknown-fallback.js";
import { unknownModel } from "./unknown-model.js";
import { unknownProvider } from "./unknown-provider.js";
import { unknownServiceDependency } from "./unknown-service-dependency.js";
import { unregisteredProviderPort } from "./unregistered-provider-port.js";
import { urlCredentials } from "./url-credentials.js";
import { urlPath } from "./url-path.js";

/** Every cross-file rule, in code order. Adding a rule: one file in `src/rules/` and one line here. */
export const rules = [
  unknownProvider,
  disabledProvider,
  unknownModel,
  unknownFallback,
  fallbackToSelf,
  fallbackCycle,
  fallbackDepth,
  duplicateServicePort,
  providerPortMismatch,
  unregisteredProviderPort,
  sharedProviderPort,
  malformedUrl,
  urlCredentials,
  urlPath,
  shadowedPattern,
  exactMatchInPattern,
  invalidWeight,
  groupNameCollision,
  duplicateDeployment,
  unknownServiceDependency,
  serviceDependencyCycle,
  flagUserInBothLists,
  flagDatesInverted,
] as const satisfies readonly Rule[];

/** The codes of the cross-file rules (SY20xx), as a literal union. */
export type RuleId = (typeof rules)[number]["id"];
