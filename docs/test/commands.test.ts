/**
 * Every `switchyard …` command the docs show (in `sh`, `console`, `yaml` and `text` blocks of every
 * page under docs/ and of the root README) names a real command and parses with that command's own
 * argument parser: no unknown command, option or choice, no missing or extra argument.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { codeBlocks } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { parseCommandArgs } from "../../apps/cli/src/args.ts";
import { COMMANDS } from "../../apps/cli/src/commands/index.ts";

const ROOT = fileURLToPath(new URL("../../", import.meta.url));
const DOCS = join(ROOT, "docs");

function pages(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === "node_modules" || entry.name.startsWith(".")) return [];
    const path = join(dir, entry.name);
    return entry.isDirectory() ? pages(path) : entry.name.endsWith(".md") ? [path] : [];
  });
}

/** Split a shell command line into words, stopping at the first unquoted operator or comment. */
export function shellWords(line: string): string[] {
  const words: string[] = [];
  let word: string | undefined;
  for (let i = 0; i < line.length; i++) {
    const c = line[i]!;
    if (c === "'" || c === '"') {
      const end = line.indexOf(c, i + 1);
      word = (word ?? "") + line.slice(i + 1, end === -1 ? line.length : end);
      i = end === -1 ? line.length : end;
    } else if (/\s/.test(c)) {
      if (word !== undefined) words.push(word);
      word = undefined;
    } else if (/[|;&<>#)]/.test(c) || (c === "2" && line[i + 1] === ">" && word === undefined)) {
      break;
    } else {
      word = (word ?? "") + c;
    }
  }
  if (word !== undefined) words.push(word);
  return words;
}

/** The `switchyard` invocations of a page's code blocks, with their lines. */
function invocations(markdown: string): { line: number; argv: string[] }[] {
  const found: { line: number; argv: string[] }[] = [];
  for (const block of codeBlocks(markdown)) {
    if (!["sh", "console", "yaml", "yml", "bash", "shell", "text"].includes(block.lang)) continue;
    const lines = block.code.replace(/\\\n\s*/g, " ").split("\n");
    lines.forEach((text, i) => {
      if (block.lang === "console" && !text.startsWith("$ ")) return;
      if (block.lang === "text" && !text.startsWith("$ ")) return;
      for (const m of text.matchAll(/(?:^|[\s;&|(`$:])switchyard(?=\s|$)/g)) {
        // A synopsis (`switchyard init [dir] [options]`, `explain <code>`) is not an invocation.
        if (/\[[^\]]*\]|<[a-z][\w-]*>/.test(text.slice(m.index))) continue;
        found.push({ line: block.line + 1 + i, argv: shellWords(text.slice(m.index + m[0].length)) });
      }
    });
  }
  return found;
}

const FILES = [join(ROOT, "README.md"), ...pages(DOCS)].sort();

describe.each(FILES.map((f) => relative(ROOT, f)))("%s", (file) => {
  it("shows only switchyard commands that parse", async () => {
    const problems: string[] = [];
    for (const { line, argv } of invocations(readFileSync(join(ROOT, file), "utf8"))) {
      const [name, ...rest] = argv;
      if (name === undefined || ["--help", "-h", "--version", "-v"].includes(name)) continue;
      const spec = COMMANDS.find((c) => c.name === name);
      if (spec === undefined) {
        problems.push(`${file}:${line}: no command '${name}'`);
        continue;
      }
      try {
        await parseCommandArgs(spec, rest);
      } catch (error) {
        problems.push(`${file}:${line}: switchyard ${argv.join(" ")}: ${(error as Error).message}`);
      }
    }
    expect(problems).toEqual([]);
  });
});

describe("the command finder", () => {
  it("finds invocations in console, sh and yaml blocks and reads their words as sh does", () => {
    const page = [
      "```console",
      "$ switchyard validate --format github   # exit 1",
      "output switchyard nope",
      "```",
      "```yaml",
      '      - run: npx switchyard audit --fail-on high --format "sarif" > audit.sarif',
      "```",
      "```sh",
      "switchyard init [dir] [options]",
      "switchyard generate \\",
      "  --check",
      "```",
    ].join("\n");
    expect(invocations(page).map((i) => i.argv)).toEqual([
      ["validate", "--format", "github"],
      ["audit", "--fail-on", "high", "--format", "sarif"],
      ["generate", "--check"],
    ]);
  });

  it("reports an unknown option (the check can fail)", async () => {
    const spec = COMMANDS.find((c) => c.name === "validate")!;
    await expect(parseCommandArgs(spec, ["--formt", "github"])).rejects.toThrow(/Unknown option '--formt'/);
  });
});
