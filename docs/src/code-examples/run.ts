/**
 * Checked examples of the diagnostic codes: for a code, a small change to the config set that
 * `switchyard init` writes (`examples/config`), the command to run, and what that command really
 * prints. The troubleshooting guide shows each one (the change as a diff, the output as printed);
 * the output is never written by hand: it is what the CLI's own entry (`main`, as `switchyard`
 * runs it) prints on a copy of the set, each time the page is generated, and the staleness test
 * fails when the page and a fresh run differ. A run that does not report its code throws.
 */
import { chmod, cp, mkdir, readFile, writeFile } from "node:fs/promises";
import type { Server } from "node:net";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { goldenDiff, runSnippet, tempDir } from "@switchyard/test-utils";
import { main } from "../../../apps/cli/src/cli.ts";
import { memoryIO } from "../../../apps/cli/src/test-support/memory-io.ts";

const CONFIG = fileURLToPath(new URL("../../../examples/config/", import.meta.url));
const LEGACY = fileURLToPath(new URL("../../../examples/legacy-v1/", import.meta.url));

/** One change to a file of the copied set: `from` (found exactly once) becomes `to`. */
export interface Edit {
  /** The file, relative to the working directory (`config/providers.yaml`). */
  readonly file: string;
  readonly from: string;
  readonly to: string;
}

/**
 * A server an example runs while its command runs (a stand-in gateway, a listener holding a port),
 * on 127.0.0.1 at a port the system picks: two runs of the examples at once (the docs' tests and the
 * CLI's, or two checkouts) never collide on a fixed port. The page shows `shownPort` instead: it
 * stands for the real port in the example's edits, files, arguments and environment, and the real
 * port in the output is shown as it.
 */
export interface ExampleServer {
  readonly shownPort: number;
  /** A server, not listening yet (`createServer(handler)` of node:http or node:net). */
  readonly create: () => Server;
}

/** A checked example of one diagnostic code. */
export interface CodeExample {
  readonly code: string;
  /** What is wrong, one sentence (shown above the change). */
  readonly what: string;
  /**
   * Changes to files of the working directory, shown as a diff: `config/` is a copy of
   * `examples/config` (what `switchyard init` writes), `legacy/` one of `examples/legacy-v1`.
   */
  readonly edits?: readonly Edit[];
  /** Files written whole (path relative to the working directory → text), shown as they are. */
  readonly files?: Readonly<Record<string, string>>;
  /** The `switchyard` arguments (default `validate config`). */
  readonly args?: readonly string[];
  /**
   * Instead of a command, a TypeScript program using the libraries (for codes that only a library
   * call reports): run by test-utils' `runSnippet` in the working directory's place (`"./` in its
   * strings is the working directory); what it prints with `console.log` is its output.
   */
  readonly snippet?: string;
  /** What else the example does before the command, in words (a file made unreadable, a lock held). */
  readonly setupNote?: string;
  /**
   * Run before the command, in the working directory (for what a file's text cannot say); `run`
   * runs an earlier `switchyard` command there (its output is not shown).
   */
  readonly setup?: (
    cwd: string,
    run: (args: readonly string[]) => Promise<number>,
  ) => Promise<void | (() => Promise<void>)>;
  /** Show only the first this many lines of the output on the page (the test checks all of it). */
  readonly head?: number;
  /** Show only the last this many lines of the output on the page (the test checks all of it). */
  readonly tail?: number;
  /** Environment variables of the command. */
  readonly env?: Readonly<Record<string, string>>;
  /** A server that listens from before the edits are written until the command has run. */
  readonly server?: ExampleServer;
}

/** What an example shows: the bad input, the command and what it printed. */
export interface ExampleRun {
  readonly example: CodeExample;
  /** `switchyard …` as a reader types it (empty for a snippet). */
  readonly command: string;
  /** The unified diff of every edit (empty when none). */
  readonly diff: string;
  /** Stdout then stderr, as printed without colour. */
  readonly output: string;
  readonly exitCode: number;
}

const DEFAULT_ARGS = ["validate", "config"] as const;

function shellWord(word: string): string {
  return /^[\w@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** A listening server: its port, and how to stop it (open connections too). */
interface Listening {
  readonly port: number;
  readonly stop: () => Promise<void>;
}

async function listen(server: Server): Promise<Listening> {
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  const address = server.address();
  if (address === null || typeof address === "string") throw new Error("the example's server has no port");
  return {
    port: address.port,
    stop: () =>
      new Promise<void>((resolve) => {
        if ("closeAllConnections" in server && typeof server.closeAllConnections === "function")
          server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** `text` with every `from` port (a whole number, not part of a longer one) as `to`. */
function swapPort(text: string, from: number, to: number): string {
  return text.replace(new RegExp(`(?<!\\d)${from}(?!\\d)`, "g"), String(to));
}

/** Run one example in a fresh working directory holding `config/` (a copy of `examples/config`). */
export async function runCodeExample(example: CodeExample): Promise<ExampleRun> {
  const server = example.server === undefined ? undefined : await listen(example.server.create());
  try {
    return await runWithServer(example, server);
  } finally {
    await server?.stop();
  }
}

async function runWithServer(example: CodeExample, server: Listening | undefined): Promise<ExampleRun> {
  const shown = example.server?.shownPort;
  // What the page shows → what this run uses, and back.
  const real = (text: string) =>
    server === undefined || shown === undefined ? text : swapPort(text, shown, server.port);
  const page = (text: string) =>
    server === undefined || shown === undefined ? text : swapPort(text, server.port, shown);
  const cwd = await tempDir("sy-code-example-");
  await cp(CONFIG, join(cwd, "config"), { recursive: true });
  await cp(LEGACY, join(cwd, "legacy"), { recursive: true });
  const diffs: string[] = [];
  for (const edit of example.edits ?? []) {
    const path = join(cwd, edit.file);
    const before = await readFile(path, "utf8");
    const count = before.split(edit.from).length - 1;
    if (count !== 1)
      throw new Error(
        `${example.code}: ${edit.file} holds ${JSON.stringify(edit.from)} ${count} times, not once`,
      );
    const after = before.replace(edit.from, edit.to);
    await writeFile(path, real(after));
    diffs.push(goldenDiff(before, after, edit.file));
  }
  for (const [file, text] of Object.entries(example.files ?? {})) {
    await mkdir(dirname(join(cwd, file)), { recursive: true });
    await writeFile(join(cwd, file), real(text));
  }
  const env = Object.fromEntries(
    Object.entries({ NO_COLOR: "1", ...example.env }).map(([name, value]) => [name, real(value)]),
  );
  // What the setup started is stopped after the command.
  const cleanup = await example.setup?.(cwd, (args) => main(args.map(real), memoryIO(cwd, { env })));
  const args = example.args ?? DEFAULT_ARGS;
  let printed = "";
  let exitCode = 0;
  try {
    if (example.snippet !== undefined) {
      const run = await runSnippet(example.snippet, {
        dir: new URL("./", import.meta.url),
        replace: { '"./': `"${cwd}/` },
      });
      printed = run.logs.map((line) => `${Reflect.apply(format, undefined, line) as string}\n`).join("");
      exitCode = Number(run.exitCode ?? 0);
    } else {
      const io = memoryIO(cwd, { env });
      exitCode = await main(args.map(real), io);
      printed = `${io.stdoutText()}${io.stderrText()}`;
    }
  } finally {
    if (typeof cleanup === "function") await cleanup();
  }
  // Owner-only files (a test's secrets) must not stop the temp directory's removal.
  await chmod(cwd, 0o700).catch(() => {});
  const output = stable(page(printed.replaceAll(cwd, "."))).replace(/\n+$/, "");
  const what = example.snippet !== undefined ? "its snippet" : `switchyard ${args.join(" ")}`;
  if (!reports(output, example.code))
    throw new Error(`the example of ${example.code} (${what}) does not report it; it printed:\n${output}`);
  return {
    example,
    command: example.snippet !== undefined ? "" : `switchyard ${args.map(shellWord).join(" ")}`,
    diff: diffs.join(""),
    output,
    exitCode,
  };
}

/**
 * The output with what changes from run to run replaced by a placeholder: backup and record
 * timestamps, times of day, durations and random record ids.
 */
export function stable(output: string): string {
  return (
    output
      .replace(/\b\d{8}_\d{6}(?:_\d+)?\b/g, "YYYYMMDD_HHMMSS")
      .replace(/\b\d{8}T\d{6}Z-[0-9a-f]{6}\b/g, "YYYYMMDDTHHMMSSZ-xxxxxx")
      .replace(
        /\b\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g,
        "YYYY-MM-DDTHH:MM:SSZ",
      )
      // Column padding before a duration depends on its width: one space, whatever the number.
      .replace(/(\(?) *\b\d+(?:\.\d+)? ?ms\b/g, (_, paren: string) => (paren ? "(N ms" : " N ms"))
      .replace(/ by [\w.-]+@[\w.-]+/g, " by user@host")
      .replace(/\b\d+ probes?\b/g, "N probes")
      // Who holds a port: this process, under whichever user runs the examples.
      .replace(/\(pid \d+\) as [\w.-]+/g, "(pid N) as USER")
      .replace(/\bsha256:[0-9a-f]{64}\b/g, "sha256:…")
      // The package version (in the generated header and the schema URL) changes with each release.
      .replace(/(@switchyard\/[\w-]+[@ ])\d+\.\d+\.\d+(?:-[\w.]+)?/g, "$1X.Y.Z")
  );
}

/** Does `output` report `code` (as a finding, not only in an `explain` pointer)? */
export function reports(output: string, code: string): boolean {
  const finding = new RegExp(`\\[${code}\\]|\\b${code}\\b(?! *\`)|"code": *"${code}"`);
  return output.split("\n").some((line) => !line.startsWith("For more information") && finding.test(line));
}
