import { describe, expect, it } from "vitest";
import { formatLocation } from "./location.js";

const at = (line: number, column: number) => ({
  start: { line, column, offset: 0 },
  end: { line, column: column + 1, offset: 1 },
});

// #11: the README's library snippet printed `providers.yaml:undefined:undefined` for a whole-file
// finding (a missing required file, SY1011); formatLocation is what it prints now.
describe("formatLocation", () => {
  it("writes file:line:col for a located finding, and only the file for a whole-file one", () => {
    expect(formatLocation({ file: "config/model-mappings.yaml", range: at(15, 15) })).toBe(
      "config/model-mappings.yaml:15:15",
    );
    expect(formatLocation({ file: "config/providers.yaml" })).toBe("config/providers.yaml");
    expect(formatLocation("config/providers.yaml", undefined)).toBe("config/providers.yaml");
  });

  it("never writes undefined: line:col without a file, nothing without either", () => {
    expect(formatLocation({ range: at(3, 7) })).toBe("3:7");
    expect(formatLocation({})).toBe("");
    expect(formatLocation("", undefined)).toBe("");
    for (const text of [
      formatLocation({}),
      formatLocation({ file: "a.yaml" }),
      formatLocation({ range: at(1, 1) }),
    ])
      expect(text).not.toContain("undefined");
  });

  it("clamps a producer's impossible position (0, NaN) to 1, as SARIF and GitHub need", () => {
    expect(formatLocation({ file: "a.yaml", range: at(0, Number.NaN) })).toBe("a.yaml:1:1");
  });
});
