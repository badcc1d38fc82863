/**
 * `@switchyard/config-schema/state`: the names of the state directory and the history files in it.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export {
  AUDIT_BASELINE_FILE,
  FLAG_HISTORY_FILE,
  flagHistoryPath,
  MIGRATION_HISTORY_FILE,
  migrationHistoryPath,
  STATE_DIR,
  stateDirOf,
} from "../state/state-files.js";
