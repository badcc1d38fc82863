import { plural } from "../text/plural.js";
import { compareDiagnostics, type Diagnostic, type Severity } from "./diagnostic.js";

/** How many diagnostics one file reports before the rest are summed up in one SY1019. */
export const MAX_DIAGNOSTICS_PER_FILE = 1000;

/** The code of the "N more diagnostics" summary. */
export const TOO_MANY_DIAGNOSTICS_CODE = "SY1019";

type Counts = Record<Severity, number>;

/** Summaries made here, with what they stand for, so that capping again merges them instead of nesting. */
const summarised = new WeakMap<Diagnostic, Counts>();

const SEVERITIES: readonly Severity[] = ["error", "warning", "info"];

function summary(file: string | undefined, counts: Counts, first: Diagnostic, max: number): Diagnostic {
  const total = counts.error + counts.warning + counts.info;
  const parts = SEVERITIES.filter((s) => counts[s] > 0).map((s) => plural(counts[s], s));
  const severity = SEVERITIES.find((s) => counts[s] > 0) ?? "info";
  const diagnostic: Diagnostic = {
    code: TOO_MANY_DIAGNOSTICS_CODE,
    severity,
    message: `${plural(total, "more diagnostic")} in ${file ?? "this run"} not shown (${parts.join(", ")}); only the first ${max} are listed`,
    ...(file !== undefined ? { file } : {}),
    ...(first.range !== undefined ? { range: first.range } : {}),
    hint: "Fix the problems listed first and run again. A file with this many problems is often not the file that was meant (check the path) or was damaged: restore it from a backup.",
  };
  summarised.set(diagnostic, counts);
  return diagnostic;
}

/**
 * Keep at most `max` diagnostics per file (the first by position) and replace the rest of each
 * file's with one SY1019 summary that counts them by severity and takes the most severe one's
 * severity, so that exit codes do not change. Summaries made by an earlier call are merged, so
 * capping twice (the loader, then the consistency checks) still leaves one summary per file.
 * Never spreads its input: a file can have hundreds of thousands of diagnostics. Returns the
 * diagnostics sorted.
 */
export function capDiagnosticsPerFile(
  diagnostics: readonly Diagnostic[],
  max: number = MAX_DIAGNOSTICS_PER_FILE,
): Diagnostic[] {
  const byFile = new Map<string | undefined, Diagnostic[]>();
  let over = false;
  for (const diagnostic of diagnostics) {
    let list = byFile.get(diagnostic.file);
    if (list === undefined) {
      list = [];
      byFile.set(diagnostic.file, list);
    }
    list.push(diagnostic);
    if (list.length > max || summarised.has(diagnostic)) over = true;
  }
  if (!over) return [...diagnostics].sort(compareDiagnostics);
  const out: Diagnostic[] = [];
  for (const [file, list] of byFile) {
    const counts: Counts = { error: 0, warning: 0, info: 0 };
    const plain: Diagnostic[] = [];
    let earlierSummary: Diagnostic | undefined;
    for (const diagnostic of list) {
      const earlier = summarised.get(diagnostic);
      if (earlier === undefined) {
        plain.push(diagnostic);
        continue;
      }
      earlierSummary ??= diagnostic;
      for (const severity of SEVERITIES) counts[severity] += earlier[severity];
    }
    plain.sort(compareDiagnostics);
    for (let i = 0; i < plain.length; i++) {
      const diagnostic = plain[i]!;
      if (i < max) out.push(diagnostic);
      else counts[diagnostic.severity]++;
    }
    const dropped = counts.error + counts.warning + counts.info;
    const at = plain[max] ?? earlierSummary;
    if (dropped > 0 && at !== undefined) out.push(summary(file, counts, at, max));
  }
  return out.sort(compareDiagnostics);
}

/**
 * The SY1019 summary for problems that were counted but never turned into diagnostics (a parser
 * that reported 100,000 errors): `counts` by severity, located at `at`. Capping merges it like any
 * other summary.
 */
export function uncountedSummary(
  file: string | undefined,
  counts: Readonly<Counts>,
  at: Diagnostic,
): Diagnostic {
  return summary(file, { ...counts }, at, MAX_DIAGNOSTICS_PER_FILE);
}
