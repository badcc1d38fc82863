import { dirname, join } from "node:path";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { readBoundedFile, utf8Text } from "../fs/read-file.js";
import { parseGeneratedHeader } from "../generated/header.js";
import { loadConfigText } from "../load.js";
import { kindOfFileName } from "../schemas/files.js";
import { sha256 } from "../text/hash.js";
import { plural } from "../text/plural.js";
import { parseYaml } from "../yaml/parse.js";
import { type BackupInfo, backupMaxBytes } from "./backup-file.js";

/** What {@link verifyBackup} found about one backup. */
export interface BackupVerification {
  /** The backup's file name. */
  readonly name: string;
  /** The backup's path as shown, which its diagnostics name. */
  readonly file: string;
  readonly ok: boolean;
  /** One sentence per problem, for the summary; empty when ok. */
  readonly problems: readonly string[];
  /**
   * What is worth knowing about a restorable backup, one sentence each: a generated file's backup
   * that was edited by hand (or never generated) — `generate --force` keeps exactly such a copy so the
   * edits can be brought back, so it is restorable, not broken.
   */
  readonly notes: readonly string[];
  /** The errors (and warnings) of parsing and validating it, located in the backup. */
  readonly diagnostics: readonly Diagnostic[];
  /** The backup's text, for code frames (undefined when it could not be read). */
  readonly text?: string;
}

/** Options of {@link verifyBackup}. */
export interface VerifyBackupOptions {
  /**
   * Largest backup read, in bytes; default {@link backupMaxBytes} of the file it backs up (twice
   * the file's size now, never less than `DEFAULT_MAX_BYTES`). A larger backup cannot be read: a problem.
   */
  readonly maxBytes?: number;
}

/**
 * Check that a backup of `baseName` (e.g. `providers.yaml`) could be restored: it is a regular file
 * (never a symlink followed, a FIFO or a device read; size-capped), it parses as YAML, validates
 * against the schema of its kind (just parses for a file of no known kind). It is read up to
 * `options.maxBytes` (default {@link backupMaxBytes}: a backup generate made of its own output is read
 * however large the set made it). For the generated `litellm-unified.yaml`, a missing Switchyard header or a body that no longer matches the header's
 * hash is a note, not a problem: that is the hand-edited file `generate --force` backs up on purpose,
 * and restoring it brings the edits back.
 * Diagnostics name the backup as `shown`. The one backup verifier (`backup verify`, the audit).
 * Never throws.
 */
export async function verifyBackup(
  backup: Pick<BackupInfo, "name" | "path">,
  baseName: string,
  shown: string,
  options: VerifyBackupOptions = {},
): Promise<BackupVerification> {
  const maxBytes = options.maxBytes ?? (await backupMaxBytes(join(dirname(backup.path), baseName)));
  const read = await readBoundedFile(backup.path, { noFollow: true, maxBytes });
  if (!read.ok) {
    return {
      name: backup.name,
      file: shown,
      ok: false,
      problems: [`cannot be read: ${read.failure.reason}`],
      notes: [],
      diagnostics: [],
    };
  }
  const bytes = read.bytes;
  const problems: string[] = [];
  const notes: string[] = [];
  if (bytes.length === 0) problems.push("is empty");
  const kind = kindOfFileName(baseName);
  // The bytes were read within the cap: parsed whole, as large as the read allowed.
  const diagnostics =
    kind === undefined
      ? parseYaml(bytes, { file: shown, maxBytes }).diagnostics
      : loadConfigText(kind, bytes, shown, { maxBytes }).diagnostics;
  const errors = diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0)
    problems.push(
      kind === undefined
        ? `is not valid YAML (${plural(errors.length, "error")})`
        : `does not validate as ${baseName} (${plural(errors.length, "error")})`,
    );
  const text = utf8Text(bytes);
  if (kind === "litellm" && bytes.length > 0) {
    const parsed = parseGeneratedHeader(text);
    if (parsed === undefined)
      notes.push("has no Switchyard AUTO-GENERATED header: a hand-written config (restoring brings it back)");
    else if (sha256(parsed.body) !== parsed.header.bodyHash)
      notes.push("was edited by hand after generation (restoring brings the edits back)");
  }
  return { name: backup.name, file: shown, ok: problems.length === 0, problems, notes, diagnostics, text };
}
