import { join, resolve } from "node:path";
import { validateConfigDir } from "@switchyard/consistency";
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
 * Open and check a config directory through the config-dir layer (consistency's `validateConfigDir`)
 * and audit it: what `switchyard audit` and `GET /api/v1/audit` do before they render. Never throws:
 * an unreadable directory or baseline gives a result with `status: "error"` and the problem in `problems`.
 */
export async function auditConfigDir(
  configDir: string,
  options: AuditConfigDirOptions = {},
): Promise<AuditResult> {
  const cwd = options.cwd ?? process.cwd();
  // Opened and checked by the config-dir layer, as `switchyard validate` does; SY5402 decides on
  // that check rather than running it again.
  const checked = await validateConfigDir(configDir, {
    cwd,
    positions: "while-reading",
    ...(options.now === undefined ? {} : { now: options.now }),
  });
  const set = checked.set;
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
  return runAudit(set, {
    ...rest,
    cwd,
    validation: checked.diagnostics,
    ...(baseline !== undefined ? { baseline } : {}),
  });
}
