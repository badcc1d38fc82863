import { join, resolve } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema";
import { DEFAULT_BASELINE_FILE, readBaseline } from "./baseline.js";
import { type AuditOptions, failedAudit, runAudit } from "./run.js";
import type { AuditResult } from "./types.js";

/** Options of {@link auditConfigDir}. */
export interface AuditConfigDirOptions extends Omit<AuditOptions, "baseline"> {
  /**
   * The baseline file (relative to `cwd`). Default: `<configDir>/.switchyard/audit-baseline.json` when it exists. A
   * given file that is missing or malformed makes the audit an error (exit 3); `false` uses none.
   */
  readonly baseline?: string | false;
}

/**
 * Load a config directory and audit it: what `switchyard audit` does before it renders. Never throws:
 * an unreadable directory or baseline gives a result with `status: "error"` and the problem in `problems`.
 */
export async function auditConfigDir(
  configDir: string,
  options: AuditConfigDirOptions = {},
): Promise<AuditResult> {
  const cwd = options.cwd ?? process.cwd();
  const set = await loadConfigSet(configDir, { cwd, positions: "while-reading" });
  const { baseline: baselineOption, ...rest } = options;
  let baseline: AuditOptions["baseline"];
  if (baselineOption !== false) {
    const explicit = baselineOption !== undefined;
    const read = await readBaseline(
      explicit ? resolve(cwd, baselineOption) : join(set.dir, DEFAULT_BASELINE_FILE),
      { cwd, optional: !explicit },
    );
    if (!read.ok) {
      return failedAudit(set, rest, [read.diagnostic]);
    }
    baseline = read.loaded;
  }
  return runAudit(set, { ...rest, cwd, ...(baseline !== undefined ? { baseline } : {}) });
}
