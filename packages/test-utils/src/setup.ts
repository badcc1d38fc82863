/**
 * The setup file of every package's test run (vitest.shared.ts lists it), run before each test file:
 * - removes the temp directories the file made through {@link tempDir} once the file is done;
 * - records the diagnostic codes the file's assertions saw (see emitted-codes.ts) into
 *   `$SWITCHYARD_EMITTED_CODES/<pid>.txt` when that directory is set (`.ci/run` sets it).
 */
import { closeSync, mkdirSync, openSync, writeSync } from "node:fs";
import { join } from "node:path";
import { afterAll, chai, expect } from "vitest";
import { codesIn } from "./emitted-codes.js";
import { removeTempDirs } from "./temp.js";

afterAll(removeTempDirs);

const codesDir = process.env.SWITCHYARD_EMITTED_CODES;
if (codesDir !== undefined && codesDir !== "") {
  // One set per worker process, shared by every file it runs (chai, and so the wrapped matchers,
  // outlive a file's module graph).
  const SEEN = Symbol.for("switchyard.test-utils.codes-seen");
  const holder = globalThis as { [SEEN]?: Set<string> };
  holder[SEEN] ??= new Set();
  const seen = holder[SEEN];
  const WRAPPED = Symbol.for("switchyard.test-utils.codes-wrapped");
  const prototype = chai.Assertion.prototype as unknown as Record<string | symbol, unknown>;
  if (prototype[WRAPPED] !== true) {
    prototype[WRAPPED] = true;
    chai.use((lib, utils) => {
      // Not the inline-snapshot matchers: vitest finds where to write an inline snapshot from the
      // stack, and a wrapper's frame would make every call site this file (a run with recording on
      // failed "toMatchInlineSnapshot with different snapshots cannot be called at the same location").
      const names = Object.getOwnPropertyNames(lib.Assertion.prototype).filter(
        (n) => /^to[A-Z]/.test(n) && !n.includes("InlineSnapshot"),
      );
      for (const name of names) {
        const descriptor = Object.getOwnPropertyDescriptor(lib.Assertion.prototype, name);
        if (typeof descriptor?.value !== "function") continue;
        utils.overwriteMethod(
          lib.Assertion.prototype,
          name,
          (original: (...args: unknown[]) => unknown) =>
            function (this: object, ...args: unknown[]) {
              try {
                const sink = (globalThis as { [SEEN]?: Set<string> })[SEEN];
                if (sink !== undefined)
                  for (const code of codesIn(utils.flag(this, "object"))) sink.add(code);
              } catch {
                // recording never changes a test's outcome
              }
              return original.apply(this, args);
            },
        );
      }
    });
  }
  // Opened now, before any test runs: a test that drops its worker's privileges (port-registry's
  // other-user test becomes uid 1) can no longer open a file in the directory, but can write to a
  // descriptor it already holds.
  mkdirSync(codesDir, { recursive: true });
  const fd = openSync(join(codesDir, `${process.pid}.txt`), "a");
  afterAll(() => {
    try {
      const file = expect.getState().testPath ?? "?";
      if (seen.size > 0) writeSync(fd, [...seen].map((c) => `${c}\t${file}\n`).join(""));
      seen.clear();
    } finally {
      closeSync(fd);
    }
  });
}
