import { type Catalogue, defineCatalogue } from "../diagnostics/catalogue.js";

/**
 * Catalogue entries for safe writes (`FileLockedError`). Meant to be merged into
 * config-schema's `schemaCatalogue` so `switchyard explain SY1050` finds it.
 */
export const safeWriteCatalogue: Catalogue = defineCatalogue([
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
]);
