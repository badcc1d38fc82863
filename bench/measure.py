"""Run one command as a child process and report its wall time, CPU time and peak RSS.

Usage: python3 measure.py STDOUT_FILE STDERR_FILE -- COMMAND [ARG...]

The child inherits this process's working directory and environment; its standard input is
/dev/null and its output goes to the two files. The figures come from the kernel: wait4() returns
the child's own rusage (ru_maxrss is its peak resident set, in KiB on Linux), so nothing runs inside
the measured process and nothing of this wrapper's start-up is counted. Prints one JSON line.
"""

import json
import os
import sys
import time


def main() -> None:
    out_path, err_path, separator, *command = sys.argv[1:]
    if separator != "--" or not command:
        sys.exit("usage: measure.py STDOUT_FILE STDERR_FILE -- COMMAND [ARG...]")
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    actions = [
        (os.POSIX_SPAWN_OPEN, 0, os.devnull, os.O_RDONLY, 0),
        (os.POSIX_SPAWN_OPEN, 1, out_path, flags, 0o600),
        (os.POSIX_SPAWN_OPEN, 2, err_path, flags, 0o600),
    ]
    start = time.perf_counter_ns()
    pid = os.posix_spawnp(command[0], command, os.environ, file_actions=actions)
    _, status, usage = os.wait4(pid, 0)
    wall_ns = time.perf_counter_ns() - start
    print(
        json.dumps(
            {
                "wallMs": wall_ns / 1e6,
                "cpuMs": (usage.ru_utime + usage.ru_stime) * 1000,
                "maxRssMB": usage.ru_maxrss / 1024,
                "exit": os.waitstatus_to_exitcode(status),
            }
        )
    )


if __name__ == "__main__":
    main()
