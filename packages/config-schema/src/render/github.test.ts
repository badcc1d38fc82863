import { describe, expect, test } from "vitest";
import type { Diagnostic, Severity } from "../diagnostics/diagnostic.js";
import { schemaCatalogue } from "../diagnostics/schema-catalogue.js";
import { loadConfigText } from "../load.js";
import { escapeGithubData, escapeGithubProperty, renderGithub } from "./github.js";

function many(severity: Severity, count: number): Diagnostic[] {
  return Array.from({ length: count }, (_, i) => ({
    code: "SY1030",
    severity,
    message: `finding ${i}`,
    file: `f${String(i).padStart(2, "0")}.yaml`,
  }));
}

describe("renderGithub", () => {
  test("one workflow command per diagnostic, with location, title and hint", () => {
    const text =
      'schema_version: "2.0.0"\nproviders:\n  ollama:\n    type: ollama\n    base_ur: http://localhost:11434\n    models: []\n';
    const file = loadConfigText("providers", text, "config/providers.yaml");
    expect(renderGithub(file.diagnostics, { catalogue: schemaCatalogue })).toMatchInlineSnapshot(`
      "::error file=config/providers.yaml,line=3,endLine=3,col=3,endColumn=8,title=SY1031 missing-key::Missing required key 'base_url' in providers.ollama%0AHint: Add \`base_url:\` here.
      ::error file=config/providers.yaml,line=5,endLine=5,col=5,endColumn=11,title=SY1030 unknown-key::Unknown key 'base_ur' in providers.ollama — did you mean 'base_url'?%0AHint: Rename it to 'base_url'.
      "
    `);
  });

  test("warning and info map to ::warning and ::notice; related locations are part of the message", () => {
    const out = renderGithub([
      { code: "SY1040", severity: "warning", message: "Literal secret", file: "p.yaml" },
      {
        code: "SY2001",
        severity: "info",
        message: "One deployment",
        related: [
          {
            message: "declared here",
            file: "m.yaml",
            range: { start: { line: 2, column: 3, offset: 9 }, end: { line: 2, column: 7, offset: 13 } },
          },
        ],
      },
    ]);
    expect(out).toBe(
      "::notice title=SY2001::One deployment%0ASee m.yaml:2:3: declared here\n::warning file=p.yaml,title=SY1040::Literal secret\n",
    );
  });

  test("escapes % CR LF in messages and also : and , in properties", () => {
    expect(escapeGithubData("100% done\r\nnext")).toBe("100%25 done%0D%0Anext");
    expect(escapeGithubProperty("a:b,c%\n")).toBe("a%3Ab%2Cc%25%0A");
    const out = renderGithub([
      {
        code: "SY1030",
        severity: "error",
        message: "50% of 'a,b: c'",
        file: "dir,x/we:ird.yaml",
        hint: "do %this\r\nthen that",
      },
    ]);
    expect(out).toBe(
      "::error file=dir%2Cx/we%3Aird.yaml,title=SY1030::50%25 of 'a,b: c'%0AHint: do %25this%0Athen that\n",
    );
  });

  test("a message is one line: a newline or an escape from a key is shown, never executed (#10 item 10)", () => {
    const out = renderGithub([
      {
        code: "SY1030",
        severity: "error",
        message: "Unknown key '\n::error title=x::y' and '\u001b[2J##[warning]z'",
        file: "p.yaml",
      },
    ]);
    expect(out.split("\n").filter((l) => l !== "")).toHaveLength(1);
    expect(out).toContain("␊::error title=x::y");
    expect(out).toContain("␛[2J");
    expect(out).not.toContain("##[");
    expect(out).not.toContain("\u001b");
  });

  test("columns only on single-line annotations; the end column is inclusive; backslashes become slashes", () => {
    const range = (l1: number, c1: number, l2: number, c2: number) => ({
      start: { line: l1, column: c1, offset: 0 },
      end: { line: l2, column: c2, offset: 0 },
    });
    const out = renderGithub([
      {
        code: "SY1",
        severity: "error",
        message: "one line",
        file: "config\\a.yaml",
        range: range(3, 5, 3, 12),
      },
      {
        code: "SY2",
        severity: "error",
        message: "two lines",
        file: "config\\a.yaml",
        range: range(4, 5, 6, 2),
      },
      {
        code: "SY3",
        severity: "error",
        message: "ends at a line break",
        file: "config\\a.yaml",
        range: range(8, 5, 9, 1),
      },
    ]);
    expect(out.split("\n")).toEqual([
      "::error file=config/a.yaml,line=3,endLine=3,col=5,endColumn=11,title=SY1::one line",
      "::error file=config/a.yaml,line=4,endLine=6,title=SY2::two lines",
      "::error file=config/a.yaml,line=8,endLine=8,col=5,title=SY3::ends at a line break",
      "",
    ]);
  });

  test("caps each level at 10 and ends with a notice that counts the rest", () => {
    const out = renderGithub([...many("error", 13), ...many("warning", 4), ...many("info", 12)]);
    const lines = out.trimEnd().split("\n");
    expect(lines.filter((l) => l.startsWith("::error ")).length).toBe(10);
    expect(lines.filter((l) => l.startsWith("::warning ")).length).toBe(4);
    // Nine info notices plus the summary notice: ten notices in all.
    expect(lines.filter((l) => l.startsWith("::notice ")).length).toBe(10);
    expect(lines.at(-1)).toBe(
      "::notice title=Switchyard::6 more findings not annotated (3 errors, 3 info): GitHub shows at most 10 annotations per level in a step. Run with --format pretty, or upload --format sarif, for the full list.",
    );
    // The first annotations in file order are the ones kept.
    expect(lines[0]).toContain("file=f00.yaml");
  });

  test("exactly ten per level needs no summary; nothing to report prints nothing", () => {
    const out = renderGithub([...many("error", 10), ...many("info", 10)]);
    expect(out.trimEnd().split("\n").length).toBe(20);
    expect(out).not.toContain("more findings");
    expect(renderGithub([])).toBe("");
  });
});

describe("renderGithub with a source root", () => {
  const finding: Diagnostic = {
    code: "SY1030",
    severity: "error",
    message: "Unknown key",
    file: "config/providers.yaml",
    range: { start: { line: 5, column: 5, offset: 60 }, end: { line: 5, column: 12, offset: 67 } },
    related: [
      {
        message: "declared here",
        file: "config/model-mappings.yaml",
        range: { start: { line: 2, column: 3, offset: 9 }, end: { line: 2, column: 7, offset: 13 } },
      },
    ],
  };

  test("run from a subfolder, file= and related paths are relative to the repository root", () => {
    const out = renderGithub([finding], { sourceRoot: { cwd: "/repo/infra", root: "/repo" } });
    expect(out).toBe(
      "::error file=infra/config/providers.yaml,line=5,endLine=5,col=5,endColumn=11,title=SY1030::Unknown key%0ASee infra/config/model-mappings.yaml:2:3: declared here\n",
    );
  });

  test("a finding about a path that is no file has no file=, and names the path in its message", () => {
    const out = renderGithub(
      [
        {
          code: "SY1011",
          severity: "error",
          message: "Required file ports.yaml is missing",
          file: "config/ports.yaml",
        },
      ],
      { sourceRoot: { cwd: "/repo/infra", root: "/repo", isFile: () => false } },
    );
    expect(out).toBe("::error title=SY1011::config/ports.yaml: Required file ports.yaml is missing\n");
  });
});
