/**
 * editFlagText reads the flag file with config-schema's one parser (parseYamlDocument): nesting past
 * its cap is refused with a located error instead of composed by recursion. Through yaml's own
 * parseDocument such a text was edited as if whole (yaml had given up with RESOURCE_EXHAUSTION),
 * and a second parse of it in a plain node process aborts the process ("RegExpCompiler Allocation
 * failed", fuzz seed 20261205-476); a text that did not parse at all was edited anyway.
 */
import { expect, test } from "vitest";
import { editFlagText } from "./file.js";

const FLAGS = `schema_version: "2.0.0"\nflags:\n  cloud-fallback:\n    enabled: false\n`;

test("a flag file nested 87,000 levels deep is refused, located, every time (it used to be edited as if whole)", () => {
  // The top-level map is level 1: the 100th `{` (column 106) opens level 101.
  const text = FLAGS.replace("flags:", `long: ${"{".repeat(87_000)}\nflags:`);
  const outcomes = [1, 2, 3].map(() => {
    try {
      return editFlagText(text, "cloud-fallback", { enabled: true, version: 2 }).slice(0, 40);
    } catch (error) {
      return (error as Error).message;
    }
  });
  expect(outcomes).toEqual(
    Array(3).fill(
      "the flag file cannot be edited: line 2, column 106: Nested more than 100 levels deep here; the rest of the file was not read",
    ),
  );
});

test("a flag file with a syntax error is refused, not edited", () => {
  const text = `${FLAGS}  other: [unclosed\n`;
  expect(() => editFlagText(text, "cloud-fallback", { enabled: true, version: 2 })).toThrow(
    /^the flag file cannot be edited: line \d+, column \d+: /,
  );
});

test("a flag file at the cap still edits", () => {
  const deep = `${"[".repeat(98)}${"]".repeat(98)}`;
  const text = FLAGS.replace("flags:", `long: ${deep}\nflags:`);
  expect(editFlagText(text, "cloud-fallback", { enabled: true, version: 2 })).toBe(
    text.replace("enabled: false", "enabled: true\n    version: 2"),
  );
});
