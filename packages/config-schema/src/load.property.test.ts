/**
 * Properties of the loader on hostile input: whatever the bytes, `loadConfigText` returns (never
 * throws) and every diagnostic it returns has a stable code, a file and a position inside the text
 * that agrees with its own line and column.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { VALID_PROVIDERS } from "../test/valid-providers.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { loadConfigText } from "./load.js";
import type { ConfigFileKind } from "./schemas/files.js";
import { positionInText } from "./yaml/decode.js";

const FILE = "providers.yaml";

/** Check every invariant of one load; returns normally or throws (failing the property). */
function checkLoad(input: string | Uint8Array, kind: ConfigFileKind = "providers"): void {
  const loaded = loadConfigText(kind, input, FILE);
  // Positions are offsets into the decoded text (without a byte-order mark). For bytes that could
  // not be decoded the text is empty, and positions are bounded by the input's length instead.
  const inputLength = typeof input === "string" ? input.length : input.byteLength;
  const text = loaded.source.text;
  for (const d of loaded.diagnostics) checkDiagnostic(d, text, inputLength);
  // A typed value exactly when nothing is wrong.
  expect(loaded.value !== undefined).toBe(!loaded.diagnostics.some((d) => d.severity === "error"));
}

function checkDiagnostic(d: Diagnostic, text: string, inputLength: number): void {
  expect(d.code).toMatch(/^SY\d{4}$/);
  expect(d.file).toBe(FILE);
  expect(d.message.length).toBeGreaterThan(0);
  if (d.severity !== "error") return;
  const range = d.range;
  expect(range, `${d.code} ${d.message} has no range`).toBeDefined();
  const { start, end } = range!;
  expect(start.line).toBeGreaterThanOrEqual(1);
  expect(start.column).toBeGreaterThanOrEqual(1);
  expect(start.offset).toBeGreaterThanOrEqual(0);
  expect(start.offset).toBeLessThanOrEqual(inputLength);
  expect(end.offset).toBeGreaterThanOrEqual(start.offset);
  if (text.length > 0) {
    expect(start.offset).toBeLessThanOrEqual(text.length);
    expect(positionInText(text, start.offset), `${d.code} ${d.message}`).toEqual(start);
  }
}

const TOKENS = [
  "a",
  "b",
  "providers",
  "schema_version",
  "__proto__",
  "constructor",
  "2.0.0",
  '"2.0.0"',
  "ollama",
  "type",
  ":",
  ": ",
  " ",
  "  ",
  "\n",
  "\r\n",
  "\t",
  "-",
  "- ",
  "[",
  "]",
  "{",
  "}",
  ",",
  "?",
  "|",
  ">",
  "#",
  "---",
  "...",
  "&a",
  "*a",
  "&b ",
  "*b",
  "!tag ",
  "!!str ",
  "'",
  '"',
  "\\",
  "%YAML 1.2\n",
  "1e400",
  "99999999999999999999999",
  "-0",
  ".nan",
  "~",
  "null",
  "é",
  "😀",
  "\ud800",
  "\u0000",
  "\ufeff",
  "\u2028",
  "\u0085",
];

const yamlish = fc.array(fc.constantFrom(...TOKENS), { maxLength: 60 }).map((parts) => parts.join(""));

const INSERTS = [
  "\t",
  "*a",
  "&a ",
  ":",
  ": ",
  "'",
  '"',
  "\n",
  " ",
  "-",
  "#",
  "[",
  "{",
  "&a [*a, *a]",
  "99999999999999999999999",
  "1e400",
  "-1",
  "0",
  "__proto__: {polluted: true}\n",
  "---\n",
  "\ufeff",
  "\u0000",
  "é",
  "? ",
];

type Edit =
  | { kind: "delete"; at: number; length: number }
  | { kind: "insert"; at: number; text: string }
  | { kind: "swap"; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant("delete" as const), at: fc.nat(), length: fc.integer({ min: 1, max: 8 }) }),
  fc.record({
    kind: fc.constant("insert" as const),
    at: fc.nat(),
    text: fc.oneof(fc.constantFrom(...INSERTS), fc.string({ maxLength: 3 })),
  }),
  fc.record({ kind: fc.constant("swap" as const), at: fc.nat() }),
);

function applyEdit(text: string, e: Edit): string {
  const at = text.length === 0 ? 0 : e.at % (text.length + 1);
  switch (e.kind) {
    case "delete":
      return text.slice(0, at) + text.slice(at + e.length);
    case "insert":
      return text.slice(0, at) + e.text + text.slice(at);
    case "swap":
      return at + 1 < text.length ? text.slice(0, at) + text[at + 1] + text[at] + text.slice(at + 2) : text;
  }
}

const mutatedProviders = fc
  .array(edit, { minLength: 1, maxLength: 6 })
  .map((edits) => edits.reduce(applyEdit, VALID_PROVIDERS));

/** The valid file as bytes with a few arbitrary bytes (often not UTF-8) written over or into it. */
const corruptedBytes = fc
  .array(fc.tuple(fc.nat(), fc.integer({ min: 0, max: 255 }), fc.boolean()), { minLength: 1, maxLength: 4 })
  .map((changes) => {
    let bytes = Buffer.from(VALID_PROVIDERS, "utf8");
    for (const [position, byte, replace] of changes) {
      const at = position % bytes.length;
      bytes = replace
        ? Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at + 1)])
        : Buffer.concat([bytes.subarray(0, at), Buffer.from([byte]), bytes.subarray(at)]);
    }
    return new Uint8Array(bytes);
  });

describe("loadConfigText on arbitrary input", () => {
  it("checks the valid file itself", () => {
    const loaded = loadConfigText("providers", VALID_PROVIDERS, FILE);
    expect(loaded.diagnostics).toEqual([]);
  });

  it("keeps positions inside the text for an unclosed flow map after a CRLF (seed -99985842)", () => {
    // The yaml parser reports "Flow map must end with a }" one past the end of this text.
    checkLoad("{\r\n[a", "providers");
  });

  it("never throws on YAML-ish token soup, for every kind of file", () => {
    const kinds: ConfigFileKind[] = ["providers", "model-mappings", "ports", "feature-flags", "litellm"];
    fc.assert(
      fc.property(yamlish, fc.constantFrom(...kinds), (text, kind) => checkLoad(text, kind)),
      { numRuns: 300 },
    );
  });

  it("never throws on arbitrary Unicode strings", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 200 }), (text) => checkLoad(text)),
      { numRuns: 100 },
    );
  });

  it("never throws on arbitrary bytes", () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => checkLoad(bytes)),
      { numRuns: 150 },
    );
  });

  it("never throws on edits of a valid providers.yaml", () => {
    fc.assert(
      fc.property(mutatedProviders, (text) => checkLoad(text)),
      { numRuns: 300 },
    );
  });

  it("never throws on a valid providers.yaml with corrupted bytes", () => {
    fc.assert(
      fc.property(corruptedBytes, (bytes) => checkLoad(bytes)),
      { numRuns: 150 },
    );
  });
});
