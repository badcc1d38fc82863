import type { ConfigFileKind } from "@switchyard/config-schema/schemas";

/** Whether the config directory is under version control. */
export type VcsFact =
  /** Inside a git work tree and every config file is tracked (or tracking could not be asked, see `verified`). */
  | { readonly status: "tracked"; readonly root: string; readonly verified: boolean }
  /** Inside a git work tree, but these config files (display paths) are not tracked. */
  | { readonly status: "untracked-files"; readonly root: string; readonly files: readonly string[] }
  /** No `.git` in the directory or any parent. */
  | { readonly status: "none" };

/** The backups of one config file (`<file>.backup-YYYYMMDD_HHMMSS` beside it). */
export interface BackupFact {
  readonly kind: ConfigFileKind;
  /** Display path of the backed-up file. */
  readonly file: string;
  /** How many backups exist. */
  readonly count: number;
  /** The newest backup's file name. */
  readonly newest?: string;
  /**
   * Whether the newest backup could be verified: readable, non-empty, valid UTF-8 and parseable YAML.
   * `undefined` when there is no backup.
   */
  readonly verified?: boolean;
  /** Why verification failed. */
  readonly problem?: string;
}

/** A JSON-lines history file (`.switchyard/migrations.jsonl`, `.switchyard/flag-history.jsonl`). */
export type HistoryFact =
  | { readonly status: "missing"; readonly file: string }
  | {
      readonly status: "present";
      readonly file: string;
      /** Records that parsed as JSON objects. */
      readonly entries: number;
      /** 1-based line numbers that are not JSON objects. */
      readonly badLines: readonly number[];
    };

/** The flag history: when each flag last changed, from `.switchyard/flag-history.jsonl`. */
export type FlagHistoryFact =
  | { readonly status: "missing"; readonly file: string }
  | { readonly status: "present"; readonly file: string; readonly lastChange: ReadonlyMap<string, Date> };

/** Facts from outside the config files, gathered once before the checks run (tests pass their own). */
export interface AuditFacts {
  readonly vcs: VcsFact;
  /** One entry per loaded config file. */
  readonly backups: readonly BackupFact[];
  readonly migrationHistory: HistoryFact;
  readonly flagHistory: FlagHistoryFact;
}
