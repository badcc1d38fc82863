import { readFileSync } from "node:fs";

/**
 * Whether a process with this pid exists on this machine. `kill(pid, 0)` sends no
 * signal: ESRCH means the pid is gone, EPERM means it exists but belongs to another user.
 */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
  }
}

/**
 * When a process started, as the kernel counts it (Linux: field 22 of `/proc/<pid>/stat`, clock
 * ticks since boot), or `undefined` where that cannot be read. With the pid it names one process
 * for good: a pid is reused, a (pid, start) pair is not.
 */
export function processStartTime(pid: number): string | undefined {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    // The command name (field 2) is in parentheses and may hold spaces: count from its end.
    const fields = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return fields[19];
  } catch {
    return undefined;
  }
}

/**
 * Whether the process that recorded (`pid`, `startTime`) is still running: its pid is alive and,
 * when both start times are known, it is the same process (not a later one given the same pid).
 */
export function isOwnerAlive(pid: number, startTime: string | undefined): boolean {
  if (!isProcessAlive(pid)) return false;
  if (startTime === undefined) return true;
  const now = processStartTime(pid);
  return now === undefined || now === startTime;
}
