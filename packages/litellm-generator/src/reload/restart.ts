import { spawn } from "node:child_process";

/** What a restart command did. */
export interface RestartOutcome {
  readonly ok: boolean;
  /** One line: `exited 0`, `exited 1`, `killed after 60000 ms`, `could not start: ENOENT`. */
  readonly summary: string;
  /** The last lines of stderr (or stdout when stderr is empty), for failure messages. */
  readonly outputTail: string;
}

const TAIL_LINES = 12;
const TAIL_BYTES = 4096;

/** The display form of a command. */
export function describeCommand(command: string | readonly string[]): string {
  return typeof command === "string"
    ? command
    : command.map((part) => (/\s/.test(part) ? JSON.stringify(part) : part)).join(" ");
}

function tail(text: string): string {
  const lines = text.slice(-TAIL_BYTES).trimEnd().split("\n");
  return lines.slice(-TAIL_LINES).join("\n");
}

/**
 * Run a restart command and wait for it to exit: a string runs through the shell, an array
 * without one. A command still running after `timeoutMs` is killed (SIGKILL) and counts as a
 * failure; so does a non-zero exit. The command's output is kept only for the tail shown on
 * failure. The command exiting is what counts: a supervisor it started in the background may keep
 * the output pipes open, so they are closed shortly after the exit.
 */
export function runRestartCommand(
  command: string | readonly string[],
  options: {
    readonly cwd?: string;
    readonly env?: Readonly<Record<string, string | undefined>>;
    readonly timeoutMs: number;
  },
): Promise<RestartOutcome> {
  return new Promise((resolve) => {
    const spawnOptions = {
      ...(options.cwd !== undefined ? { cwd: options.cwd } : {}),
      env: { ...(options.env ?? process.env) },
      stdio: ["ignore", "pipe", "pipe"] as ["ignore", "pipe", "pipe"],
    };
    if (typeof command !== "string" && command.length === 0) {
      resolve({ ok: false, summary: "could not start: the command is empty", outputTail: "" });
      return;
    }
    const child =
      typeof command === "string"
        ? spawn(command, { ...spawnOptions, shell: true })
        : spawn(command[0]!, command.slice(1), spawnOptions);
    let stdout = "";
    let stderr = "";
    child.stdout?.on("data", (chunk: Buffer) => {
      stdout = (stdout + chunk.toString("utf8")).slice(-TAIL_BYTES);
    });
    child.stderr?.on("data", (chunk: Buffer) => {
      stderr = (stderr + chunk.toString("utf8")).slice(-TAIL_BYTES);
    });
    let timedOut = false;
    const timer = setTimeout(() => {
      timedOut = true;
      child.kill("SIGKILL");
    }, options.timeoutMs);
    let settled = false;
    const finish = (outcome: RestartOutcome) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      resolve(outcome);
    };
    child.on("error", (error: NodeJS.ErrnoException) => {
      finish({ ok: false, summary: `could not start: ${error.code ?? error.message}`, outputTail: "" });
    });
    child.on("exit", (code, signal) => {
      const close = setTimeout(() => {
        child.stdout?.destroy();
        child.stderr?.destroy();
      }, 100);
      const done = () => {
        clearTimeout(close);
        const outputTail = tail(stderr.trim() !== "" ? stderr : stdout);
        if (timedOut)
          finish({ ok: false, summary: `killed after ${options.timeoutMs} ms without exiting`, outputTail });
        else if (code === 0) finish({ ok: true, summary: "exited 0", outputTail });
        else
          finish({
            ok: false,
            summary: code !== null ? `exited ${code}` : `killed by ${signal}`,
            outputTail,
          });
      };
      if (child.stdout?.readableEnded !== false && child.stderr?.readableEnded !== false) done();
      else child.once("close", done);
      setTimeout(done, 150);
    });
  });
}
