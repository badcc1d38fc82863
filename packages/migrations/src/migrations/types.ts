import type { Diagnostic, YamlPath } from "@switchyard/config-schema/diagnostics";
import type { YamlEditor } from "@switchyard/config-schema/yaml";
import type { Document, YAMLMap } from "yaml";

/** The file kinds that carry a schema version and are migrated. */
export type MigratedKind = "providers" | "model-mappings" | "ports" | "feature-flags";

/** What a note of a migration carries (the engine adds the file and the position). */
export interface MigrationNoteInput {
  readonly code: string;
  readonly severity?: Diagnostic["severity"];
  readonly message: string;
  /** Where in the file the note points (resolved against the original text). */
  readonly path?: YamlPath;
  readonly hint?: string;
}

/** What a migration step works on: one file of the set. */
export interface MigrationContext {
  readonly kind: MigratedKind;
  /** The file's display path, for messages. */
  readonly file: string;
  /** Edits that keep everything outside the edited nodes byte for byte. */
  readonly editor: YamlEditor;
  /** The yaml Document (read it; change it through {@link editor}). */
  readonly document: Document.Parsed;
  /** The top-level mapping. */
  readonly root: YAMLMap;
  /** Tell the user about something the step did (a provider disabled, a field removed). */
  note(note: MigrationNoteInput): void;
  /** Record a value the step removed, so the history keeps it. */
  removed(path: YamlPath, value: unknown): void;
}

/** One direction of a migration, applied to each file of the set in turn. */
export type MigrationTransform = (context: MigrationContext) => void;

/**
 * A step between two adjacent schema versions. `up` goes from `from` to `to`; `down`, where the
 * change can be undone, goes back. The engine writes the version marker (`version` or
 * `schema_version`) itself after each step, so transforms never touch it.
 */
export interface Migration {
  readonly from: string;
  readonly to: string;
  readonly description: string;
  readonly up: MigrationTransform;
  readonly down?: MigrationTransform;
  /**
   * When `down` cannot restore everything `up` changed (or there is no `down`): what is lost.
   * Printed whenever the step is taken downward.
   */
  readonly irreversible?: string;
}
