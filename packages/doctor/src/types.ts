import type { Diagnostic } from "@switchyard/config-schema/diagnostics";

/** What a check concluded. */
export type CheckStatus = "pass" | "warn" | "fail" | "skip";

/** Every status, from best to worst but `skip`. */
export const CHECK_STATUSES: readonly CheckStatus[] = ["pass", "warn", "fail", "skip"];

/** One line of `switchyard doctor`. */
export interface DoctorCheck {
  /** Stable id: `yaml`, `schema`, …, `provider:<id>`. */
  readonly id: string;
  /** What was checked, for people: "YAML syntax", "provider vllm-qwen". */
  readonly title: string;
  /** Whether `--critical` runs it: the stack cannot work when it fails. */
  readonly critical: boolean;
  readonly status: CheckStatus;
  /** One line: what was found. */
  readonly reason: string;
  /** The command (or the one action) that fixes it, for warn and fail. */
  readonly fix?: string;
  /** Wall time of the check, in ms. */
  readonly durationMs: number;
  /** Findings behind it (located diagnostics of the static checks). */
  readonly diagnostics?: readonly Diagnostic[];
  /** The data the check read: a health result, a port state, the audit scores. */
  readonly data?: unknown;
}

/** The whole run. */
export interface DoctorReport {
  /** False when any check failed: `switchyard doctor` exits 1. */
  readonly ok: boolean;
  readonly checks: readonly DoctorCheck[];
  readonly counts: Readonly<Record<CheckStatus, number>>;
  readonly durationMs: number;
  /** The config directory (absolute). */
  readonly configDir: string;
  /**
   * Set when the config directory (or every file in it) could not be read (SY1010): the checks
   * after YAML syntax are skipped, and `switchyard doctor` exits 2 as for any unreadable input.
   */
  readonly unreadable?: Diagnostic;
}

/** What a check outcome holds before the runner adds its id, title, flag and time. */
export type CheckOutcome = Omit<DoctorCheck, "id" | "title" | "critical" | "durationMs"> & {
  /** Set by checks whose work ran elsewhere (health probes run together): that time instead of the wall time. */
  readonly durationMs?: number;
};
