import { defineCatalogue } from "../diagnostics/catalogue.js";

/**
 * Catalogue entries for safe writes (`FileLockedError`). Meant to be merged into
 * config-schema's `schemaCatalogue` so `switchyard explain SY1050` finds it.
 */
export const safeWriteCatalogue = defineCatalogue([
  {
    code: "SY1050",
    name: "file-locked",
    title: "Another process holds the lock on the file being written.",
    severity: "error",
    cause:
      "Switchyard writes config files under a lock file `<file>.lock` that records the holder's pid, host and start time, so two runs never interleave a backup and a write. Another process on this host is still running with that pid, or the lock was taken on another host, whose processes cannot be checked from here. Locks left by processes that died on this host are taken over automatically.",
    fix: "Wait for the other run to finish and retry, or raise the lock timeout. If no Switchyard process is running (for example the lock came from another host that shares this directory, or the host was renamed), delete the `.lock` file the message names.",
    example: "providers.yaml is locked by pid 4242 on host gw-1 since 2026-11-26T11:15:00.000Z",
  },
  {
    code: "SY1051",
    name: "interrupted-change-completed",
    title:
      "A change to several files that a crash interrupted was completed (or had not begun and was cleaned up).",
    severity: "info",
    cause:
      "Switchyard changes several files at once (a migration, a rollback, a restore) through an intent journal: every new file is written and synced beside its target, then `.switchyard/journal-<id>.json` names each file with its hashes before and after, then the files are moved into place. A process killed after the journal was written left some files old and some new; the next command found the journal and moved the rest into place. Killed before that, it left only staged files (`.<name>.staged-<id>`), which were removed: no file had changed.",
    fix: "Nothing: the set is whole again. The message names the change and its files.",
  },
  {
    code: "SY1052",
    name: "interrupted-change-undone",
    title: "A change to several files that a crash interrupted could not be completed, so it was undone.",
    severity: "warning",
    cause:
      "The journal of an interrupted change named files whose new content was no longer there to move into place (a staged file was deleted, or a file was edited after the crash). The files the change had already replaced were put back from the backups the journal names, verified by hash.",
    fix: "Run the command that was interrupted again.",
  },
  {
    code: "SY1053",
    name: "interrupted-change-unrecoverable",
    title: "A change to several files that a crash interrupted could be neither completed nor undone.",
    severity: "error",
    cause:
      "The journal of an interrupted change was found, but its files could not be written (a read-only file system, no space left, no permission), or neither the new content nor a verified backup of the old one was there. Until it is finished the files may be a mix of old and new content.",
    fix: "Fix what the message names and run any switchyard command on the directory again. The journal `.switchyard/journal-<id>.json` lists each file with its hashes before and after; the backups beside the files hold the old content.",
  },
]);
