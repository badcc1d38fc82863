import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { ConfigSet } from "@switchyard/config-schema/load";
import type { WritePrune } from "@switchyard/config-schema/write";
import type { GenerateOptions } from "../types.js";

/** The steps of a reload, in order; `restore` happens only during a rollback. */
export type ReloadStepName =
  | "generate"
  | "validate"
  | "backup"
  | "write"
  | "restart"
  | "liveliness"
  | "readiness"
  | "models"
  | "restore";

/** What became of a step. */
export type ReloadStepStatus = "ok" | "failed" | "skipped";

/** One timed step of a reload or of its rollback. */
export interface ReloadStep {
  readonly name: ReloadStepName;
  /** `rollback` for the steps that undo a failed reload. */
  readonly phase: "reload" | "rollback";
  readonly status: ReloadStepStatus;
  /** Wall time of the step in milliseconds (0 for skipped steps). */
  readonly durationMs: number;
  /** One line for people: what was done, or why it failed or was skipped. */
  readonly detail: string;
  /** The findings of a failed step (SY43xx, or the generator's for `generate`). */
  readonly diagnostics?: readonly Diagnostic[];
}

/** A config set as the config-directory layer checked it (consistency's `ConfigDirValidation` fits). */
export interface CheckedConfigSet {
  /** The loaded set. */
  readonly set: ConfigSet;
  /** The errors that stop a write from this set (schema and cross-file, after overrides and suppressions). */
  readonly blocking: readonly Diagnostic[];
}

/** Options of {@link reloadGateway}. */
export interface ReloadOptions extends Omit<GenerateOptions, "outputFile" | "passthrough"> {
  /** The config directory holding providers.yaml, model-mappings.yaml and ports.yaml. */
  readonly configDir: string;
  /**
   * The set already opened and checked by the config-directory layer (consistency's
   * `validateConfigDir`, what `switchyard reload` calls before it prints a refusal). Default: the
   * reload checks `configDir` with it. Either way the reload refuses on `blocking`: schema and
   * cross-file errors after `.switchyard.yaml`'s overrides and suppressions.
   */
  readonly checked?: CheckedConfigSet;
  /** The generated file the gateway reads (default `<configDir>/litellm-unified.yaml`). */
  readonly outputPath?: string;
  /** Where the proxy listens (default `http://127.0.0.1:4000`; `localhost` is probed as 127.0.0.1). */
  readonly gatewayUrl?: string;
  /**
   * How to restart the gateway, e.g. `systemctl restart litellm` or `["docker", "restart",
   * "litellm"]`. A string runs through the shell, an array without one. Without a command the
   * restart step is skipped and the health gates wait for whatever restarts the proxy (a file
   * watcher, a rollout) to serve the new models.
   */
  readonly restartCommand?: string | readonly string[];
  /** Restart (and verify) even when the file is already current; also overwrite a hand-edited file (a backup is kept). */
  readonly force?: boolean;
  /** How long each wait may take, in ms: the restart command, and each health gate. Default 60 000. */
  readonly timeoutMs?: number;
  /** Pause between health probes, in ms. Default 500. */
  readonly pollIntervalMs?: number;
  /** Timeout of one HTTP probe, in ms (never longer than what is left of the gate). Default 5 000. */
  readonly requestTimeoutMs?: number;
  /** How long to wait for another writer's lock on the output file, in ms. Default 10 000. */
  readonly lockTimeoutMs?: number;
  /** Working directory of the restart command; paths in messages are shown relative to it. */
  readonly cwd?: string;
  /**
   * Environment of the restart command, and where the master key is read from
   * (`env[masterKeyEnv]`). Default `process.env`.
   */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** A monotonic clock in ms for step durations and deadlines (default `performance.now`). */
  readonly now?: () => number;
}

/** The account of a reload: every step with its time, and whether the previous config was restored. */
export interface ReloadReport {
  /** True when the new config is written, the gateway restarted and every health gate passed. */
  readonly ok: boolean;
  /** Whether the generated text differed from the file on disk. */
  readonly changed: boolean;
  /** Absolute path of the generated file. */
  readonly outputPath: string;
  /** The gateway URL that was probed. */
  readonly gatewayUrl: string;
  /** The backup of the file that was replaced (restored from on rollback). */
  readonly backupPath?: string;
  /** The old backups pruned after the write (the default retention), when any were removed or pruning failed. */
  readonly pruned?: WritePrune;
  /** On rollback: the backup of the rejected new file. */
  readonly rejectedPath?: string;
  /** Every step, reload steps first, then rollback steps. */
  readonly steps: readonly ReloadStep[];
  /** True when a failure after the write put the previous file back. */
  readonly rolledBack: boolean;
  /** The reload step that failed. */
  readonly failedStep?: ReloadStepName;
  readonly totalMs: number;
  /** Every finding of the failed steps, in order. */
  readonly diagnostics: readonly Diagnostic[];
}
