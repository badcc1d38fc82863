import type { Diagnostic, YamlPath } from "@switchyard/config-schema/diagnostics";
import {
  CONFIG_FILES,
  CURRENT_SCHEMA_VERSION,
  KNOWN_SCHEMA_VERSIONS,
  kindOfFileName,
} from "@switchyard/config-schema/schemas";
import { redactDiff, type UnifiedDiff, unifiedDiff } from "@switchyard/config-schema/text";
import { YamlEditError, type YamlEditor } from "@switchyard/config-schema/yaml";
import semver from "semver";
import type { YAMLMap } from "yaml";
import { migrationsDiagnostic } from "../catalogue.js";
import { defaultRegistry, type MigrationRegistry, type MigrationStep } from "../migrations/registry.js";
import type { MigratedKind, MigrationContext } from "../migrations/types.js";
import { type DetectedVersion, detectVersion, type VersionMarker } from "../versions/detect.js";
import { MARKER_ONLY_STEPS } from "../versions/legacy-schemas.js";
import { writeVersionMarker } from "../versions/marker.js";
import { originalRange, validateAtVersion } from "../versions/validate.js";
import { documentData, parseForMigration } from "../yaml/load.js";

/** The file kinds a migration touches, in the order they are processed and reported. */
export const MIGRATED_KINDS: readonly MigratedKind[] = [
  "providers",
  "model-mappings",
  "ports",
  "feature-flags",
];

/** One step as reported: versions, direction and what it does. */
export interface StepSummary {
  readonly from: string;
  readonly to: string;
  readonly direction: "up" | "down";
  readonly description: string;
}

/** Told to {@link MigrateTextsOptions.afterStep} after each step of each file. */
export interface StepEvent extends StepSummary {
  readonly fileName: string;
  readonly kind: MigratedKind;
}

/** A value a migration removed (kept in the history record). */
export interface RemovedValue {
  readonly file: string;
  readonly path: YamlPath;
  readonly value: unknown;
}

/** What happened (or would happen) to one file. */
export interface FileMigration {
  /** File name inside the config directory, e.g. `providers.yaml`. */
  readonly fileName: string;
  readonly kind: MigratedKind;
  /** The version the file is written for. */
  readonly from: string;
  /** How that version was told: `schema_version`, legacy `version`, or no marker (1.0.0). */
  readonly marker: VersionMarker;
  /** The target version. */
  readonly to: string;
  /** The versions the file passes through, `from` first (just `[from]` when it is current). */
  readonly versions: readonly string[];
  readonly steps: readonly StepSummary[];
  /** Whether the text changes. */
  readonly changed: boolean;
  readonly before: string;
  readonly after: string;
  /** Unified diff from `before` to `after` (when asked for and changed); `too-large` beyond the edit limit. */
  readonly diff?: UnifiedDiff;
}

/** Options of {@link migrateConfigTexts}. */
export interface MigrateTextsOptions {
  /** Target version: a known version, `1.2` for `1.2.0`, or `current`/`latest` (the default). */
  readonly to?: string;
  /** The migrations to use (default: the built-in ones). */
  readonly registry?: MigrationRegistry;
  /** Compute a unified diff per changed file. */
  readonly diff?: boolean;
  /** Called after each validated step; throwing aborts the whole run (how tests inject a failure). */
  readonly afterStep?: (event: StepEvent) => void;
}

/** The outcome of migrating a config set held in memory. */
export interface TextMigration {
  /** False when anything failed or was refused: then nothing may be written. */
  readonly ok: boolean;
  /** `current`: nothing to do; `outdated`: some file changes; `failed`/`refused`: see diagnostics. */
  readonly status: "current" | "outdated" | "failed" | "refused";
  readonly target: string;
  /** The set's version when all files share one, `mixed` otherwise (`none` for an empty set). */
  readonly from: string;
  readonly files: readonly FileMigration[];
  /** What the steps did that the user should know (SY3020 disabled providers, SY3021 removed fields, ...). */
  readonly notes: readonly Diagnostic[];
  /** Errors and refusals. */
  readonly diagnostics: readonly Diagnostic[];
  readonly removed: readonly RemovedValue[];
  /** The step that failed, when one did. */
  readonly failedStep?: { readonly fileName: string; readonly from: string; readonly to: string };
}

/**
 * Resolve a target version: `current`, `latest` or nothing mean the current schema; `1.2` means
 * `1.2.0`. Unknown versions are an SY3005 error listing the known ones.
 */
export function resolveTargetVersion(
  to: string | undefined,
  registry: MigrationRegistry = defaultRegistry,
): { ok: true; version: string } | { ok: false; diagnostic: Diagnostic } {
  const known = [...new Set([...KNOWN_SCHEMA_VERSIONS, ...registry.versions])];
  if (to === undefined || to === "current" || to === "latest")
    return { ok: true, version: CURRENT_SCHEMA_VERSION };
  const wanted = to.trim().replace(/^v/, "");
  if (known.includes(wanted)) return { ok: true, version: wanted };
  const coerced = /^\d+(\.\d+){0,2}$/.test(wanted) ? semver.coerce(wanted)?.version : undefined;
  if (coerced !== undefined && known.includes(coerced)) return { ok: true, version: coerced };
  const newer = coerced !== undefined && semver.gt(coerced, CURRENT_SCHEMA_VERSION);
  return {
    ok: false,
    diagnostic: migrationsDiagnostic("SY3005", {
      message: `Unknown target schema version '${to}'${newer ? `: this Switchyard knows versions up to ${CURRENT_SCHEMA_VERSION}` : ""}`,
      hint: `Use one of ${known.join(", ")} (or \`--auto\` for ${CURRENT_SCHEMA_VERSION}).`,
    }),
  };
}

function versionDiagnostic(
  fileName: string,
  detected: Exclude<DetectedVersion, { status: "known" }>,
): Diagnostic {
  const key = detected.marker === "none" ? "schema_version" : detected.marker;
  if (detected.status === "newer") {
    return migrationsDiagnostic("SY3001", {
      message: `${fileName} is written for schema ${detected.version}, newer than this Switchyard knows (${CURRENT_SCHEMA_VERSION}); nothing was changed`,
      file: fileName,
      path: [key],
      hint: "Upgrade Switchyard (`npm i -g @switchyard/cli@latest`) before migrating this config set.",
    });
  }
  if (detected.status === "unknown") {
    return migrationsDiagnostic("SY3002", {
      message: `${fileName} says schema ${detected.version}, which is not a version Switchyard ever had (${KNOWN_SCHEMA_VERSIONS.join(", ")})`,
      file: fileName,
      path: [key],
      hint: "Correct the version to the one the file was written for.",
    });
  }
  return migrationsDiagnostic("SY3003", {
    message: `${fileName} has an unreadable ${key}: ${JSON.stringify(detected.raw)}`,
    file: fileName,
    path: [key],
    hint:
      key === "schema_version"
        ? `Write a quoted semver string, e.g. \`schema_version: "${CURRENT_SCHEMA_VERSION}"\`.`
        : 'Legacy files say `version: "1.0"` or `version: "1.1"`; from 1.2.0 on files say `schema_version: "1.2.0"`.',
  });
}

/** The data of the root mapping after a marker-only step: the previous values, the new marker. */
function withMarker(
  previous: Record<string, unknown>,
  editor: YamlEditor,
  root: YAMLMap,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key] of editor.entries(root)) {
    const value = key === "version" || key === "schema_version" ? editor.scalar(root, key) : previous[key];
    Object.defineProperty(out, key, { value, enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** Whether the version marker now says `version`; an SY3006 error naming the step otherwise. */
function markerProblems(
  data: Record<string, unknown>,
  version: string,
  file: string,
  step: string,
): Diagnostic[] {
  const detected = detectVersion(data);
  if (detected.status === "known" && detected.version === version) return [];
  return [
    migrationsDiagnostic("SY3006", {
      message: `After step ${step}, ${file} is not valid: its version marker does not say ${version}`,
      file,
      hint: "This is a bug in the migration: please report it with the file attached.",
    }),
  ];
}

function stepLabel(step: { from: string; to: string }): string {
  return `${step.from} → ${step.to}`;
}

function summary(step: MigrationStep): StepSummary {
  return { from: step.from, to: step.to, direction: step.direction, description: step.description };
}

interface Prepared {
  readonly fileName: string;
  readonly kind: MigratedKind;
  readonly before: string;
  readonly bom: string;
  readonly detected: Extract<DetectedVersion, { status: "known" }>;
  readonly parsed: Extract<ReturnType<typeof parseForMigration>, { ok: true }>["file"];
}

/**
 * Migrate a config set held in memory (file name → text) to a target version, computing every
 * step of every file and validating each against its target schema. Pure: reads and writes no
 * files. Files of unknown names and the generated `litellm-unified.yaml` are ignored. Never
 * throws on bad input: problems are diagnostics, and then `ok` is false and nothing should be
 * written.
 */
export function migrateConfigTexts(
  texts: Readonly<Record<string, string>>,
  options: MigrateTextsOptions = {},
): TextMigration {
  const registry = options.registry ?? defaultRegistry;
  const diagnostics: Diagnostic[] = [];
  const target = resolveTargetVersion(options.to, registry);
  const targetVersion = target.ok ? target.version : (options.to ?? CURRENT_SCHEMA_VERSION);
  const empty = { target: targetVersion, files: [], notes: [], removed: [] };
  if (!target.ok)
    return { ok: false, status: "failed", from: "none", ...empty, diagnostics: [target.diagnostic] };

  const prepared: Prepared[] = [];
  let refused = false;
  for (const kind of MIGRATED_KINDS) {
    const fileName = CONFIG_FILES[kind].fileName;
    const raw = texts[fileName];
    if (raw === undefined || kindOfFileName(fileName) !== kind) continue;
    const bom = raw.charCodeAt(0) === 0xfeff ? "\uFEFF" : "";
    const text = bom ? raw.slice(1) : raw;
    const parsed = parseForMigration(text, fileName);
    if (!parsed.ok) {
      for (const item of parsed.diagnostics) diagnostics.push(item);
      continue;
    }
    const detected = detectVersion(parsed.file.markers);
    if (detected.status !== "known") {
      refused ||= detected.status === "newer";
      const d = versionDiagnostic(fileName, detected);
      const range = d.path ? originalRange(parsed.file.editor, d.path) : undefined;
      diagnostics.push(range ? { ...d, range } : d);
      continue;
    }
    prepared.push({ fileName, kind, before: raw, bom, detected, parsed: parsed.file });
  }
  const versions = [...new Set(prepared.map((p) => p.detected.version))];
  const from = versions.length === 0 ? "none" : versions.length === 1 ? versions[0]! : "mixed";
  if (diagnostics.length > 0) {
    return { ok: false, status: refused ? "refused" : "failed", from, ...empty, diagnostics };
  }
  if (prepared.length === 0) {
    return {
      ok: false,
      status: "failed",
      from,
      ...empty,
      diagnostics: [
        migrationsDiagnostic("SY3010", {
          message:
            "No config files to migrate (providers.yaml, model-mappings.yaml, ports.yaml, feature-flags.yaml)",
          hint: "Point `--config-dir` at the directory that holds the config set.",
        }),
      ],
    };
  }

  const notes: Diagnostic[] = [];
  const removed: RemovedValue[] = [];
  const files: FileMigration[] = [];
  const irreversibleNoted = new Set<string>();
  for (const file of prepared) {
    const { fileName, kind, parsed } = file;
    const { editor } = parsed;
    const path = registry.findPath(file.detected.version, targetVersion);
    if (!path.ok) {
      return {
        ok: false,
        status: "failed",
        from,
        ...empty,
        diagnostics: [{ ...path.diagnostic, file: fileName }],
      };
    }
    const root = editor.root!;
    const context: MigrationContext = {
      kind,
      file: fileName,
      editor,
      document: editor.document,
      root,
      note(note) {
        const range = note.path ? originalRange(editor, note.path, "key") : undefined;
        notes.push({
          code: note.code,
          severity: note.severity ?? "info",
          message: note.message,
          file: fileName,
          ...(note.path ? { path: note.path } : {}),
          ...(range ? { range } : {}),
          ...(note.hint !== undefined ? { hint: note.hint } : {}),
        });
      },
      removed(at, value) {
        removed.push({ file: fileName, path: at, value });
      },
    };
    let data: Record<string, unknown> | undefined;
    let validatedBefore = false;
    for (const step of path.steps) {
      const label = stepLabel(step);
      const fail = (diagnostic: Diagnostic): TextMigration => ({
        ok: false,
        status: "failed",
        from,
        ...empty,
        diagnostics: [diagnostic],
        failedStep: { fileName, from: step.from, to: step.to },
      });
      let edited = true;
      try {
        const revision = editor.revision;
        step.transform(context);
        edited = editor.revision !== revision;
        writeVersionMarker(editor, root, step.to);
      } catch (error) {
        const reason = error instanceof Error ? error.message : String(error);
        return fail(
          migrationsDiagnostic("SY3007", {
            message: `Step ${label} failed for ${fileName}: ${reason}`,
            file: fileName,
            hint:
              error instanceof YamlEditError
                ? "The file uses a YAML construct this step cannot edit in place; edit that part by hand to the target version's form."
                : "This is a bug in the migration: please report it with the file attached.",
          }),
        );
      }
      // A step that only rewrote the version marker leaves the rest of the data as it was; between
      // schemas that differ only in the marker, the data validated before is still valid.
      data = edited || data === undefined ? documentData(editor.document) : withMarker(data, editor, root);
      const markerOnly = !edited && validatedBefore && MARKER_ONLY_STEPS.has(`${step.from}>${step.to}`);
      const problems = markerOnly
        ? markerProblems(data, step.to, fileName, label)
        : validateAtVersion(step.to, kind, data, fileName, label, editor);
      validatedBefore = true;
      if (problems.length > 0) {
        return { ...fail(problems[0]!), diagnostics: problems };
      }
      try {
        options.afterStep?.({ fileName, kind, ...summary(step) });
      } catch (error) {
        return fail(
          migrationsDiagnostic("SY3007", {
            message: `Step ${label} failed for ${fileName}: ${error instanceof Error ? error.message : String(error)}`,
            file: fileName,
          }),
        );
      }
      if (step.direction === "down" && step.irreversible !== undefined && !irreversibleNoted.has(label)) {
        irreversibleNoted.add(label);
        notes.push(
          migrationsDiagnostic("SY3022", {
            message: `Step ${label} cannot undo everything: ${step.irreversible}`,
            hint: "To get back the exact files from before an upgrade, use `switchyard migrate rollback`.",
          }),
        );
      }
    }
    let after: string;
    try {
      after = file.bom + editor.render();
    } catch (error) {
      return {
        ok: false,
        status: "failed",
        from,
        ...empty,
        diagnostics: [
          migrationsDiagnostic("SY3007", {
            message: `Writing the migrated ${fileName} failed: ${error instanceof Error ? error.message : String(error)}`,
            file: fileName,
          }),
        ],
      };
    }
    const changed = after !== file.before;
    const diff =
      options.diff && changed
        ? // Printed by --dry-run and returned as data: secrets in the lines are redacted.
          redactDiff(
            unifiedDiff(file.before, after, { oldLabel: `a/${fileName}`, newLabel: `b/${fileName}` }),
          )
        : undefined;
    files.push({
      fileName,
      kind,
      from: file.detected.version,
      marker: file.detected.marker,
      to: targetVersion,
      versions: [file.detected.version, ...path.steps.map((s) => s.to)],
      steps: path.steps.map(summary),
      changed,
      before: file.before,
      after,
      ...(diff !== undefined ? { diff } : {}),
    });
  }
  const status = files.some((f) => f.changed) ? "outdated" : "current";
  return { ok: true, status, target: targetVersion, from, files, notes, diagnostics: [], removed };
}
