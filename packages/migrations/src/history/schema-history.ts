import {
  type ConfigFileKind,
  CURRENT_SCHEMA_VERSION,
  KNOWN_SCHEMA_VERSIONS,
} from "@switchyard/config-schema/schemas";
import semver from "semver";

/** One change a schema version made. */
export interface SchemaChange {
  /** The file kind it concerns, or `all` for every versioned file. */
  readonly file: Exclude<ConfigFileKind, "litellm"> | "all";
  /** The field, in path notation (`providers.<id>.url`). */
  readonly field: string;
  /** What changed, in one sentence. */
  readonly description: string;
  /** A file valid for the previous version can be rejected or read differently: only in a major version. */
  readonly breaking: boolean;
  /** `switchyard migrate` rewrites files for this change (files that do not use the field are unaffected). */
  readonly migration_required: boolean;
  /** Migrating down restores what the upgrade changed; false when information is lost. */
  readonly reversible: boolean;
}

/** One version of the config schema. */
export interface SchemaVersionRecord {
  readonly version: string;
  readonly title: string;
  /** Why the version exists. */
  readonly summary: string;
  /** How a file written for this version says so. */
  readonly marker: string;
  readonly changes: readonly SchemaChange[];
}

/**
 * Every version of the Switchyard config schema, oldest first, with what each changed. This is
 * the data `switchyard migrate --history` and the docs print; the migrations implement it.
 */
export const SCHEMA_HISTORY: readonly SchemaVersionRecord[] = [
  {
    version: "1.0.0",
    title: "Initial schema",
    summary:
      "The first config set: providers with `url` and `enabled`, models as plain names, lenient scalars (quoted ports and `yes`/`no` accepted).",
    marker: 'optional `version: "1.0"`; a file with no version key at all is read as 1.0.0',
    changes: [],
  },
  {
    version: "1.1.0",
    title: "Stricter validation",
    summary:
      "Values that never worked at run time are rejected when the file is validated instead of failing at request time. Every value that did work still validates, after the migration rewrites quoted numbers and yes/no words as real numbers and booleans.",
    marker: '`version: "1.1"` (required)',
    changes: [
      {
        file: "all",
        field: "version",
        description: 'Every file states `version: "1.1"`; a file without it is read as 1.0.0.',
        breaking: false,
        migration_required: true,
        reversible: true,
      },
      {
        file: "providers",
        field: "providers.<id>.type",
        description: "Must be one of the known provider types (an unknown type was never routed).",
        breaking: false,
        migration_required: false,
        reversible: true,
      },
      {
        file: "providers",
        field: "providers.<id>.url",
        description: "Must be an http(s) URL with a host.",
        breaking: false,
        migration_required: false,
        reversible: true,
      },
      {
        file: "providers",
        field: "providers.<id>.enabled",
        description:
          'Must be a boolean; `yes`/`no`/`on`/`off` and quoted `"true"`/`"false"` are rewritten as `true`/`false`.',
        breaking: false,
        migration_required: true,
        reversible: true,
      },
      {
        file: "providers",
        field: "providers.<id>.health_check_interval",
        description:
          'Must be a positive integer (seconds); quoted numbers (`"30"`) are rewritten as numbers.',
        breaking: false,
        migration_required: true,
        reversible: true,
      },
      {
        file: "ports",
        field: "services.<id>.port",
        description:
          'Must be an integer from 1 to 65535; quoted numbers (`"8001"`) are rewritten as numbers.',
        breaking: false,
        migration_required: true,
        reversible: true,
      },
      {
        file: "feature-flags",
        field: "flags.<name>.enabled",
        description: "Must be a boolean; yes/no words and quoted booleans are rewritten.",
        breaking: false,
        migration_required: true,
        reversible: true,
      },
      {
        file: "feature-flags",
        field: "flags.<name>.rollout",
        description: 'Must be a number from 0 to 100; `"50"` and `"50%"` are rewritten as `50`.',
        breaking: false,
        migration_required: true,
        reversible: true,
      },
    ],
  },
  {
    version: "1.2.0",
    title: "Versioning metadata",
    summary:
      "Files carry a full semantic version in `schema_version`, so a file written by a newer Switchyard can be recognised and refused instead of misread.",
    marker: '`schema_version: "1.2.0"`',
    changes: [
      {
        file: "all",
        field: "schema_version",
        description:
          '`version: "1.1"` is replaced, in place, by `schema_version: "1.2.0"` (a semver string).',
        breaking: false,
        migration_required: true,
        reversible: true,
      },
    ],
  },
  {
    version: "2.0.0",
    title: "One active vLLM per host and port; unimplemented fields removed",
    summary:
      "vLLM serves one model per process, so two active vLLM providers on one host and port can never both work; fields that were accepted but never did anything are gone; names line up with LiteLLM's.",
    marker: '`schema_version: "2.0.0"`',
    changes: [
      {
        file: "providers",
        field: "providers.<id>.status",
        description:
          "At most one active `vllm` provider per host and port. The migration keeps the first one listed and disables the others, naming each.",
        breaking: true,
        migration_required: true,
        reversible: false,
      },
      {
        file: "providers",
        field: "providers.<id>.url",
        description: "Renamed `base_url`.",
        breaking: true,
        migration_required: true,
        reversible: true,
      },
      {
        file: "providers",
        field: "providers.<id>.enabled",
        description:
          "Replaced by `status: active | disabled` (`enabled: true` → `status: active`, `false` → `disabled`).",
        breaking: true,
        migration_required: true,
        reversible: true,
      },
      {
        file: "providers",
        field: "providers.<id>.models[]",
        description:
          "Every model is a mapping with a `name`; a plain name `- llama3` becomes `- name: llama3`.",
        breaking: true,
        migration_required: true,
        reversible: true,
      },
      {
        file: "providers",
        field: "providers.<id>.health_check_interval, providers.<id>.priority",
        description:
          "Removed: never implemented (health checks are the proxy's; routing order is model-mappings').",
        breaking: true,
        migration_required: true,
        reversible: false,
      },
      {
        file: "model-mappings",
        field: "fallbacks",
        description: "Renamed `fallback_chains`.",
        breaking: true,
        migration_required: true,
        reversible: true,
      },
      {
        file: "model-mappings",
        field: "routing.timeout",
        description: "Renamed `routing.timeout_seconds`.",
        breaking: true,
        migration_required: true,
        reversible: true,
      },
      {
        file: "model-mappings",
        field: "exact_matches.<name>.cache",
        description: "Removed: never implemented (caching is LiteLLM's `cache_params`).",
        breaking: true,
        migration_required: true,
        reversible: false,
      },
      {
        file: "ports",
        field: "services.<id>.health_check",
        description: "Renamed `health_url`.",
        breaking: true,
        migration_required: true,
        reversible: true,
      },
      {
        file: "ports",
        field: "services.<id>.restart",
        description: "Removed: never implemented (restarts are the supervisor's job).",
        breaking: true,
        migration_required: true,
        reversible: false,
      },
      {
        file: "feature-flags",
        field: "flags.<name>.rollout",
        description: "Renamed `rollout_percentage`.",
        breaking: true,
        migration_required: true,
        reversible: true,
      },
    ],
  },
];

/** A change together with the version that made it. */
export interface VersionedSchemaChange extends SchemaChange {
  readonly version: string;
}

/** Whether `version` is one this Switchyard knows. */
export function isKnownVersion(version: string): boolean {
  return (KNOWN_SCHEMA_VERSIONS as readonly string[]).includes(version);
}

/**
 * Whether files written for schema `a` can be read as schema `b` without a breaking change:
 * same major version (semver). Invalid versions are never compatible.
 */
export function isCompatible(a: string, b: string): boolean {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  if (va === null || vb === null) return false;
  return semver.major(va) === semver.major(vb);
}

/**
 * The breaking changes between two versions, in either direction: every breaking change of the
 * versions after the lower one up to and including the higher one, oldest first.
 */
export function breakingChanges(from: string, to: string): VersionedSchemaChange[] {
  const a = semver.valid(from);
  const b = semver.valid(to);
  if (a === null || b === null) return [];
  const [low, high] = semver.lte(a, b) ? [a, b] : [b, a];
  return SCHEMA_HISTORY.filter((v) => semver.gt(v.version, low) && semver.lte(v.version, high)).flatMap((v) =>
    v.changes.filter((c) => c.breaking).map((c) => ({ ...c, version: v.version })),
  );
}

function flags(change: SchemaChange): string {
  const out = [change.breaking ? "breaking" : "compatible"];
  out.push(change.migration_required ? "migration required" : "no migration");
  if (!change.reversible) out.push("irreversible");
  return out.join(", ");
}

/** The schema history as plain text, newest first (what `switchyard migrate --history` prints). */
export function formatSchemaHistory(history: readonly SchemaVersionRecord[] = SCHEMA_HISTORY): string {
  const lines: string[] = [];
  for (const record of [...history].reverse()) {
    const current = record.version === CURRENT_SCHEMA_VERSION ? " (current)" : "";
    lines.push(
      `${record.version}${current}  ${record.title}`,
      `  ${record.summary}`,
      `  Marker: ${record.marker}`,
    );
    for (const change of record.changes) {
      lines.push(`  - [${change.file}] ${change.field}: ${change.description} (${flags(change)})`);
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}

function cell(text: string): string {
  return text.replace(/\|/g, "\\|");
}

/** The schema history as Markdown, newest first (the docs' table). */
export function formatSchemaHistoryMarkdown(
  history: readonly SchemaVersionRecord[] = SCHEMA_HISTORY,
): string {
  const lines: string[] = [];
  for (const record of [...history].reverse()) {
    const current = record.version === CURRENT_SCHEMA_VERSION ? " (current)" : "";
    lines.push(
      `### ${record.version}${current}: ${record.title}`,
      "",
      record.summary,
      "",
      `Marker: ${record.marker}.`,
      "",
    );
    if (record.changes.length === 0) continue;
    lines.push(
      "| File | Field | Change | Breaking | Migration required | Reversible |",
      "| --- | --- | --- | --- | --- | --- |",
    );
    for (const c of record.changes) {
      const yes = (b: boolean) => (b ? "yes" : "no");
      lines.push(
        `| ${c.file} | \`${cell(c.field)}\` | ${cell(c.description)} | ${yes(c.breaking)} | ${yes(c.migration_required)} | ${yes(c.reversible)} |`,
      );
    }
    lines.push("");
  }
  return `${lines.join("\n").trimEnd()}\n`;
}
