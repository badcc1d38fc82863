import semver from "semver";

// detectVersion lives in config-schema (validation recognises legacy files with it too); these
// helpers are the migration engine's own.
export type { DetectedVersion, VersionMarker } from "@switchyard/config-schema/load";
export { detectVersion } from "@switchyard/config-schema/load";

/** The value a legacy (pre-1.2.0) file writes in `version:` for a schema version. */
export function legacyMarkerValue(version: string): string | undefined {
  if (version === "1.0.0") return "1.0";
  if (version === "1.1.0") return "1.1";
  return undefined;
}

/** Whether a schema version uses the `schema_version` key (1.2.0 and later) rather than `version`. */
export function usesSchemaVersionKey(version: string): boolean {
  return semver.gte(version, "1.2.0");
}
