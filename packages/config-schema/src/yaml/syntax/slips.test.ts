import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../../diagnostics/diagnostic.js";
import { loadConfigText } from "../../load.js";
import type { ConfigFileKind } from "../../schemas/files.js";
import { positionInText } from "../decode.js";

/**
 * The hand-editing slips people make in YAML, each made once in the set `switchyard init` writes
 * (examples/config is kept identical to it), and the one diagnostic each must produce: the right
 * code, on the line of the mistake, saying what the mistake is — never the parser's cascade.
 */
const EXAMPLES = new URL("../../../../../examples/config/", import.meta.url);
const FILES: Record<"model-mappings" | "providers", string> = {
  "model-mappings": readFileSync(new URL("model-mappings.yaml", EXAMPLES), "utf8"),
  providers: readFileSync(new URL("providers.yaml", EXAMPLES), "utf8"),
};

/** The file with line `n` (1-based) replaced, after checking that it held `was` (so the table stays true). */
function edit(kind: keyof typeof FILES, n: number, was: string, now: string): string {
  const lines = FILES[kind].split("\n");
  if (lines[n - 1] !== was) throw new Error(`${kind}.yaml line ${n} is ${JSON.stringify(lines[n - 1])}`);
  lines[n - 1] = now;
  return lines.join("\n");
}

function load(kind: ConfigFileKind, text: string): readonly Diagnostic[] {
  return loadConfigText(kind, text, `${kind}.yaml`).diagnostics;
}

function describeOne(d: Diagnostic): string {
  return `${d.code} ${d.range?.start.line}:${d.range?.start.column} ${d.message}`;
}

interface Slip {
  readonly name: string;
  readonly kind: keyof typeof FILES;
  readonly text: string;
  /** `code line:column message` of the one diagnostic. */
  readonly expected: string;
  /** Where its related location points, when it has one. */
  readonly related?: string;
}

const MM = "model-mappings" as const;
const SLIPS: Slip[] = [
  {
    name: "a key indented less than its siblings",
    kind: MM,
    text: edit(MM, 16, "    model: llama3.1:8b", "  model: llama3.1:8b"),
    expected: "SY1013 16:3 `model` is indented 2 spaces; its siblings use 4",
    related: "15:5 sibling `provider`, indented 4 spaces",
  },
  {
    name: "a key indented more than its siblings",
    kind: MM,
    text: edit(
      MM,
      17,
      "    description: General chat on Ollama.",
      "      description: General chat on Ollama.",
    ),
    expected: "SY1013 17:7 `description` is indented 6 spaces; its siblings use 4",
    related: "16:5 sibling `model`, indented 4 spaces",
  },
  {
    name: "a list item's key indented at the dash",
    kind: MM,
    text: edit(MM, 47, "    provider: ollama", "  provider: ollama"),
    expected: "SY1013 47:3 `provider` is indented 2 spaces; its siblings use 4",
    related: "46:5 sibling `pattern`, indented 4 spaces",
  },
  {
    name: "a list item indented more than the other items",
    kind: MM,
    text: edit(MM, 67, "      - provider: llamacpp-native", "        - provider: llamacpp-native"),
    expected: "SY1013 67:9 This list item is indented 8 spaces; the other items use 6",
    related: "64:7 another item of the list, at 6 spaces",
  },
  {
    name: "a tab as indentation",
    kind: MM,
    text: edit(MM, 16, "    model: llama3.1:8b", "\tmodel: llama3.1:8b"),
    expected: "SY1003 16:1 Tabs are not allowed as indentation",
  },
  {
    name: "no space after `:`",
    kind: MM,
    text: edit(MM, 20, "    provider: ollama", "    provider:ollama"),
    expected:
      "SY1017 20:13 `provider:ollama` is read as one word: the `:` after `provider` needs a space after it",
  },
  {
    name: "no `:` after a key",
    kind: MM,
    text: edit(MM, 20, "    provider: ollama", "    provider ollama"),
    expected: "SY1017 20:5 `provider` has no `:` between it and its value",
  },
  {
    name: "`=` instead of `:`",
    kind: MM,
    text: edit(MM, 25, "    provider: vllm-qwen", "    provider = vllm-qwen"),
    expected: "SY1017 25:14 `provider` is followed by `=`; YAML separates a key from its value with `: `",
  },
  {
    name: "an unclosed double quote",
    kind: MM,
    text: edit(
      MM,
      17,
      "    description: General chat on Ollama.",
      '    description: "General chat on Ollama.',
    ),
    expected: 'SY1014 17:18 The `"` that opens this quote is never closed',
  },
  {
    name: "an unclosed single quote",
    kind: MM,
    text: edit(
      MM,
      22,
      "    description: Code completion and review.",
      "    description: 'Code completion and review.",
    ),
    expected: "SY1014 22:18 The `'` that opens this quote is never closed",
  },
  {
    name: "an unclosed bracket",
    kind: MM,
    text: edit(MM, 18, "    fallbacks: [gpt-4o-mini]", "    fallbacks: [gpt-4o-mini"),
    expected: "SY1014 18:16 The `[` that opens this list is never closed",
  },
  {
    name: "an unclosed bracket with two entries",
    kind: MM,
    text: edit(MM, 55, "  qwen2.5: [llama3.1, gpt-4o-mini]", "  qwen2.5: [llama3.1, gpt-4o-mini"),
    expected: "SY1014 55:12 The `[` that opens this list is never closed",
  },
  {
    name: "a trailing `\\` that escapes the closing quote",
    kind: MM,
    text: edit(
      MM,
      17,
      "    description: General chat on Ollama.",
      '    description: "General chat on Ollama \\"',
    ),
    expected: 'SY1014 17:42 The `\\` before the closing `"` escapes it, so the string never ends',
  },
  {
    name: "a list item among the keys of a mapping",
    kind: MM,
    text: edit(MM, 16, "    model: llama3.1:8b", "    - model: llama3.1:8b"),
    expected:
      "SY1024 16:5 A list item (`- `) among the keys of a mapping (`provider` is a key at the same column)",
  },
  {
    name: "a list item without its `- `",
    kind: MM,
    text: edit(MM, 67, "      - provider: llamacpp-native", "        provider: llamacpp-native"),
    expected:
      "SY1024 67:9 `provider` appears twice in one list item: is the `- ` that starts the next item missing?",
    related: "64:9 the item starts here",
  },
  {
    name: "`-` without a space",
    kind: MM,
    text: edit(MM, 46, "  - pattern: ollama/*", "  -pattern: ollama/*"),
    expected: "SY1024 46:3 `-pattern` has no space after `-`, so it is not a list item",
  },
  {
    name: "a duplicated key",
    kind: MM,
    text: edit(MM, 17, "    description: General chat on Ollama.", "    model: llama3.2"),
    expected: "SY1002 17:5 Duplicate key 'model'",
    related: "16:5 first defined here",
  },
  {
    name: "a stray `: ` in a value",
    kind: MM,
    text: edit(
      MM,
      17,
      "    description: General chat on Ollama.",
      "    description: General chat: fast and local.",
    ),
    expected:
      "SY1018 17:30 The value of `description` contains `: `, which YAML reads as the start of another key",
  },
  {
    name: "a value starting with a reserved character",
    kind: MM,
    text: edit(MM, 17, "    description: General chat on Ollama.", "    description: @ollama chat"),
    expected: "SY1018 17:18 A value cannot start with `@` unless it is quoted",
  },
  {
    name: "a backslash escape in a double-quoted Windows path",
    kind: MM,
    text: edit(MM, 17, "    description: General chat on Ollama.", '    description: "C:\\models\\llama"'),
    expected: "SY1018 17:21 `\\m` is not an escape sequence: in double quotes, `\\` starts one",
  },
  {
    name: "a masked value read as an alias",
    kind: "providers",
    text: edit("providers", 26, "    description: Local models served by Ollama.", "    description: *****"),
    expected: "SY1001 26:18 Alias ***** has no anchor &**** before it",
  },
  {
    name: "CRLF line endings mixed with LF",
    kind: MM,
    text: edit(MM, 16, "    model: llama3.1:8b", "    model: llama3.1:8b\r"),
    expected: "SY1015 16:23 Line endings are mixed: 1 line ends with CRLF (the first is line 16), 95 with LF",
  },
  {
    name: "a byte-order mark inside the file",
    kind: MM,
    text: edit(MM, 16, "    model: llama3.1:8b", "    \uFEFFmodel: llama3.1:8b"),
    expected: "SY1016 16:5 An invisible byte-order mark (U+FEFF) is inside the file",
  },
  {
    // Not also "`model` is indented 0 spaces" (SY1013): the mark is invisible, the line looks right.
    name: "a byte-order mark before a line's indentation",
    kind: MM,
    text: edit(MM, 16, "    model: llama3.1:8b", "\uFEFF    model: llama3.1:8b"),
    expected: "SY1016 16:1 An invisible byte-order mark (U+FEFF) is inside the file",
  },
  {
    // Nor a cascade of SY1013 on the entry's other keys.
    name: "a byte-order mark before an entry's indentation",
    kind: MM,
    text: edit(MM, 14, "  llama3.1:", "\uFEFF  llama3.1:"),
    expected: "SY1016 14:1 An invisible byte-order mark (U+FEFF) is inside the file",
  },
  {
    name: "a second document",
    kind: MM,
    text: edit(MM, 41, "", "---"),
    expected: "SY1008 41:1 The file holds more than one YAML document",
  },
];

describe("hand-editing slips: one diagnostic each, on the line of the mistake", () => {
  it("starts from files that are valid", () => {
    expect(load("model-mappings", FILES["model-mappings"])).toEqual([]);
    expect(load("providers", FILES.providers)).toEqual([]);
  });

  it("covers at least twenty slips", () => {
    expect(SLIPS.length).toBeGreaterThanOrEqual(20);
  });

  it.each(SLIPS)("$name", (slip) => {
    const diagnostics = load(slip.kind, slip.text);
    expect(diagnostics.map(describeOne)).toEqual([slip.expected]);
    const [d] = diagnostics;
    expect(d!.hint, "every slip says what to do").toMatch(/\S/);
    const related = d!.related?.map((r) => `${r.range?.start.line}:${r.range?.start.column} ${r.message}`);
    expect(related?.[0]).toEqual(slip.related);
  });
});

describe("what is not a slip", () => {
  it.each([
    ["a byte-order mark at the start (YAML, PyYAML and editors allow it)", `\uFEFF${FILES.providers}`],
    ["a tab on an otherwise empty line", FILES.providers.replace("\n\n", "\n\t\n")],
    ["CRLF on every line", FILES.providers.replace(/\n/g, "\r\n")],
  ])("%s", (_, text) => {
    expect(load("providers", text)).toEqual([]);
  });
});

describe("several slips in one file", () => {
  it("reports each once, in file order, without a cascade", () => {
    let text = edit(MM, 16, "    model: llama3.1:8b", "  model: llama3.1:8b");
    text = text.replace("    fallbacks: [qwen2.5]", "    fallbacks: [qwen2.5");
    text = text.replace("  cooldown_seconds: 30", "  cooldown_seconds:30");
    expect(load("model-mappings", text).map((d) => `${d.code} ${d.range?.start.line}`)).toEqual([
      "SY1013 16",
      "SY1014 23",
      "SY1017 80",
    ]);
  });

  it("keeps every position on the line as written, when a repair made the line longer", () => {
    // Found by load.property.test.ts: re-indenting ` dels:` moved a later error's column past the
    // end of the line, so its line and column disagreed with its offset.
    const text =
      'ema_version: "2.0.0"\nproviders:\n  ollama:\n    type: ollama\n    base_url: http://127.0.0.1:11434\n dels:\n      - name: llama3.1:8b\n        context_length:  openai:\n    type: openai\n    base_url: https://api.openai.com/v1\n    api_key: os.environ/OPENAI_API_KEY\n    models:\n {     - name: gpt-4o\n';
    const diagnostics = load("providers", text);
    expect(diagnostics.length).toBeGreaterThan(0);
    for (const d of diagnostics) {
      expect(d.range?.start, `${d.code} ${d.message}`).toEqual(positionInText(text, d.range!.start.offset));
      expect(d.range?.end, `${d.code} ${d.message}`).toEqual(positionInText(text, d.range!.end.offset));
    }
  });

  it("reports one error per tab-indented line and nothing else", () => {
    const lines = FILES.providers.split("\n");
    const tabbed = lines.map((line) => line.replace(/^( {2})+/, (lead) => "\t".repeat(lead.length / 2)));
    const expected = lines.flatMap((line, i) => (/^ +\S/.test(line) && !/^ +#/.test(line) ? [i + 1] : []));
    const diagnostics = load("providers", tabbed.join("\n"));
    expect(diagnostics.every((d) => d.code === "SY1003")).toBe(true);
    expect(diagnostics.map((d) => d.range?.start.line)).toEqual(expected);
  });
});

describe("the code frame of a tab", () => {
  it("shows the tab as `→`, so the frame shows the mistake it points at", async () => {
    const { renderPretty } = await import("../../render/pretty.js");
    const text = edit(MM, 16, "    model: llama3.1:8b", "\tmodel: llama3.1:8b");
    const diagnostics = load("model-mappings", text);
    const out = renderPretty(diagnostics, { sources: new Map([["model-mappings.yaml", text]]) });
    expect(out).toContain("> 16 | →   model: llama3.1:8b\n");
    expect(out).toContain("     | ^^^^\n");
    expect(out).toContain("✖ 1 error");
  });
});

describe("the cost of explaining", () => {
  it("re-parses little more than the file itself for a slip in a 4,000-entry file", async () => {
    const { explainSyntaxErrors } = await import("./explain.js");
    const { parseYamlDocument } = await import("../parse.js");
    const entries: string[] = [];
    for (let i = 0; i < 4000; i++)
      entries.push(
        `  model-${i}:\n    provider: ollama\n    model: llama3.1:8b\n    description: Model ${i}.\n`,
      );
    const lines = `schema_version: "2.0.0"\nexact_matches:\n${entries.join("")}`.split("\n");
    // The `provider` of entry 2000 (lines 8003–8006, 1-based 8004–8007).
    expect(lines[8003]).toBe("    provider: ollama");
    lines[8003] = "  provider: ollama";
    const text = lines.join("\n");
    let parsed = 0;
    const diagnostics = explainSyntaxErrors(text, {
      file: "model-mappings.yaml",
      errors: parseYamlDocument(text).errors,
      parse: (part) => {
        parsed += part.length;
        return parseYamlDocument(part);
      },
      describe: () => {
        throw new Error("every error here is a slip");
      },
    });
    expect(diagnostics.map(describeOne)).toEqual([
      "SY1013 8004:3 `provider` is indented 2 spaces; its siblings use 4",
    ]);
    // One parse of the repaired file, and a few of the lines around the slip.
    expect(parsed).toBeLessThan(1.2 * text.length);
  });

  it("leaves a file with hundreds of errors to the parser's own messages", () => {
    const text = `schema_version: "2.0.0"\n${"]\n".repeat(5000)}`;
    const diagnostics = load("providers", text);
    expect(diagnostics.length).toBeGreaterThan(200);
    // The parser's SY1001 per line (and the SY1019 summary past the per-file cap), no slip codes.
    expect(diagnostics.filter((d) => d.code !== "SY1001" && d.code !== "SY1019")).toEqual([]);
  });
});
