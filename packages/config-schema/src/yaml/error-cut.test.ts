import { describe, expect, it } from "vitest";
import { strictReads } from "./strict-reads.test-support.js";

const { parseYaml } = await import("./parse.js");
const { ERROR_CUT_MIN_LENGTH, LINES_PAST_FIRST_ERROR, STRICT_READ_MAX_LINES } = await import(
  "./error-cut.js"
);

const HEAD = 'schema_version: "2.0.0"\nproviders:\n  a: 1\n';

function parseCounted(text: string) {
  strictReads.chars = 0;
  const source = parseYaml(text, { file: "providers.yaml" });
  return { source, chars: strictReads.chars };
}

const stopped = (source: ReturnType<typeof parseYaml>) =>
  source.diagnostics.find((d) => d.message.startsWith("Reading stopped"));

describe("a large file that does not parse is read up to a little past its first errors (#10)", () => {
  it("reads the same bounded beginning of 50,000 and 150,000 broken lines", () => {
    const small = parseCounted(`${HEAD}${"- x\n".repeat(50_000)}`);
    const large = parseCounted(`${HEAD}${"- x\n".repeat(150_000)}`);
    // Up to LINES_PAST_FIRST_ERROR lines past the first error (line 4), 4 characters each, read
    // once and a few times again by the explanation of its errors (explain.ts): the same, whatever
    // the size (a whole reading was 150,000 lines).
    const bound = HEAD.length + (LINES_PAST_FIRST_ERROR + 1) * 4;
    expect(small.chars).toBeLessThanOrEqual(8 * bound);
    expect(large.chars).toBe(small.chars);
    for (const { source } of [small, large]) {
      expect(source.data).toBeUndefined();
      // The first error is the one a whole reading reports there: the list item among the keys.
      expect(source.diagnostics.some((d) => d.severity === "error" && d.range?.start.line === 4)).toBe(true);
      expect(stopped(source)).toMatchObject({ code: "SY1001", severity: "error" });
      expect(stopped(source)!.range!.start.line).toBe(4 + LINES_PAST_FIRST_ERROR + 1);
    }
    expect(stopped(large.source)!.message).toBe(
      `Reading stopped ${LINES_PAST_FIRST_ERROR} lines past the first syntax error; the rest of the file (${150_003 - (4 + LINES_PAST_FIRST_ERROR + 1) + 1} lines) was not read`,
    );
  });

  it("reports no error the cut itself makes (a quote it leaves open)", () => {
    const { source } = parseCounted(`${HEAD}${"'\n".repeat(60_000)}`);
    const cutAt = stopped(source)!.range!.start.offset;
    expect(source.diagnostics.every((d) => d === stopped(source) || d.range!.start.offset < cutAt)).toBe(
      true,
    );
  });

  it("reads a large file whole when its first problem is not a syntax error (duplicate keys)", () => {
    const keys = Array.from({ length: 20_000 }, (_, i) => `  k${i}: ${i}\n`).join("");
    // An anchor and an alias: not plain, so the strict tier reads it; js-yaml stops at the repeat.
    const text = `${HEAD}  a: &v 2\n${keys}  a: *v\n`;
    expect(text.length).toBeGreaterThan(ERROR_CUT_MIN_LENGTH);
    const { source, chars } = parseCounted(text);
    expect(stopped(source)).toBeUndefined();
    expect(chars).toBeGreaterThanOrEqual(text.length);
    // Both repeats, the last one past where a cut would have stopped.
    expect(source.diagnostics.filter((d) => d.code === "SY1002").map((d) => d.range?.start.line)).toEqual([
      4, 20_005,
    ]);
    expect(source.data).toMatchObject({ providers: { a: 2, k19999: 19999 } });
  });

  it("reads a smaller file whole, however broken", () => {
    const text = `${HEAD}${"- x\n".repeat(10_000)}`;
    expect(text.length).toBeLessThan(ERROR_CUT_MIN_LENGTH);
    const { source, chars } = parseCounted(text);
    expect(stopped(source)).toBeUndefined();
    expect(chars).toBeGreaterThanOrEqual(text.length);
  });
});

describe("a large file whose first syntax error is far down is not read whole by the strict tier (#10)", () => {
  const keys = (n: number) => Array.from({ length: n }, (_, i) => `  k${i}: ${i}\n`).join("");
  const far = (source: ReturnType<typeof parseYaml>) =>
    source.diagnostics.find((d) => d.message.startsWith("The YAML does not parse here"));

  it("reads the first lines, and reports js-yaml's error where it is, however far", () => {
    const lines = STRICT_READ_MAX_LINES + 10_000;
    const text = `${HEAD}${keys(lines)}- x\n${"  k: 1\n".repeat(10)}`;
    const { source, chars } = parseCounted(text);
    // The strict tier reads the first STRICT_READ_MAX_LINES lines, not the 30,000 (it did: 1–2 s of
    // CPU for 150,000 lines).
    const window = text.split("\n", STRICT_READ_MAX_LINES).join("\n").length + 1;
    expect(chars).toBeLessThanOrEqual(window);
    expect(source.data).toBeUndefined();
    expect(stopped(source)).toMatchObject({
      code: "SY1001",
      severity: "error",
      range: { start: { line: STRICT_READ_MAX_LINES + 1, column: 1 } },
    });
    expect(stopped(source)!.message).toBe(
      `Reading stopped at line ${STRICT_READ_MAX_LINES + 1}: the first syntax error is further on (line ${lines + 4}); the rest of the file (${lines + 14 - STRICT_READ_MAX_LINES} lines) was not read`,
    );
    expect(far(source)).toMatchObject({ code: "SY1001", range: { start: { line: lines + 4 } } });
  });

  it("reads 200 lines past the first repeated key: the two that say where it stopped are not capped away (fuzz seed 20261211 input 9793)", () => {
    // 150,000 repeated keys, then 104,000 unclosed `{`: js-yaml's first complaint is the repeat, so
    // no cut applied and the strict tier read all 254,000 lines (2.3 s of CPU per command).
    const repeats = STRICT_READ_MAX_LINES + 10_000;
    const text = `${HEAD}${"a: b\n".repeat(repeats)}${"{\n".repeat(1_000)}`;
    const { source, chars } = parseCounted(text);
    // The first line and the first repeat (line 5), then LINES_PAST_FIRST_ERROR more.
    expect(chars).toBe(HEAD.length + (LINES_PAST_FIRST_ERROR + 2) * 5);
    const codes = source.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === "SY1002")).toHaveLength(LINES_PAST_FIRST_ERROR + 1);
    expect(codes).not.toContain("SY1019");
    expect(stopped(source)!.range!.start.line).toBe(5 + LINES_PAST_FIRST_ERROR + 1);
    // js-yaml stops at the 100th `{` (its nesting limit), past every repeat.
    expect(far(source)!.range!.start.line).toBe(3 + repeats + 100);
  });

  it("reads a well-formed file of many repeated keys up to 200 lines past the first (fuzz seed 20261211 input 39104)", () => {
    // 145,000 repeats and an alias (not plain, so the strict tier reads it): 1.9 s of CPU per command.
    const text = `${HEAD}  b: &v 1\n${"a: *v\n".repeat(STRICT_READ_MAX_LINES)}`;
    const { source, chars } = parseCounted(text);
    // The first repeat is on line 6; the window and the counting read the same 201 lines.
    expect(chars).toBeLessThanOrEqual(2 * (HEAD.length + 9 + (LINES_PAST_FIRST_ERROR + 2) * 6));
    expect(source.data).toBeUndefined();
    const codes = source.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === "SY1002")).toHaveLength(LINES_PAST_FIRST_ERROR + 1);
    expect(stopped(source)).toMatchObject({
      code: "SY1001",
      message: `Reading stopped ${LINES_PAST_FIRST_ERROR} lines past the first repeated key, among many repeated keys; the rest of the file (${STRICT_READ_MAX_LINES - LINES_PAST_FIRST_ERROR - 2} lines) was not read`,
      range: { start: { line: 6 + LINES_PAST_FIRST_ERROR + 1 } },
    });
  });

  it("stops in a run of repeated keys when js-yaml's far complaint may be its own (fuzz seed 20261211 input 19331)", () => {
    const text = `${HEAD}${"a: b\n".repeat(STRICT_READ_MAX_LINES)}x: !!js/function 1\n`;
    const { source, chars } = parseCounted(text);
    expect(chars).toBeLessThanOrEqual(2 * (HEAD.length + (LINES_PAST_FIRST_ERROR + 2) * 5));
    expect(stopped(source)?.message).toContain("lines past the first repeated key, among many repeated keys");
    expect(source.diagnostics.some((d) => d.message.startsWith("The YAML does not parse here"))).toBe(false);
  });

  it("reads a file whole when js-yaml's far complaint may be its own (an unknown tag)", () => {
    const text = `${HEAD}${keys(STRICT_READ_MAX_LINES + 100)}  x: !custom 1\n  y: 2\n`;
    const { source, chars } = parseCounted(text);
    expect(chars).toBeGreaterThanOrEqual(text.length);
    expect(stopped(source)).toBeUndefined();
    expect(far(source)).toBeUndefined();
    expect(source.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });
});

describe("a large file with repeated keys is read by the plain reader, not the strict tier (#10)", () => {
  it("reads 150,000 repeats of a key without the strict tier, reporting them as it did", () => {
    const { source, chars } = parseCounted(`${HEAD}${"a: b\n".repeat(150_000)}`);
    expect(chars).toBe(0);
    const codes = source.diagnostics.map((d) => d.code);
    expect(codes.filter((c) => c === "SY1002")).toHaveLength(1000);
    expect(source.diagnostics.at(-1)?.message).toContain("148999 more diagnostics in providers.yaml");
    expect(source.data).toBeUndefined();
  });

  it("reads 135,000 repeats of an explicit key (`? x`) without the strict tier", () => {
    const { source, chars } = parseCounted(`${HEAD}${"? x\n".repeat(135_000)}`);
    expect(chars).toBe(0);
    expect(source.diagnostics.filter((d) => d.code === "SY1002")).toHaveLength(1000);
    expect(source.diagnostics[0]).toMatchObject({
      message: "Duplicate key 'x'",
      range: { start: { line: 5 } },
    });
    expect(source.diagnostics.at(-1)?.message).toContain("133999 more diagnostics in providers.yaml");
  });

  it("reads a forbidden key and a leading `---` without the strict tier (fuzz seed 1796469511, 151 and 1276)", () => {
    const forbidden = parseCounted(`prototype: x\n${HEAD}${"? x\n".repeat(146_000)}`);
    expect(forbidden.chars).toBe(0);
    expect(forbidden.source.diagnostics[0]).toMatchObject({
      code: "SY1007",
      message: "Key 'prototype' is not allowed",
      range: { start: { line: 1, column: 1 } },
    });
    const marked = parseCounted(`---\n${HEAD}${"a: b\n".repeat(141_000)}`);
    expect(marked.chars).toBe(0);
    expect(marked.source.diagnostics[0]).toMatchObject({ code: "SY1002", range: { start: { line: 6 } } });
  });

  it("hands on the data of a large file with one repeated key (the last value), located", () => {
    const keys = Array.from({ length: 5_000 }, (_, i) => `  k${i}: ${i}\n`).join("");
    const { source, chars } = parseCounted(`${HEAD}${keys}  a: 2\n`);
    expect(chars).toBe(0);
    expect(
      source.diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.column}`),
    ).toEqual(["SY1002 5004:3"]);
    expect(source.diagnostics[0]!.related?.[0]?.range?.start.line).toBe(3);
    expect(source.data).toMatchObject({ providers: { a: 2, k4999: 4999 } });
    // Located at the first one, as the strict tier's document is.
    expect(source.rangeOf(["providers", "a"])?.start.line).toBe(3);
  });

  it("searches no slips in a large file it reads whole: the text is read about once, not once per candidate repair", () => {
    // Fuzz seed 20261209 input 43471: 75,000 repeated keys and a flow collection left open on the
    // last line. The slip search re-read the 376 KB file for each repair it tried, up to forty times
    // its size: 21 s of CPU per command. (Repeated keys that many now stop reading, see above; a
    // file of distinct keys with its one error near the end is still read whole.)
    const keys = Array.from({ length: 8_000 }, (_, i) => `k${i}: ${i}\n`).join("");
    const text = `${HEAD}${keys}deep: [{[{[{[{[{[{[{[{\n`;
    expect(text.length).toBeGreaterThan(ERROR_CUT_MIN_LENGTH);
    const { source, chars } = parseCounted(text);
    expect(source.data).toBeUndefined();
    expect(stopped(source)).toBeUndefined();
    expect(
      source.diagnostics.some((d) => d.severity === "error" && (d.range?.start.line ?? 0) >= 8_004),
    ).toBe(true);
    expect(chars).toBeLessThan(3 * text.length);
  });
});

describe("nesting past the cap is not explained as slips (#10)", () => {
  it("reads 150 levels of indentation once: no repair is tried and read again", () => {
    const text = `${Array.from({ length: 150 }, (_, i) => `${"  ".repeat(i)}k${i}:`).join("\n")} 1\n`;
    const { source, chars } = parseCounted(text);
    expect(chars).toBe(text.length);
    expect(source.diagnostics.map((d) => d.message)).toContain(
      "Nested more than 100 levels deep here; the rest of the file was not read",
    );
  });
});
