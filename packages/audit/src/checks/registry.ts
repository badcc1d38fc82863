import type { AuditCheck } from "../types.js";
import { configInvalid } from "./completeness/config-invalid.js";
import { configUnreadable } from "./completeness/config-unreadable.js";
import { providerWithoutModels } from "./completeness/provider-without-models.js";
import { requiredFileMissing } from "./completeness/required-file-missing.js";
import { serviceWithoutHealthUrl } from "./completeness/service-without-health-url.js";
import { staleFlag } from "./completeness/stale-flag.js";
import { unroutedProvider } from "./completeness/unrouted-provider.js";
import { generatedFileModified } from "./compliance/generated-file-modified.js";
import { noBackups } from "./compliance/no-backups.js";
import { noMigrationHistory } from "./compliance/no-migration-history.js";
import { notVersionControlled } from "./compliance/not-version-controlled.js";
import { schemaVersionOutdated } from "./compliance/schema-version-outdated.js";
import { unverifiableBackup } from "./compliance/unverifiable-backup.js";
import { sharedRedis } from "./litellm/shared-redis.js";
import { storeModelInDb } from "./litellm/store-model-in-db.js";
import { unknownLitellmSetting, unknownRouterSetting } from "./litellm/unknown-settings.js";
import { noCache } from "./performance/no-cache.js";
import { noFallbacks } from "./performance/no-fallbacks.js";
import { retriesExcessive } from "./performance/retries-excessive.js";
import { singleDeploymentHotModel } from "./performance/single-deployment-hot-model.js";
import { timeoutsExtreme } from "./performance/timeouts-extreme.js";
import { timeoutsMissing } from "./performance/timeouts-missing.js";
import { highEntropySecret } from "./security/high-entropy-secret.js";
import { knownFormatSecret } from "./security/known-format-secret.js";
import { literalCredential } from "./security/literal-credential.js";
import { noMasterKey } from "./security/no-master-key.js";
import { openGateway } from "./security/open-gateway.js";
import { plainHttpRemote } from "./security/plain-http-remote.js";
import { redisWithoutPassword } from "./security/redis-without-password.js";
import { secretInUrl } from "./security/secret-in-url.js";

/**
 * Every audit check, in id order. Ids are stable and never reused: a retired check keeps its id
 * reserved (list it in RETIRED_CHECK_IDS).
 */
export const AUDIT_CHECKS = [
  knownFormatSecret,
  highEntropySecret,
  literalCredential,
  noMasterKey,
  plainHttpRemote,
  openGateway,
  redisWithoutPassword,
  secretInUrl,
  notVersionControlled,
  noBackups,
  unverifiableBackup,
  noMigrationHistory,
  schemaVersionOutdated,
  generatedFileModified,
  noCache,
  timeoutsMissing,
  timeoutsExtreme,
  noFallbacks,
  singleDeploymentHotModel,
  retriesExcessive,
  requiredFileMissing,
  configInvalid,
  providerWithoutModels,
  unroutedProvider,
  serviceWithoutHealthUrl,
  staleFlag,
  configUnreadable,
  storeModelInDb,
  sharedRedis,
  unknownRouterSetting,
  unknownLitellmSetting,
] as const satisfies readonly AuditCheck[];

/** The ids of the audit checks (SY51xx–SY55xx), as a literal union. */
export type AuditCheckId = (typeof AUDIT_CHECKS)[number]["id"];

/** Ids of checks that were removed; they are never given to a new check. */
export const RETIRED_CHECK_IDS: readonly string[] = [];
