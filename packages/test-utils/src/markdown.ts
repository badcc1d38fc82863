/**
 * Runnable examples in Markdown: the one extractor of fenced code blocks, and the one runner of a
 * TypeScript snippet. Package READMEs (`test/readme.test.ts`) and the pages under `docs/` use them,
 * so an example a reader copies is the code a test ran.
 */
import { readFile, rm, writeFile } from "node:fs/promises";
import { vi } from "vitest";

/** One fenced code block of a Markdown text. */
export interface CodeBlock {
  /** The first word of the info string (`ts`, `sh`, `console`, `yaml`, …); `""` when none. */
  readonly lang: string;
  /** The whole info string (` ```ts output` → `ts output`). */
  readonly info: string;
  /** The block's text, ending with a newline unless empty. */
  readonly code: string;
  /** The 1-based line of the opening fence. */
  readonly line: number;
  /** The 1-based line of the closing fence (the last line when the fence is never closed). */
  readonly endLine: number;
}

/**
 * Every fenced code block (``` or ~~~, three or more) of `markdown`, in order; with `lang`, only
 * those whose info string starts with that word. An unclosed fence runs to the end, as CommonMark says.
 */
export function codeBlocks(markdown: string, lang?: string): CodeBlock[] {
  const lines = markdown.split(/\r?\n/);
  const blocks: CodeBlock[] = [];
  for (let i = 0; i < lines.length; i++) {
    const open = /^ {0,3}(`{3,}|~{3,})\s*(.*)$/.exec(lines[i]!);
    if (!open) continue;
    const fence = open[1]!;
    const info = open[2]!.trim();
    const body: string[] = [];
    let j = i + 1;
    const close = new RegExp(`^ {0,3}${fence[0] === "`" ? "`" : "~"}{${fence.length},}\\s*$`);
    while (j < lines.length && !close.test(lines[j]!)) body.push(lines[j++]!);
    blocks.push({
      lang: info.split(/\s+/)[0] ?? "",
      info,
      code: body.length === 0 ? "" : `${body.join("\n")}\n`,
      line: i + 1,
      endLine: Math.min(j + 1, lines.length),
    });
    i = j;
  }
  return lang === undefined ? blocks : blocks.filter((b) => b.lang === lang);
}

let counter = 0;

/** What a snippet did: every `console.log` call's arguments, and the `process.exitCode` it set. */
export interface SnippetRun {
  readonly logs: unknown[][];
  readonly exitCode: typeof process.exitCode;
}

/**
 * Run a TypeScript snippet as a module written into `dir` (a folder of the package whose
 * dependencies the snippet imports, so `@switchyard/…` resolves as it does for that package's
 * tests), after replacing each key of `replace` by its value (an example's `"examples/config"` by a
 * fixture's path). `console.log` is captured and silenced; `process.exitCode` is restored after.
 * The module is removed whatever happens.
 */
export async function runSnippet(
  code: string,
  options: { readonly dir: URL; readonly replace?: Readonly<Record<string, string>> },
): Promise<SnippetRun> {
  let text = code;
  for (const [from, to] of Object.entries(options.replace ?? {})) text = text.replaceAll(from, to);
  const module = new URL(`./.snippet-${process.pid}-${Date.now()}-${counter++}.ts`, options.dir);
  await writeFile(module, text);
  const log = vi.spyOn(console, "log").mockImplementation(() => {});
  const before = process.exitCode;
  try {
    await import(/* @vite-ignore */ module.href);
    return { logs: log.mock.calls, exitCode: process.exitCode };
  } finally {
    process.exitCode = before;
    log.mockRestore();
    await rm(module, { force: true });
  }
}
/**
 * The first ```ts block of a README (the package's usage example), run by {@link runSnippet} in the
 * README's folder's `test/` directory.
 */
export async function runReadmeSnippet(
  readme: URL,
  replace: Readonly<Record<string, string>> = {},
): Promise<SnippetRun & { readonly code: string }> {
  const [block] = codeBlocks(await readFile(readme, "utf8"), "ts");
  if (block === undefined) throw new Error(`${readme.pathname} has no \`\`\`ts block`);
  const run = await runSnippet(block.code, { dir: new URL("./test/", readme), replace });
  return { ...run, code: block.code };
}
