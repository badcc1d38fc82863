import semver from "semver";
import { CURRENT_SCHEMA_VERSION, KNOWN_SCHEMA_VERSIONS, SEMVER_PATTERN } from "../schemas/common.js";

/** Which key told a file's schema version. */
export type VersionMarker = "schema_version" | "version" | "none";

/** The outcome of reading a file's schema version. */
export type DetectedVersion =
  | { readonly status: "known"; readonly version: string; readonly marker: VersionMarker }
  | { readonly status: "newer"; readonly version: string; readonly marker: VersionMarker }
  | { readonly status: "unknown"; readonly version: string; readonly marker: VersionMarker }
  | { readonly status: "invalid"; readonly raw: unknown; readonly marker: VersionMarker };

/** The legacy `version:` values (before 1.2.0) and the schema versions they mean. */
const LEGACY_MARKERS: ReadonlyMap<string, string> = new Map([
  ["1", "1.0.0"],
  ["1.0", "1.0.0"],
  ["1.0.0", "1.0.0"],
  ["1.1", "1.1.0"],
  ["1.1.0", "1.1.0"],
]);

function judge(version: string, marker: VersionMarker): DetectedVersion {
  if ((KNOWN_SCHEMA_VERSIONS as readonly string[]).includes(version))
    return { status: "known", version, marker };
  if (semver.gt(version, CURRENT_SCHEMA_VERSION)) return { status: "newer", version, marker };
  return { status: "unknown", version, marker };
}

/**
 * Read the schema version of a config file's data:
 *
 * 1. `schema_version` (1.2.0 and later) must be a semver string (`"2.0.0"`); a newer version than
 *    this Switchyard knows is reported as `newer`, an unlisted older one as `unknown`.
 * 2. Otherwise the legacy `version` key (1.0.0 and 1.1.0): `"1.0"`, `1`, `1.0` or `"1.0.0"` mean
 *    1.0.0; `"1.1"`, `1.1` or `"1.1.0"` mean 1.1.0. Any other value is `invalid` — or `newer`
 *    when it names a later major (a `version: 2` file was not written by any Switchyard).
 * 3. A file with neither key is 1.0.0, the only version where the marker was optional.
 */
export function detectVersion(data: Record<string, unknown>): DetectedVersion {
  if (Object.hasOwn(data, "schema_version")) {
    const raw = data.schema_version;
    if (typeof raw !== "string" || !SEMVER_PATTERN.test(raw))
      return { status: "invalid", raw, marker: "schema_version" };
    return judge(raw, "schema_version");
  }
  if (Object.hasOwn(data, "version")) {
    const raw = data.version;
    const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw.trim() : undefined;
    const version = text === undefined ? undefined : LEGACY_MARKERS.get(text);
    if (version !== undefined) return { status: "known", version, marker: "version" };
    const coerced = text === undefined ? null : semver.coerce(text);
    if (coerced && semver.gt(coerced.version, CURRENT_SCHEMA_VERSION))
      return { status: "newer", version: text!, marker: "version" };
    return { status: "invalid", raw, marker: "version" };
  }
  return { status: "known", version: "1.0.0", marker: "none" };
}
