import type { DoctorCheckDefinition } from "../context.js";
import { audit } from "./audit.js";
import { backups } from "./backups.js";
import { consistency } from "./consistency.js";
import { generated } from "./generated.js";
import { gateway, providers, redis } from "./health-checks.js";
import { ports } from "./ports.js";
import { schema } from "./schema.js";
import { schemaVersion } from "./schema-version.js";
import { yamlSyntax } from "./yaml-syntax.js";

/**
 * Every check of `switchyard doctor`, in the order they are reported: the files, then the
 * generated config, then the live stack, then the slower judgements.
 */
export const DOCTOR_CHECKS: readonly DoctorCheckDefinition[] = [
  yamlSyntax,
  schema,
  consistency,
  schemaVersion,
  generated,
  ports,
  providers,
  gateway,
  redis,
  backups,
  audit,
];
