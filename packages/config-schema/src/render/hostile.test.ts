/**
 * Issue #10 at the renderer: secrets in code frames (item 6), long lines (item 8) and terminal /
 * workflow-command injection through keys (item 10). Inputs are loaded as a user would write them.
 */
import { describe, expect, test } from "vitest";
import { schemaCatalogue } from "../diagnostics/schema-catalogue.js";
import { loadConfigText } from "../load.js";
import { renderGithub } from "./github.js";
import { renderPretty } from "./pretty.js";
import { sanitizeHumanOutput } from "./sanitize.js";

const KEY = ["sk-proj-", "Q7m2ZxK9pL4vB8nR1tY6wE3uI0oA5sD"].join("");

function pretty(kind: "providers" | "litellm", text: string, file = "config/providers.yaml"): string {
  const loaded = loadConfigText(kind, text, file);
  return renderPretty(loaded.diagnostics, { sources: new Map([[file, text]]), catalogue: schemaCatalogue });
}

/** Lines GitHub Actions would execute as workflow commands (the runner's two parsers). */
function workflowCommands(output: string): string[] {
  return output.split("\n").filter((line) => /^::[A-Za-z]/.test(line.trimStart()) || line.includes("##["));
}

describe("secrets in code frames (#10 item 6)", () => {
  test("the frame of a literal api_key shows it redacted, as the message does", () => {
    const text = `schema_version: "2.0.0"\nproviders:\n  openai:\n    type: openai\n    base_url: https://api.openai.com\n    api_key: ${KEY}\n    models:\n      - name: gpt-4o\n`;
    const out = pretty("providers", text);
    expect(out).toContain("warning[SY1040]");
    expect(out).not.toContain(KEY);
    expect(out).not.toContain(KEY.slice(0, 12));
    expect(out).toContain(`api_key: sk-p…**** (${KEY.length} chars)`);
  });

  test("every secret span of every shown line is redacted, and the caret stays under its span", () => {
    const text = `schema_version: "2.0.0"\nproviders:\n  db:\n    type: openai\n    base_url: https://bob:hunter2pw@llm.internal/v1\n    api_key: ${KEY}\n    modls: []\n`;
    const out = pretty("providers", text);
    expect(out).not.toContain("hunter2pw");
    expect(out).not.toContain(KEY);
    const lines = out.split("\n");
    const typo = lines.findIndex((l) => l.startsWith(">") && l.includes("modls: []"));
    const caret = lines[typo + 1]!;
    expect(caret.indexOf("^")).toBe(lines[typo]!.indexOf("modls"));
  });
});

describe("long lines (#10 item 8)", () => {
  test("a 100,000-character line renders in milliseconds, cut around the span", () => {
    const long = `schema_version: "2.0.0"\nproviders:\n  a:\n    type: openai\n    base_url: https://x.example\n    models: [${"m".repeat(100_000)}\n`;
    const loaded = loadConfigText("providers", long, "p.yaml");
    const many = Array.from({ length: 200 }, () => loaded.diagnostics).flat();
    const started = performance.now();
    const out = renderPretty(many, { sources: new Map([["p.yaml", long]]) });
    const elapsed = performance.now() - started;
    expect(elapsed).toBeLessThan(2000);
    for (const line of out.split("\n")) expect(line.length).toBeLessThan(400);
  });

  test("the caret still lands under the span far into a long line", () => {
    const line = `${"a".repeat(50_000)}: 1 ${"b".repeat(50_000)}`;
    const text = `${line}\n`;
    const column = 50_000 + 4;
    const out = renderPretty(
      [
        {
          code: "SY1030",
          severity: "error",
          message: "here",
          file: "x.yaml",
          range: { start: { line: 1, column, offset: 0 }, end: { line: 1, column: column + 1, offset: 0 } },
        },
      ],
      { sources: new Map([["x.yaml", text]]) },
    );
    const rows = out.split("\n");
    const framed = rows.find((r) => r.startsWith("> 1 |"))!;
    const caret = rows[rows.indexOf(framed) + 1]!;
    expect(framed[caret.indexOf("^")]).toBe(" ");
    expect(framed[caret.indexOf("^") - 1]).toBe("1");
  });
});

describe("terminal and workflow-command injection through keys (#10 item 10)", () => {
  const hostile = `schema_version: "2.0.0"\nproviders:\n  a:\n    type: openai\n    base_url: https://x.example\n    "\\e[2J\\e]0;pwned\\a": 1\n    "\\n::error title=x::y": 2\n    "##[warning]legacy": 3\n    models:\n      - name: m\n`;

  test("the pretty output has no escape, no forged line, no legacy command", () => {
    const out = pretty("providers", hostile);
    expect(out).toContain("error[SY1030]");
    // biome-ignore lint/suspicious/noControlCharactersInRegex: checking for raw control characters
    expect(out).not.toMatch(/[\u0000-\u0008\u000b-\u001f\u007f]/);
    expect(workflowCommands(out)).toEqual([]);
    expect(out).toContain("␛[2J");
    expect(out).toContain("␊::error title=x::y");
  });

  test("the GitHub format has exactly one workflow command per annotation", () => {
    const loaded = loadConfigText("providers", hostile, "p.yaml");
    const out = renderGithub(loaded.diagnostics);
    const lines = out.split("\n").filter((l) => l !== "");
    expect(lines.length).toBe(loaded.diagnostics.length);
    for (const l of lines) expect(l).toMatch(/^::(error|warning|notice) /);
    expect(out).not.toContain("##[");
  });

  test("the safety net keeps our colours and shows everything else", () => {
    expect(sanitizeHumanOutput("\u001b[31mred\u001b[39m \u001b[2J\u0007")).toBe(
      "\u001b[31mred\u001b[39m ␛[2J␇",
    );
    expect(sanitizeHumanOutput("ok\n  ::add-mask::x\n    ::: related")).toBe(
      "ok\n  :\u200b:add-mask::x\n    ::: related",
    );
  });
});
