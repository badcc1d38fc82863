import type { Migration } from "./types.js";

/**
 * 1.1.0 → 1.2.0, versioning metadata: `version: "1.1"` becomes `schema_version: "1.2.0"` in
 * place. That is exactly the marker the engine writes after every step, so neither direction has
 * anything else to do.
 */
export const v1_1_0ToV1_2_0: Migration = {
  from: "1.1.0",
  to: "1.2.0",
  description: 'Versioning metadata: `version: "1.1"` replaced in place by `schema_version: "1.2.0"`.',
  up: () => undefined,
  down: () => undefined,
};
