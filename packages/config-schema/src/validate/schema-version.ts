import semver from "semver";
import type { Diagnostic, SourceRange } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { CURRENT_SCHEMA_VERSION, KNOWN_SCHEMA_VERSIONS, SEMVER_PATTERN } from "../schemas/common.js";
import type { YamlSource } from "../yaml/parse.js";

/** What a file's `schema_version` says about whether it can be validated as current. */
export type SchemaVersionStatus =
  | { readonly status: "current"; readonly version: string }
  | { readonly status: "outdated" | "newer" | "unknown"; readonly version: string }
  | { readonly status: "missing" | "invalid" };

/** The value as written in the file (`2.0`), falling back to its JSON form. */
function writtenAs(source: YamlSource, range: SourceRange | undefined, value: unknown): string {
  const written = range ? source.text.slice(range.start.offset, range.end.offset) : "";
  if (written.length > 0 && written.length <= 40 && !written.includes("\n")) return written;
  return JSON.stringify(value) ?? String(value);
}

function readAs(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  return `the ${typeof value} ${String(value)}`;
}

function quoted(value: string): string {
  return JSON.stringify(value.length > 40 ? `${value.slice(0, 37)}...` : value);
}

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
        schemaDiagnostic("SY1020", {
          message: "Missing `schema_version`",
          file,
          path: ["schema_version"],
          ...(range ? { range: { start: range.start, end: range.start } } : {}),
          hint: `Add \`schema_version: "${CURRENT_SCHEMA_VERSION}"\` as the first line (or the version the file was written for, then run \`switchyard migrate --auto\`).`,
        }),
      ],
    };
  }
  const raw = data.schema_version;
  // The common case needs no location (and locating may build the positioned document).
  if (raw === CURRENT_SCHEMA_VERSION)
    return { version: { status: "current", version: raw }, diagnostics: [] };
  const range = source.rangeOf(["schema_version"]);
  const at = range ? { range } : {};
  // semver.valid also refuses numbers beyond Number.MAX_SAFE_INTEGER, which the pattern allows.
  if (typeof raw !== "string" || !SEMVER_PATTERN.test(raw) || semver.valid(raw) === null) {
    return {
      version: { status: "invalid" },
      diagnostics: [
        schemaDiagnostic("SY1021", {
          message:
            typeof raw !== "string"
              ? `schema_version ${writtenAs(source, range, raw)} is not a semantic version string (YAML reads it as ${readAs(raw)})`
              : SEMVER_PATTERN.test(raw)
                ? `schema_version ${quoted(raw)} has numbers too large for a version`
                : `schema_version ${quoted(raw)} is not a semantic version string`,
          file,
          path: ["schema_version"],
          ...at,
          hint:
            typeof raw === "number"
              ? `Quote it and write all three parts: \`schema_version: "${CURRENT_SCHEMA_VERSION}"\`.`
              : `Write \`schema_version: "${CURRENT_SCHEMA_VERSION}"\`.`,
        }),
      ],
    };
  }
  if (raw === CURRENT_SCHEMA_VERSION)
    return { version: { status: "current", version: raw }, diagnostics: [] };
  if (semver.gt(raw, CURRENT_SCHEMA_VERSION)) {
    return {
      version: { status: "newer", version: raw },
      diagnostics: [
        schemaDiagnostic("SY1023", {
          message: `schema_version ${raw} is newer than this Switchyard understands (${CURRENT_SCHEMA_VERSION})`,
          file,
          path: ["schema_version"],
          ...at,
          hint: "Upgrade Switchyard (`npm i -g @switchyard/cli@latest`); the file is left untouched.",
        }),
      ],
    };
  }
  const known = (KNOWN_SCHEMA_VERSIONS as readonly string[]).includes(raw);
  if (known)
    return {
      version: { status: "outdated", version: raw },
      diagnostics: [olderSchemaDiagnostic(file, raw, range, ["schema_version"])],
    };
  return {
    version: { status: "unknown", version: raw },
    diagnostics: [
      schemaDiagnostic("SY1022", {
        message: `schema_version ${raw} is not a version Switchyard knows (${KNOWN_SCHEMA_VERSIONS.join(", ")})`,
        file,
        path: ["schema_version"],
        ...at,
        hint: `Set it to one of ${KNOWN_SCHEMA_VERSIONS.join(", ")}.`,
      }),
    ],
  };
}

/**
 * SY1022 for a file written for an older schema: the one diagnostic such a file gets (it is not
 * validated against a schema it was not written for), "providers.yaml is schema 1.0.0; the current
 * is 2.0.0 — run `switchyard migrate --auto`". Used for `schema_version` here and for the legacy
 * `version:` marker by the validate composition (consistency), so both read the same.
 */
export function olderSchemaDiagnostic(
  file: string,
  version: string,
  range: SourceRange | undefined,
  path: readonly (string | number)[] = [],
): Diagnostic {
  const name = file.slice(Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\")) + 1);
  return schemaDiagnostic("SY1022", {
    message: `${name} is schema ${version}; the current is ${CURRENT_SCHEMA_VERSION} — run \`switchyard migrate --auto\``,
    file,
    ...(path.length > 0 ? { path } : {}),
    ...(range ? { range } : {}),
    hint: "`switchyard migrate --check` shows each file's version and the steps; `--dry-run` shows the changes; `--auto` backs every file up, then upgrades the whole set, keeping comments. Schema errors are not reported for a file until it is migrated.",
  });
}
