import { expect, it } from "vitest";
import { codeBlocks, runSnippet } from "./markdown.js";

it("finds fenced blocks of any fence length and kind, with their info string and lines", () => {
  const text = "# t\n\n```ts output\nconst a = 1;\n```\n\n~~~~sh\nls\n```\nstill sh\n~~~~\n\n```\n";
  expect(codeBlocks(text)).toEqual([
    { lang: "ts", info: "ts output", code: "const a = 1;\n", line: 3, endLine: 5 },
    { lang: "sh", info: "sh", code: "ls\n```\nstill sh\n", line: 7, endLine: 11 },
    // An unclosed fence runs to the end of the text.
    { lang: "", info: "", code: "\n", line: 13, endLine: 14 },
  ]);
  expect(codeBlocks(text, "sh").map((b) => b.line)).toEqual([7]);
});

it("runs a snippet with replacements, captures console.log and restores the exit code", async () => {
  const before = process.exitCode;
  const run = await runSnippet('console.log("at", "PLACE", 2);\nprocess.exitCode = 3;\n', {
    dir: new URL("./", import.meta.url),
    replace: { PLACE: "here" },
  });
  expect(run.logs).toEqual([["at", "here", 2]]);
  expect(run.exitCode).toBe(3);
  expect(process.exitCode).toBe(before);
});
