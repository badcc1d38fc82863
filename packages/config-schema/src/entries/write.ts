/**
 * `@switchyard/config-schema/write`: safe writes: atomic replacement, single-file and journaled
 * multi-file writes with backups, the file lock, stale temp-file cleanup, and backup naming,
 * verification, retention and pruning.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type { BackupEntries, BackupFileOptions, BackupInfo, ForeignBackup } from "../backups/backup-file.js";
export {
  backupFile,
  backupMaxBytes,
  copyMaxBytes,
  listBackupEntries,
  listBackups,
} from "../backups/backup-file.js";
export type { ParsedBackupName } from "../backups/backup-name.js";
export { backupName, parseBackupName } from "../backups/backup-name.js";
export type { IsoWeek, NaiveTime } from "../backups/naive-time.js";
export {
  compareNaiveTime,
  formatNaiveStamp,
  isoWeek,
  naiveTimeFromDate,
  parseNaiveStamp,
} from "../backups/naive-time.js";
export type { PruneOptions, PruneResult, WritePrune } from "../backups/prune.js";
export { pruneAfterWrite, pruneBackups } from "../backups/prune.js";
export type { RetentionDecision, RetentionPolicy, RetentionRule } from "../backups/retention.js";
export {
  applyRetention,
  DEFAULT_RETENTION,
  describeRetention,
  RETENTION_RULES,
} from "../backups/retention.js";
export type { BackupVerification, VerifyBackupOptions } from "../backups/verify.js";
export { verifyBackup } from "../backups/verify.js";
export type { AtomicWriteOptions, ModeTightening } from "../safe-write/atomic-write.js";
export { writeFileAtomic } from "../safe-write/atomic-write.js";
export { cleanStaleTempFiles } from "../safe-write/clean-temp.js";
export type { FileLockOptions, LockOwner } from "../safe-write/file-lock.js";
export { FileLockedError, withFileLock } from "../safe-write/file-lock.js";
export type {
  FileSetChange,
  FileSetFile,
  FileSetRecovery,
  RecoverFileSetsOptions,
  RecoveryReport,
  WriteFileSetOptions,
} from "../safe-write/file-set.js";
export {
  RECOVERY_CODES,
  recoverFileSets,
  recoveryDiagnostics,
  writeFileSet,
} from "../safe-write/file-set.js";
export type { SafeWriteOptions, SafeWriteResult } from "../safe-write/write-file-safely.js";
export { writeFileSafely } from "../safe-write/write-file-safely.js";
