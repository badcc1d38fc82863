/** Clock ticks per second of /proc's CPU times (`getconf CLK_TCK`; 100 on every Linux Node supports). */
export declare const CLOCK_TICKS: number;
/** CPU time (user + system, ms) process `pid` has used so far, or `undefined` when /proc cannot tell. */
export declare function processCpuMs(pid: number): number | undefined;
/**
 * CPU time (user + system, ms) of this process's children that have ended and been waited for (and
 * of theirs), or `undefined` without /proc. Unlike wall time it hardly grows with the machine's load.
 */
export declare function childrenCpuMs(): number | undefined;
