import { describe, expect, it, vi } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { MAX_NESTING_DEPTH } from "./nesting-cap.js";
import { DEFAULT_MAX_BYTES, parseYaml } from "./parse.js";

const FILE = "providers.yaml";

/** `code line:column` of each diagnostic, the form every assertion below uses. */
function located(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.column}`);
}

function parse(input: string | Uint8Array, options: { maxBytes?: number; maxAliasCount?: number } = {}) {
  return parseYaml(input, { file: FILE, ...options });
}

function bytes(...parts: (string | number[])[]): Uint8Array {
  return Buffer.concat(parts.map((p) => (typeof p === "string" ? Buffer.from(p, "utf8") : Buffer.from(p))));
}

describe("parseYaml: well-formed input", () => {
  it("returns plain data and no diagnostics", () => {
    const source = parse('schema_version: "2.0.0"\nproviders:\n  ollama:\n    type: ollama\n');
    expect(source.diagnostics).toEqual([]);
    expect(source.data).toEqual({ schema_version: "2.0.0", providers: { ollama: { type: "ollama" } } });
  });

  it("drops a UTF-8 byte-order mark and keeps positions relative to the text after it", () => {
    const source = parse(bytes([0xef, 0xbb, 0xbf], "a: 1\nb: [\n"));
    expect(source.text.startsWith("a: 1")).toBe(true);
    // The unclosed `[` on line 2, column 4 of the text after the mark.
    expect(located(source.diagnostics)).toEqual(["SY1014 2:4"]);
  });

  it("locates values, keys, and the key of an entry whose value is empty", () => {
    const source = parse("a:\n  b: 1\n  c:\n");
    expect(source.rangeOf(["a", "b"])?.start).toEqual({ line: 2, column: 6, offset: 8 });
    expect(source.rangeOf(["a", "b"], "key")?.start).toEqual({ line: 2, column: 3, offset: 5 });
    // `c:` has an empty value: the key is the only place an editor can point at.
    expect(source.rangeOf(["a", "c"])?.start).toEqual({ line: 3, column: 3, offset: 12 });
    // A missing key resolves to the key of the deepest entry that exists.
    expect(source.rangeOf(["a", "missing", "deeper"])?.start).toEqual({ line: 1, column: 1, offset: 0 });
  });
});

describe("parseYaml: syntax errors, one per slip (the full table is in syntax/slips.test.ts)", () => {
  it.each([
    ["an unclosed flow map", 'schema_version: "2.0.0"\nproviders: {a: b\n', "SY1014 2:12"],
    ["an unclosed quote", 'schema_version: "2.0.0\nproviders: {}\n', "SY1014 1:17"],
    ["a value containing ': '", 'schema_version: "2.0.0"\nproviders:\n  a: b: c\n', "SY1018 3:7"],
    ["a dedented key", 'schema_version: "2.0.0"\nproviders:\n  a: 1\n b: 2\n', "SY1013 4:2"],
  ])("reports %s once, at the mistake", (_, text, expected) => {
    const source = parse(text);
    expect(located(source.diagnostics)).toEqual([expected]);
    expect(source.data).toBeUndefined();
  });

  it("keeps positions exact after a token the parser cannot lex across a line break", () => {
    // The parser's own line counter skips the line break inside the bad token; ours does not.
    const text =
      '\u0001schema_version: "2.0.0"\nproviders:\n  ollama:\n]    type: ollama\n    base_url: http://127.0.0.1:11434\n';
    const colon = parse(text).diagnostics.find((d) => d.range?.start.offset === text.indexOf(": http"));
    expect(colon?.message).toBe('Unexpected map-value-ind token in YAML stream: ":"');
    expect(located([colon!])).toEqual(["SY1001 5:13"]);
  });

  it("reports an alias with no anchor at the alias", () => {
    const source = parse("a: 1\nb: *missing\n");
    expect(located(source.diagnostics)).toEqual(["SY1001 2:4"]);
    expect(source.diagnostics[0]!.message).toBe("Alias *missing has no anchor &missing before it");
  });

  it("reports an alias used before its anchor at the alias", () => {
    expect(located(parse("a: *x\nb: &x 1\n").diagnostics)).toEqual(["SY1001 1:4"]);
  });

  it("refuses a key written as a collection, at the key, without a process warning", () => {
    const warn = vi.spyOn(process, "emitWarning");
    const source = parse("a: 1\n? [x, y]\n: 2\n");
    expect(warn).not.toHaveBeenCalled();
    warn.mockRestore();
    expect(located(source.diagnostics)).toEqual(["SY1001 2:3"]);
    expect(source.data).toBeUndefined();
  });

  it("never throws on absurdly deep nesting", () => {
    const source = parse(`a: ${"[".repeat(20_000)}${"]".repeat(20_000)}\n`);
    expect(source.data).toBeUndefined();
    expect(source.diagnostics[0]?.code).toBe("SY1001");
  });

  describe(`nesting deeper than ${MAX_NESTING_DEPTH} levels is not read (fuzz seed 20261205-476)`, () => {
    // Composing recurses once per level; near the end of the stack a regular expression compiled
    // there aborted the process ("RegExpCompiler Allocation failed"), which no catch can stop: a
    // line of 87,000 `{` parsed three times in one process killed it.
    const flows = `a: ${"{".repeat(87_000)}\nb: |\n  folded\n  text\nc: "two\n  lines"\n`;
    it("an unclosed run of `{` on one line: a located SY1001 where it goes too deep, every time", () => {
      for (let i = 0; i < 4; i++) {
        const source = parse(flows);
        expect(source.data).toBeUndefined();
        const deep = source.diagnostics.find((d) => d.message.startsWith("Nested more than"));
        expect(deep?.code).toBe("SY1001");
        // The first `{` is level 2 (under `a:`): level 101 is the 100th `{`, at column 3 + 100.
        expect(deep?.range?.start).toEqual({ line: 1, column: 103, offset: 102 });
      }
    });

    it("block sequences nested on one line (`- - - …`) and by indentation", () => {
      const compact = parse(`a:\n  ${"- ".repeat(30_000)}x\n`);
      expect(located(compact.diagnostics)).toContain("SY1001 2:201");
      const indented = Array.from({ length: 150 }, (_, i) => `${" ".repeat(i)}k${i}:`).join("\n");
      const source = parse(`${indented} 1\n`);
      expect(source.data).toBeUndefined();
      expect(source.diagnostics.map((d) => d.message)).toContain(
        `Nested more than ${MAX_NESTING_DEPTH} levels deep here; the rest of the file was not read`,
      );
    });

    it(`${MAX_NESTING_DEPTH} levels are read`, () => {
      const depth = MAX_NESTING_DEPTH;
      // `a:` is level 1; the flow sequences are levels 2 … depth.
      const source = parse(`a: ${"[".repeat(depth - 1)}1${"]".repeat(depth - 1)}\n`);
      expect(source.diagnostics).toEqual([]);
      let level = (source.data as { a: unknown }).a;
      for (let i = 2; i < depth; i++) level = (level as unknown[])[0];
      expect(level).toEqual([1]);
      expect(located(parse(`a: ${"[".repeat(depth)}1${"]".repeat(depth)}\n`).diagnostics)).toEqual([
        "SY1001 1:103",
      ]);
    });
  });
});

describe("parseYaml: the parser's messages never quote a secret (#10 item 6)", () => {
  it("a literal key the YAML parser quotes in its message is redacted (fuzz seed 20261205-98)", () => {
    const secret = "sk-proj-Fz7qWm2LxPv9KtR4NcY8HbJ3DsG6ZaE1uQoX5";
    // Indented past the document's first line: every later token is "Unexpected … in YAML stream:
    // "<token>"", more errors than the syntax explainer takes, so the parser's own messages remain.
    const filler = "  x:\n    y: 1\n".repeat(120);
    const source = parse(
      `    base_url: http://127.0.0.1:11434\n${filler}  openai:\n    api_key: ${secret}\n`,
    );
    const messages = source.diagnostics.map((d) => d.message);
    expect(messages).toContain('Unexpected scalar token in YAML stream: "sk-p…**** (45 chars)"');
    expect(messages).toContain('Unexpected scalar token in YAML stream: "api_key"');
    expect(JSON.stringify(source.diagnostics)).not.toContain(secret.slice(8));
  });
});

describe("parseYaml: YAML rules Switchyard enforces", () => {
  it("reports a duplicate key (SY1002) at the second occurrence and names it", () => {
    const source = parse('schema_version: "2.0.0"\nproviders: {}\nschema_version: "2.0.0"\n');
    expect(located(source.diagnostics)).toEqual(["SY1002 3:1"]);
    expect(source.diagnostics[0]!.message).toBe("Duplicate key 'schema_version'");
  });

  it("reports a duplicate nested key at its position", () => {
    const source = parse("providers:\n  ollama:\n    type: a\n    type: b\n");
    expect(located(source.diagnostics)).toEqual(["SY1002 4:5"]);
  });

  it("reports tab indentation (SY1003) at the tab", () => {
    const source = parse('schema_version: "2.0.0"\nproviders:\n\tollama: 1\n');
    expect(located(source.diagnostics)).toContain("SY1003 3:1");
    expect(source.data).toBeUndefined();
  });

  it("stops a billion-laughs alias bomb (SY1004) quickly, at the first alias", () => {
    const levels = ["a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]"];
    for (let i = 1; i < 9; i++) {
      const name = String.fromCharCode(97 + i);
      const previous = String.fromCharCode(96 + i);
      levels.push(`${name}: &${name} [${Array(9).fill(`*${previous}`).join(", ")}]`);
    }
    const started = performance.now();
    const heapBefore = process.memoryUsage().heapUsed;
    const source = parse(`${levels.join("\n")}\n`);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(process.memoryUsage().heapUsed - heapBefore).toBeLessThan(64 * 1024 * 1024);
    expect(located(source.diagnostics)).toEqual(["SY1004 2:8"]);
    expect(source.data).toBeUndefined();
  });

  it("accepts a few ordinary aliases", () => {
    const source = parse("base: &b {x: 1}\nuse: *b\n");
    expect(source.diagnostics).toEqual([]);
    expect(source.data).toEqual({ base: { x: 1 }, use: { x: 1 } });
  });

  it("honours a lower alias limit", () => {
    const source = parse("a: &a [1]\nb: [*a, *a, *a]\n", { maxAliasCount: 2 });
    expect(located(source.diagnostics)).toEqual(["SY1004 2:5"]);
  });

  it("refuses an alias inside the node it names (SY1004), which would never end", () => {
    expect(located(parse("a: &x [1, *x]\n").diagnostics)).toEqual(["SY1004 1:11"]);
    expect(located(parse("a: &x\n  b: *x\n").diagnostics)).toEqual(["SY1004 2:6"]);
  });

  it("reports a second document (SY1008) at its separator", () => {
    const source = parse('schema_version: "2.0.0"\nproviders: {}\n---\nextra: 1\n');
    expect(located(source.diagnostics)).toEqual(["SY1008 3:1"]);
    expect(source.data).toBeUndefined();
  });

  it.each([
    ["an empty file", ""],
    ["a file of comments", "# nothing here\n\n"],
    ["a file holding only null", "~\n"],
  ])("reports %s as empty (SY1009) at 1:1", (_, text) => {
    const source = parse(text);
    expect(located(source.diagnostics)).toEqual(["SY1009 1:1"]);
    expect(source.diagnostics[0]!.message).toBe("The file is empty");
  });

  it("reports a top-level list (SY1009) where it starts", () => {
    const source = parse("# a list\n- a\n- b\n");
    expect(located(source.diagnostics)).toEqual(["SY1009 2:1"]);
    expect(source.diagnostics[0]!.message).toMatch(/not a list$/);
  });

  it("reports a top-level scalar (SY1009)", () => {
    expect(located(parse("hello\n").diagnostics)).toEqual(["SY1009 1:1"]);
  });
});

describe("parseYaml: forbidden keys (SY1007)", () => {
  it("reports each of __proto__, constructor and prototype at the key and drops them", () => {
    const source = parse("__proto__: {polluted: true}\na:\n  constructor: 1\n  b:\n    - prototype: 2\n");
    expect(located(source.diagnostics)).toEqual(["SY1007 1:1", "SY1007 3:3", "SY1007 5:7"]);
    expect(source.data).toEqual({ a: { b: [{}] } });
  });

  it("never pollutes Object.prototype and returns objects with the ordinary prototype", () => {
    const source = parse("__proto__: {polluted: true}\nnested:\n  __proto__:\n    polluted: true\n");
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.prototype).not.toHaveProperty("polluted");
    const data = source.data as Record<string, Record<string, unknown>>;
    expect(Object.getPrototypeOf(data)).toBe(Object.prototype);
    expect(Object.getPrototypeOf(data.nested)).toBe(Object.prototype);
    expect(data.nested!.polluted).toBeUndefined();
    expect(Object.keys(data)).toEqual(["nested"]);
  });

  it("also refuses a quoted forbidden key", () => {
    expect(located(parse('"__proto__": 1\n').diagnostics)).toEqual(["SY1007 1:1"]);
  });
});

describe("parseYaml: encodings (SY1005)", () => {
  it("points at the first invalid byte: a Latin-1 é on line 3", () => {
    const source = parse(bytes('schema_version: "2.0.0"\nproviders:\n  caf', [0xe9], ": 1\n"));
    expect(located(source.diagnostics)).toEqual(["SY1005 3:6"]);
    expect(source.diagnostics[0]!.message).toBe("Invalid UTF-8 byte 0xe9 at byte offset 40");
    expect(source.data).toBeUndefined();
  });

  it("counts columns in characters after valid multi-byte text", () => {
    // "é€😀" is 2 + 3 + 4 bytes but 1 + 1 + 2 UTF-16 units; the bad byte follows them.
    const source = parse(bytes("a: 1\nb: é€😀", [0xff], "\n"));
    expect(located(source.diagnostics)).toEqual(["SY1005 2:8"]);
    expect(source.diagnostics[0]!.range!.start.offset).toBe(12);
  });

  it.each([
    ["an overlong encoding", [0xc0, 0xaf]],
    ["an overlong three-byte form", [0xe0, 0x80, 0xaf]],
    ["a UTF-16 surrogate", [0xed, 0xa0, 0x80]],
    ["a code point above U+10FFFF", [0xf4, 0x90, 0x80, 0x80]],
    ["a truncated sequence", [0xe2, 0x82]],
    ["a lone continuation byte", [0x80]],
  ])("rejects %s at its first byte", (_, bad) => {
    const source = parse(bytes("k: v\nx: ", bad, "\n"));
    expect(located(source.diagnostics)).toEqual(["SY1005 2:4"]);
    expect(source.diagnostics[0]!.message).toContain("byte offset 8");
  });

  it.each([
    ["little-endian", [0xff, 0xfe]],
    ["big-endian", [0xfe, 0xff]],
  ])("refuses a UTF-16 %s file by its byte-order mark", (_, bom) => {
    const body = Buffer.from('schema_version: "2.0.0"\n', "utf16le");
    const source = parse(bytes(bom, [...body]));
    expect(located(source.diagnostics)).toEqual(["SY1005 1:1"]);
    expect(source.diagnostics[0]!.message).toMatch(/UTF-16/);
  });

  it("refuses UTF-16 without a byte-order mark by its NUL characters", () => {
    const source = parse(Buffer.from("a: 1\n", "utf16le"));
    expect(located(source.diagnostics)).toEqual(["SY1005 1:2"]);
  });
});

describe("parseYaml: size cap (SY1006)", () => {
  it("refuses text over the cap without parsing it", () => {
    const source = parse("a: 1\n".repeat(100), { maxBytes: 499 });
    expect(located(source.diagnostics)).toEqual(["SY1006 1:1"]);
    expect(source.diagnostics[0]!.message).toBe("File is 500 bytes, over the 499-byte limit");
    expect(source.document).toBeUndefined();
  });

  it("measures strings in UTF-8 bytes, not characters", () => {
    expect(parse("a: é\n", { maxBytes: 5 }).diagnostics[0]?.code).toBe("SY1006");
    expect(parse("a: e\n", { maxBytes: 5 }).diagnostics).toEqual([]);
  });

  it("has a 16 MiB default", () => {
    expect(DEFAULT_MAX_BYTES).toBe(16 * 1024 * 1024);
  });
});

describe("parseYaml: a cap on the syntax errors parsed (#10 item 8)", () => {
  it("stops at the 200th unclosed flow collection: 60 KB of `{` lines in well under a second", () => {
    // Under the size at which a broken file is read only up to its first errors (error-cut.ts).
    const text = `schema_version: "2.0.0"\n${"{\n".repeat(30_000)}`;
    const started = performance.now();
    const source = parse(text);
    // 15 s in the CLI before the cap (60 s for the composer alone in a quiet process).
    expect(performance.now() - started).toBeLessThan(5000);
    const stop = source.diagnostics.find((d) => d.message.startsWith("Parsing stopped"));
    expect(stop).toMatchObject({ code: "SY1001", severity: "error" });
    expect(stop!.message).toBe(
      "Parsing stopped after 200 unclosed flow collections ('{' or '['); the rest of the file was not read",
    );
    expect(stop!.range!.start.line).toBe(201);
  });

  it("parses files with a few unclosed brackets as before", () => {
    const source = parse("a: {b: 1\nc: [2\n");
    expect(source.diagnostics.some((d) => d.message.startsWith("Parsing stopped"))).toBe(false);
    expect(source.diagnostics.length).toBeGreaterThan(0);
  });
});
