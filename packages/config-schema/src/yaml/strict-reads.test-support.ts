/**
 * Test support (not exported from the package): counts the characters the strict tier reads, for
 * tests that prove a text is not read whole. `parseYamlDocument` reads every text through
 * `readTokens`; import this module first, then `./parse.js` dynamically, so that the count sees it.
 */
import { vi } from "vitest";
import type * as nestingCap from "./nesting-cap.js";

/** Characters the strict tier has read since the test last set `chars` to 0. */
export const strictReads = { chars: 0 };

vi.mock("./nesting-cap.js", async (original) => {
  const actual = await original<typeof nestingCap>();
  return {
    ...actual,
    // Called after this module has run (the tests import parse.js later): `strictReads` exists.
    readTokens: ((text, onNewLine, max) => {
      strictReads.chars += text.length;
      return actual.readTokens(text, onNewLine, max);
    }) satisfies typeof actual.readTokens,
  };
});
