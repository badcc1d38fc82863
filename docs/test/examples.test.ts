/**
 * Every example in docs/ runs: the `console` transcripts of each page (in order, in one working
 * directory per page holding a copy of the repository's `examples/`, with the built `switchyard`
 * first on PATH), and every `ts` block (through test-utils' `runSnippet`, the runner the package
 * READMEs' tests use), whose `console.log` output must equal the `text output` block after it.
 */
import { cp, readdir, readFile } from "node:fs/promises";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { format } from "node:util";
import { type CodeBlock, codeBlocks, processTestConfig, runSnippet } from "@switchyard/test-utils";
import { describe, expect, it, vi } from "vitest";
import { outputMatches, runStep, transcriptSteps } from "../src/transcript.ts";
import { cliWorkspace } from "../src/workspace.ts";

// Each example runs as a process to its exit; the ceiling is a hang guard, not a budget.
vi.setConfig(processTestConfig);

const DOCS = fileURLToPath(new URL("../", import.meta.url));
const ROOT = fileURLToPath(new URL("../../", import.meta.url));
/** Pages made by generators: their text comes from the sources, not from examples. */
const GENERATED = new Set(["cli.md", "troubleshooting.md"]);

async function pages(dir = DOCS): Promise<string[]> {
  const found: string[] = [];
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    if (entry.isDirectory()) for (const page of await pages(path)) found.push(page);
    else if (entry.name.endsWith(".md")) found.push(relative(DOCS, path));
  }
  return found.sort();
}

const ALL = await pages();
/** The repository's README runs too (its path relative to docs/), so it cannot drift from the docs. */
const WITH_EXAMPLES = [...ALL.filter((p) => !GENERATED.has(p)), "../README.md"];

/** A {@link cliWorkspace} holding a copy of the repository's `examples/`. */
async function workspace(): Promise<{ cwd: string; env: NodeJS.ProcessEnv }> {
  const { cwd, env } = await cliWorkspace("sy-docs-");
  await cp(join(ROOT, "examples"), join(cwd, "examples"), { recursive: true });
  return { cwd, env };
}

/** The `text output` block right after `block` (only blank lines between), if any. */
function outputAfter(
  markdown: string,
  blocks: readonly CodeBlock[],
  block: CodeBlock,
): CodeBlock | undefined {
  const next = blocks[blocks.indexOf(block) + 1];
  if (next === undefined || next.info !== "text output") return undefined;
  const between = markdown.split("\n").slice(block.endLine, next.line - 1);
  return between.every((l) => l.trim() === "") ? next : undefined;
}

/** Private support packages (tests and the bench use them; users never see them). */
const SUPPORT = new Set(["test-utils", "synthetic-data"]);

it("has a page for every package and app but the private test support and synthetic data", async () => {
  const names: string[] = [];
  for (const parent of ["packages", "apps"])
    for (const entry of await readdir(join(ROOT, parent), { withFileTypes: true }))
      if (entry.isDirectory() && !SUPPORT.has(entry.name)) names.push(entry.name);
  expect(names.length).toBeGreaterThanOrEqual(12);
  for (const name of names) expect(ALL, `docs/packages/${name}.md`).toContain(`packages/${name}.md`);
});

it("finds the pages", () => {
  expect(ALL).toEqual(
    expect.arrayContaining(["README.md", "getting-started.md", "cli.md", "troubleshooting.md"]),
  );
});

describe.each(WITH_EXAMPLES)("docs/%s", (page) => {
  it("runs its examples and prints what the page shows", async () => {
    const markdown = await readFile(join(DOCS, page), "utf8");
    const blocks = codeBlocks(markdown);
    const { cwd, env } = await workspace();
    for (const block of blocks) {
      if (block.lang === "console") {
        for (const step of transcriptSteps(block)) {
          const run = runStep(step, cwd, env);
          const where = `docs/${page}:${step.line}: $ ${step.command}`;
          expect(run.exitCode, `${where}\n${run.output.join("\n")}`).toBe(step.exitCode);
          if (!outputMatches(step.expected, run.output)) {
            expect(run.output.join("\n"), `${where}: the output differs from the page`).toBe(
              step.expected.join("\n"),
            );
          }
        }
      } else if (block.lang === "ts") {
        const run = await runSnippet(block.code, {
          dir: new URL("./", import.meta.url),
          replace: { '"examples/': `"${cwd}/examples/`, '"./stack/': `"${cwd}/` },
        });
        const expected = outputAfter(markdown, blocks, block);
        if (expected === undefined) continue;
        const printed = run.logs.flatMap((args) =>
          (Reflect.apply(format, undefined, args) as string).split("\n"),
        );
        // DOCS_SHOW_OUTPUT=1 prints what each example printed, to write its `text output` block from.
        if (process.env.DOCS_SHOW_OUTPUT === "1")
          process.stderr.write(`\n<<< docs/${page}:${block.line}\n${printed.join("\n")}\n>>>\n`);
        const lines = expected.code.replace(/\n$/, "").split("\n");
        if (!outputMatches(lines, printed)) {
          expect
            .soft(printed.join("\n"), `docs/${page}:${block.line}: the ts example's output differs`)
            .toBe(lines.join("\n"));
        }
      }
    }
  });
});
