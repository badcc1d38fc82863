/**
 * Every checked example of a diagnostic code (see run.ts), one file per family of codes, and their
 * runs, made once per process (the page is rendered several times by its tests).
 */
import { LIBRARY_EXAMPLES } from "./library.ts";
import { type CodeExample, type ExampleRun, runCodeExample } from "./run.ts";
import { SY1_EXAMPLES } from "./sy1.ts";
import { SY2_EXAMPLES } from "./sy2.ts";
import { SY3_EXAMPLES } from "./sy3.ts";
import { SY4_EXAMPLES } from "./sy4.ts";
import { SY5_EXAMPLES } from "./sy5.ts";
import { SY6_EXAMPLES } from "./sy6.ts";
import { SY7_EXAMPLES } from "./sy7.ts";

export type { CodeExample, Edit, ExampleRun } from "./run.ts";
export { reports, runCodeExample } from "./run.ts";

/** Every example, in code order; a code has at most one. */
export const CODE_EXAMPLES: readonly CodeExample[] = [
  ...SY1_EXAMPLES,
  ...SY2_EXAMPLES,
  ...SY3_EXAMPLES,
  ...SY4_EXAMPLES,
  ...SY5_EXAMPLES,
  ...SY6_EXAMPLES,
  ...SY7_EXAMPLES,
  ...LIBRARY_EXAMPLES,
].sort((a, b) => (a.code < b.code ? -1 : a.code > b.code ? 1 : 0));

let runs: Promise<Map<string, ExampleRun>> | undefined;

/** The run of every example, by code (one after the other: each is a whole command). */
export function codeExampleRuns(): Promise<Map<string, ExampleRun>> {
  runs ??= (async () => {
    const byCode = new Map<string, ExampleRun>();
    for (const example of CODE_EXAMPLES) {
      if (byCode.has(example.code)) throw new Error(`two examples of ${example.code}`);
      byCode.set(example.code, await runCodeExample(example));
    }
    return byCode;
  })();
  return runs;
}
