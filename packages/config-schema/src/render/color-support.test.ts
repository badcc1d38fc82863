import { describe, expect, test } from "vitest";
import { shouldUseColor } from "./color-support.js";

const tty = { isTTY: true };
const pipe = { isTTY: false };

describe("shouldUseColor", () => {
  test("a terminal gets colour, a pipe does not", () => {
    expect(shouldUseColor(tty, {})).toBe(true);
    expect(shouldUseColor(pipe, {})).toBe(false);
    expect(shouldUseColor({}, {})).toBe(false);
  });

  test("NO_COLOR with any non-empty value disables colour, even on a terminal and over FORCE_COLOR", () => {
    expect(shouldUseColor(tty, { NO_COLOR: "1" })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: "false" })).toBe(false);
    expect(shouldUseColor(tty, { NO_COLOR: "1", FORCE_COLOR: "1" })).toBe(false);
    // An empty NO_COLOR is not set (no-color.org).
    expect(shouldUseColor(tty, { NO_COLOR: "" })).toBe(true);
  });

  test("FORCE_COLOR enables colour on a pipe unless it is 0 or false", () => {
    expect(shouldUseColor(pipe, { FORCE_COLOR: "1" })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: "" })).toBe(true);
    expect(shouldUseColor(pipe, { FORCE_COLOR: "true", TERM: "dumb" })).toBe(true);
    expect(shouldUseColor(tty, { FORCE_COLOR: "0" })).toBe(false);
    expect(shouldUseColor(tty, { FORCE_COLOR: "false" })).toBe(false);
  });

  test("TERM=dumb disables colour on a terminal", () => {
    expect(shouldUseColor(tty, { TERM: "dumb" })).toBe(false);
    expect(shouldUseColor(tty, { TERM: "xterm-256color" })).toBe(true);
  });

  test("reads process.env by default", () => {
    const saved = process.env.NO_COLOR;
    process.env.NO_COLOR = "1";
    try {
      expect(shouldUseColor(tty)).toBe(false);
    } finally {
      if (saved === undefined) delete process.env.NO_COLOR;
      else process.env.NO_COLOR = saved;
    }
  });
});
