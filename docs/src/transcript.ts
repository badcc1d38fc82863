/**
 * Console transcripts in the docs (```console blocks): `$ command` lines, each followed by the
 * output it prints. The docs test runs every command in order in one working directory per page,
 * with the built `switchyard` first on PATH, and compares what it printed (stdout and stderr, no
 * colour) with the page. An output line that is exactly `…` stands for any number of lines; a `…`
 * inside a line stands for any text (timings, temp paths). A command that should fail says so with a
 * trailing `# exit N` comment (the shell ignores it); any other command must exit 0.
 */
import { spawnSync } from "node:child_process";
import { type CodeBlock, HANG_GUARD_MS } from "@switchyard/test-utils";

/** One `$ command` of a transcript with what the page says it prints. */
export interface TranscriptStep {
  readonly command: string;
  readonly expected: readonly string[];
  readonly exitCode: number;
  /** The 1-based line of the `$` in the page. */
  readonly line: number;
}

/** The steps of a ```console block. */
export function transcriptSteps(block: CodeBlock): TranscriptStep[] {
  const steps: { command: string; expected: string[]; exitCode: number; line: number }[] = [];
  block.code
    .replace(/\n$/, "")
    .split("\n")
    .forEach((text, i) => {
      if (text.startsWith("$ ")) {
        const command = text.slice(2);
        const exit = /\s#\s*exit\s+(\d+)\s*$/.exec(command);
        steps.push({ command, expected: [], exitCode: exit ? Number(exit[1]) : 0, line: block.line + 1 + i });
      } else if (steps.length > 0) {
        steps.at(-1)!.expected.push(text.trimEnd());
      } else if (text.trim() !== "") {
        throw new Error(`line ${block.line + 1 + i}: output before the first '$ ' command`);
      }
    });
  return steps;
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

/** Does `actual` (lines) match `expected` (lines with `…` wildcards)? */
export function outputMatches(expected: readonly string[], actual: readonly string[]): boolean {
  const patterns = expected.map((line) =>
    line === "…" ? undefined : new RegExp(`^${line.split("…").map(escapeRegExp).join(".*")}$`, "u"),
  );
  const memo = new Map<string, boolean>();
  const match = (e: number, a: number): boolean => {
    const key = `${e}:${a}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let result: boolean;
    if (e === patterns.length) result = a === actual.length;
    else if (patterns[e] === undefined) result = match(e + 1, a) || (a < actual.length && match(e, a + 1));
    else result = a < actual.length && patterns[e]!.test(actual[a]!) && match(e + 1, a + 1);
    memo.set(key, result);
    return result;
  };
  return match(0, 0);
}

/** What one step printed and how it exited. */
export interface StepRun {
  readonly output: string[];
  readonly exitCode: number | null;
}

/** Run one step's command with `sh` in `cwd`, stderr merged into stdout. */
export function runStep(step: TranscriptStep, cwd: string, env: NodeJS.ProcessEnv): StepRun {
  const run = spawnSync("sh", ["-c", `exec 2>&1\n${step.command}`], {
    cwd,
    env,
    encoding: "utf8",
    // A hang guard only: the step ends when its process exits, however busy the machine.
    timeout: HANG_GUARD_MS,
  });
  const output = (run.stdout ?? "")
    .replace(/\n$/, "")
    .split("\n")
    .map((l) => l.trimEnd());
  return { output: output.length === 1 && output[0] === "" ? [] : output, exitCode: run.status };
}
