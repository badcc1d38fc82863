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
