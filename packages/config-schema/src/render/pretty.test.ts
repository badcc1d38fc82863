import { describe, expect, test } from "vitest";
import type { Diagnostic, SourceRange } from "../diagnostics/diagnostic.js";
import { schemaCatalogue } from "../diagnostics/schema-catalogue.js";
import { loadConfigText } from "../load.js";
import { renderPretty } from "./pretty.js";

const PROVIDERS = `schema_version: "2.0.0"
providers:
  ollama:
    type: olama
    base_ur: http://localhost:11434
    models:
      - name: llama3
`;
const FILE = "config/providers.yaml";

function loaded() {
  const file = loadConfigText("providers", PROVIDERS, FILE);
  return { diagnostics: file.diagnostics, sources: new Map([[FILE, PROVIDERS]]) };
}

/** A range on one line, 1-based columns, end exclusive (offsets are not used by the renderer). */
function span(line: number, column: number, endColumn: number, endLine = line): SourceRange {
  return { start: { line, column, offset: 0 }, end: { line: endLine, column: endColumn, offset: 0 } };
}

/** ANSI codes made visible: `\u001b[31m` → `<31>`. */
function showAnsi(text: string): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: ANSI escape codes start with ESC.
  return text.replace(/\u001b\[(\d+)m/g, "<$1>");
}

describe("renderPretty", () => {
  test("real diagnostics from inline YAML: header, location, code frame, hint and help", () => {
    const { diagnostics, sources } = loaded();
    expect(diagnostics.map((d) => d.code).sort()).toEqual(["SY1030", "SY1031", "SY1033"]);
    expect(renderPretty(diagnostics, { sources, summaryTarget: "config" })).toMatchInlineSnapshot(`
      "error[SY1031]: Missing required key 'base_url' in providers.ollama
         --> config/providers.yaml:3:3
          |
        1 | schema_version: "2.0.0"
        2 | providers:
      > 3 |   ollama:
          |   ^^^^^^
        4 |     type: olama
        5 |     base_ur: http://localhost:11434
        6 |     models:
          |
          = hint: Add \`base_url:\` here.

      error[SY1033]: Invalid value "olama" at providers.ollama.type
         --> config/providers.yaml:4:11
          |
        2 | providers:
        3 |   ollama:
      > 4 |     type: olama
          |           ^^^^^
        5 |     base_ur: http://localhost:11434
        6 |     models:
        7 |       - name: llama3
          |
          = hint: Allowed values: ollama, vllm, llamacpp, llamacpp_python, openai_compatible, openai, anthropic, azure, gemini, mistral, groq, openrouter, deepseek, together_ai.
          = help: did you mean 'ollama'?

      error[SY1030]: Unknown key 'base_ur' in providers.ollama
         --> config/providers.yaml:5:5
          |
        3 |   ollama:
        4 |     type: olama
      > 5 |     base_ur: http://localhost:11434
          |     ^^^^^^^
        6 |     models:
        7 |       - name: llama3
          |
          = hint: Rename it to 'base_url'.
          = help: did you mean 'base_url'?

      ✖ 3 errors in config (1 file)
      "
    `);
  });

  test("with colour: red errors, dim gutter, bold headers; without: no escape code at all", () => {
    const { diagnostics, sources } = loaded();
    const unknownKey = diagnostics.filter((d) => d.code === "SY1030");
    const warning: Diagnostic = {
      ...unknownKey[0]!,
      code: "SY1040",
      severity: "warning",
      message: "Literal secret",
    };
    const info: Diagnostic = { code: "SY2001", severity: "info", message: "Only one deployment", file: FILE };
    const colored = renderPretty([...unknownKey, warning, info], { sources, color: true });
    expect(showAnsi(colored)).toMatchInlineSnapshot(`
      "<1><36>info[SY2001]<39><22><1>: Only one deployment<22>
         <2>--><22> config/providers.yaml

      <1><31>error[SY1030]<39><22><1>: Unknown key 'base_ur' in providers.ollama<22>
         <2>--><22> config/providers.yaml:5:5
          <2>|<22>
        <2>3 |<22>   ollama:
        <2>4 |<22>     type: olama
      <1><31>><39><22> <2>5 |<22>     base_ur: http://localhost:11434
        <2>  |<22>     <1><31>^^^^^^^<39><22>
        <2>6 |<22>     models:
        <2>7 |<22>       - name: llama3
          <2>|<22>
          <2>=<22> <1>hint:<22> Rename it to 'base_url'.
          <2>=<22> <1>help:<22> did you mean 'base_url'?

      <1><33>warning[SY1040]<39><22><1>: Literal secret<22>
         <2>--><22> config/providers.yaml:5:5
          <2>|<22>
        <2>3 |<22>   ollama:
        <2>4 |<22>     type: olama
      <1><33>><39><22> <2>5 |<22>     base_ur: http://localhost:11434
        <2>  |<22>     <1><33>^^^^^^^<39><22>
        <2>6 |<22>     models:
        <2>7 |<22>       - name: llama3
          <2>|<22>
          <2>=<22> <1>hint:<22> Rename it to 'base_url'.
          <2>=<22> <1>help:<22> did you mean 'base_url'?

      <1><31>✖ 1 error, 1 warning and 1 info message in 1 file<39><22>
      "
    `);
    // biome-ignore lint/suspicious/noControlCharactersInRegex: looking for ESC.
    expect(renderPretty([...unknownKey, warning, info], { sources })).not.toMatch(/\u001b/);
  });

  test("the catalogue supplies a missing hint and the explain pointer", () => {
    const diagnostic: Diagnostic = {
      code: "SY1003",
      severity: "error",
      message: "Tab used for indentation",
      file: FILE,
    };
    const out = renderPretty([diagnostic], { catalogue: schemaCatalogue });
    expect(out).toContain(`= hint: ${schemaCatalogue.get("SY1003")!.fix}`);
    expect(out).toContain("For more information about SY1003, run `switchyard explain SY1003`.");
    expect(renderPretty([diagnostic])).not.toContain("hint:");
  });

  test("related locations: a one-line frame each, or the location alone", () => {
    const mappings = 'schema_version: "2.0.0"\nmodels:\n  fast:\n    provider: olama\n';
    const sources = new Map([
      [FILE, PROVIDERS],
      ["config/model-mappings.yaml", mappings],
    ]);
    const diagnostic: Diagnostic = {
      code: "SY2003",
      severity: "error",
      message: "Model 'fast' refers to unknown provider 'olama'",
      file: "config/model-mappings.yaml",
      range: span(4, 15, 20),
      hint: "Declare the provider or fix the name.",
      suggestion: "ollama",
      related: [
        { message: "providers are declared here", file: FILE, range: span(3, 3, 9) },
        { message: "also checked against ports.yaml", file: "config/ports.yaml" },
        { message: "a note without a place" },
        { message: "the schema version of this file", range: span(1, 17, 24) },
      ],
    };
    expect(renderPretty([diagnostic], { sources })).toMatchInlineSnapshot(`
      "error[SY2003]: Model 'fast' refers to unknown provider 'olama'
         --> config/model-mappings.yaml:4:15
          |
        2 | models:
        3 |   fast:
      > 4 |     provider: olama
          |               ^^^^^
         ::: config/providers.yaml:3:3 providers are declared here
          |
      > 3 |   ollama:
          |   ^^^^^^
         ::: config/ports.yaml also checked against ports.yaml
         ::: config/model-mappings.yaml:1:17 the schema version of this file
          |
      > 1 | schema_version: "2.0.0"
          |                 ^^^^^^^
          |
          = note: a note without a place
          = hint: Declare the provider or fix the name.
          = help: did you mean 'ollama'?

      ✖ 1 error in 1 file
      "
    `);
  });

  test("no range prints the file only; no file prints no location", () => {
    const out = renderPretty([
      {
        code: "SY1011",
        severity: "error",
        message: "Required file ports.yaml is missing",
        file: "config/ports.yaml",
      },
      { code: "SY2099", severity: "warning", message: "Set-level finding" },
    ]);
    expect(out).toMatchInlineSnapshot(`
      "warning[SY2099]: Set-level finding

      error[SY1011]: Required file ports.yaml is missing
         --> config/ports.yaml

      ✖ 1 error and 1 warning in 1 file
      "
    `);
  });

  test("summary lines", () => {
    expect(renderPretty([], { summaryTarget: "examples/config" })).toBe(
      "✔ no problems found in examples/config\n",
    );
    expect(renderPretty([])).toBe("✔ no problems found\n");
    const warnings: Diagnostic[] = [
      { code: "SY1040", severity: "warning", message: "a", file: "a.yaml" },
      { code: "SY1040", severity: "warning", message: "b", file: "b.yaml" },
    ];
    expect(renderPretty(warnings).trimEnd().split("\n").at(-1)).toBe("⚠ 2 warnings in 2 files");
    expect(
      renderPretty([{ code: "SY1042", severity: "info", message: "i" }])
        .trimEnd()
        .split("\n")
        .at(-1),
    ).toBe("ℹ 1 info message");
  });

  test("tabs are shown as `→` padded to the tab stop, and the carets still line up", () => {
    const text = "a:\n\tb:\tvalue\n";
    const out = renderPretty(
      [{ code: "SY1003", severity: "error", message: "tab", file: "t.yaml", range: span(2, 5, 10) }],
      {
        sources: new Map([["t.yaml", text]]),
      },
    );
    expect(out).toContain("> 2 | →   b:→ value\n    |         ^^^^^\n");
  });

  test("a line longer than 160 columns is cut around the span", () => {
    const long = `key: ${"x".repeat(300)}TARGET${"y".repeat(300)}`;
    const column = long.indexOf("TARGET") + 1;
    const out = renderPretty(
      [
        {
          code: "SY1030",
          severity: "error",
          message: "long",
          file: "l.yaml",
          range: span(2, column, column + 6),
        },
      ],
      { sources: new Map([["l.yaml", `short: 1\n${long}\nafter: 2\n`]]) },
    );
    const lines = out.split("\n");
    const row = lines.find((l) => l.startsWith("> 2 |"))!;
    const carets = lines[lines.indexOf(row) + 1]!;
    expect(row.length).toBeLessThanOrEqual("> 2 | ".length + 162);
    expect(row).toMatch(/^> 2 \| …x+TARGETy+…$/);
    expect(row.indexOf("TARGET")).toBe(carets.indexOf("^"));
    expect(carets.trimEnd().endsWith("^^^^^^")).toBe(true);
    expect(lines).toContain("  1 | short: 1");
  });

  test("a multi-line span is marked from its start to the end of its first line", () => {
    const text = "models:\n  fast: {provider: a,\n    model: b}\n";
    const out = renderPretty(
      [{ code: "SY1030", severity: "error", message: "m", file: "m.yaml", range: span(2, 9, 14, 3) }],
      {
        sources: new Map([["m.yaml", text]]),
      },
    );
    expect(out).toContain("> 2 |   fast: {provider: a,\n    |         ^^^^^^^^^^^^^\n  3 |     model: b}\n");
  });

  test("a range past the end of the file or beyond a line never throws", () => {
    const sources = new Map([["e.yaml", "a: 1\nb: 2"]]);
    const pastEof = renderPretty(
      [{ code: "SY1001", severity: "error", message: "eof", file: "e.yaml", range: span(40, 3, 9) }],
      {
        sources,
      },
    );
    expect(pastEof).toContain("   --> e.yaml:40:3\n");
    expect(pastEof).toContain("> 2 | b: 2\n    |     ^\n");
    const pastEol = renderPretty(
      [{ code: "SY1001", severity: "error", message: "eol", file: "e.yaml", range: span(1, 90, 95) }],
      {
        sources,
      },
    );
    expect(pastEol).toContain("> 1 | a: 1\n    |     ^\n");
    const nonsense = renderPretty(
      [
        {
          code: "SY1001",
          severity: "error",
          message: "bad",
          file: "e.yaml",
          range: span(Number.NaN, -4, -9, -1),
        },
      ],
      { sources },
    );
    expect(nonsense).toContain("> 1 | a: 1\n    | ^\n");
    expect(
      renderPretty(
        [{ code: "SY1001", severity: "error", message: "empty", file: "e.yaml", range: span(1, 1, 1) }],
        { sources: new Map([["e.yaml", ""]]) },
      ),
    ).toContain("> 1 |\n    | ^\n");
  });

  test("CRLF line ends and terminal control characters are not printed raw", () => {
    const text = "a: 1\r\nb: \u001b[2Jboom\u202e\r\n";
    const out = renderPretty(
      [
        {
          code: "SY1030",
          severity: "error",
          message: "key \u001b[31mred",
          file: "c.yaml",
          range: span(2, 4, 8),
        },
      ],
      { sources: new Map([["c.yaml", text]]) },
    );
    // biome-ignore lint/suspicious/noControlCharactersInRegex: no ESC and no CR may reach the terminal.
    expect(out).not.toMatch(/[\u001b\r\u202e]/);
    expect(out).toContain("error[SY1030]: key ␛[31mred");
    expect(out).toContain("> 2 | b: ␛[2Jboom\ufffd\n    |    ^^^^\n");
  });

  test("sorted and deterministic", () => {
    const { diagnostics, sources } = loaded();
    const reversed = [...diagnostics].reverse();
    expect(renderPretty(reversed, { sources })).toBe(renderPretty(diagnostics, { sources }));
  });
});
