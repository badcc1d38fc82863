import semver from "semver";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { CURRENT_SCHEMA_VERSION, KNOWN_SCHEMA_VERSIONS, SEMVER_PATTERN } from "../schemas/common.js";
import type { YamlSource } from "../yaml/parse.js";

/** What a file's `schema_version` says about whether it can be validated as current. */
export type SchemaVersionStatus =
  | { readonly status: "current"; readonly version: string }
  | { readonly status: "outdated" | "newer" | "unknown"; readonly version: string }
  | { readonly status: "missing" | "invalid" };

/** Read and judge a file's `schema_version`; returns the status and any diagnostic. */
export function checkSchemaVersion(
  source: YamlSource,
  required: boolean,
): { version: SchemaVersionStatus; diagnostics: Diagnostic[] } {
  const data = source.data as Record<string, unknown>;
  const file = source.file;
  if (!Object.hasOwn(data, "schema_version")) {
    if (!required) return { version: { status: "missing" }, diagnostics: [] };
    const range = source.rangeOf([]);
    return {
      version: { status: "missing" },
      diagnostics: [
        {
          code: "SY1020",
          severity: "error",
          message: "Missing `schema_version`",
          file,
          path: ["schema_version"],
          ...(range ? { range: { start: range.start, end: range.start } } : {}),
          hint: `Add \`schema_version: "${CURRENT_SCHEMA_VERSION}"\` as the first line (or the version the file was written for, then run \`switchyard migrate --auto\`).`,
        },
      ],
    };
  }
  const raw = data.schema_version;
  const range = source.rangeOf(["schema_version"]);
  const at = range ? { range } : {};
  if (typeof raw !== "string" || !SEMVER_PATTERN.test(raw)) {
    return {
      version: { status: "invalid" },
      diagnostics: [
        {
          code: "SY1021",
          severity: "error",
          message: `schema_version ${JSON.stringify(raw)} is not a semantic version string`,
          file,
          path: ["schema_version"],
          ...at,
          hint:
            typeof raw === "number"
              ? `Quote it: YAML reads an unquoted ${String(raw)} as a number. Write \`schema_version: "${CURRENT_SCHEMA_VERSION}"\`.`
              : `Write \`schema_version: "${CURRENT_SCHEMA_VERSION}"\`.`,
        },
      ],
    };
  }
  if (raw === CURRENT_SCHEMA_VERSION) return { version: { status: "current", version: raw }, diagnostics: [] };
  if (semver.gt(raw, CURRENT_SCHEMA_VERSION)) {
    return {
      version: { status: "newer", version: raw },
      diagnostics: [
        {
          code: "SY1023",
          severity: "error",
          message: `schema_version ${raw} is newer than this Switchyard understands (${CURRENT_SCHEMA_VERSION})`,
          file,
          path: ["schema_version"],
          ...at,
          hint: "Upgrade Switchyard (`npm i -g @switchyard/cli@latest`); the file is left untouched.",
        },
      ],
    };
  }
  const known = (KNOWN_SCHEMA_VERSIONS as readonly string[]).includes(raw);
  return {
    version: { status: known ? "outdated" : "unknown", version: raw },
    diagnostics: [
      {
        code: "SY1022",
        severity: "error",
        message: known
          ? `schema_version ${raw} is older than the current ${CURRENT_SCHEMA_VERSION}`
          : `schema_version ${raw} is not a version Switchyard knows (${KNOWN_SCHEMA_VERSIONS.join(", ")})`,
        file,
        path: ["schema_version"],
        ...at,
        hint: known
          ? `Run \`switchyard migrate --auto\` to upgrade the whole config set to ${CURRENT_SCHEMA_VERSION}.`
          : `Set it to one of ${KNOWN_SCHEMA_VERSIONS.join(", ")}.`,
      },
    ],
  };
}
