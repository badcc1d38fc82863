// CPU time from Linux's /proc: one reading for the fuzzer, the benchmarks and the process tests.
// Plain JavaScript, so that `node fuzz/run.mjs` and `node bench/run.mjs` import it without a build.
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on every Linux Node supports). */
export const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * The fields of `/proc/<pid>/stat` after the command name (which may hold spaces and brackets):
 * index 0 is the state, 11 and 12 utime and stime, 13 and 14 cutime and cstime.
 */
function statFields(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
  return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
}

/** CPU time (user + system, ms) process `pid` has used so far, or `undefined` when /proc cannot tell. */
export function processCpuMs(pid) {
  try {
    const fields = statFields(pid);
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}

/**
 * CPU time (user + system, ms) of this process's children that have ended and been waited for (and
 * of theirs), or `undefined` without /proc. Unlike wall time it hardly grows with the machine's load.
 */
export function childrenCpuMs() {
  try {
    const fields = statFields("self");
    return ((Number(fields[13]) + Number(fields[14])) * 1000) / CLOCK_TICKS;
  } catch {
    return undefined;
  }
}
