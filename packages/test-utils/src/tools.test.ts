import { describe, expect, test } from "vitest";
import { missingTools, onMissingTools, TOOLS, toolProblem, underCi } from "./tools.js";

/** A test context that records a skip instead of skipping. */
function context() {
  const skipped: string[] = [];
  return {
    skipped,
    skip: ((reason?: string) => {
      skipped.push(reason ?? "");
    }) as never,
  };
}

describe("a test that needs a missing tool", () => {
  const problem = "PyYAML is needed (…) and cannot run here: python3 is not installed.";

  test("fails under CI, never skips", () => {
    for (const CI of ["true", "1", "yes"]) {
      const ctx = context();
      expect(() => onMissingTools(ctx, [problem], { CI })).toThrow(
        /a missing tool fails the run, never skips/,
      );
      expect(ctx.skipped).toEqual([]);
    }
  });

  test("is skipped, with the reason, on a developer's machine", () => {
    for (const CI of [undefined, "", "0", "false"]) {
      const ctx = context();
      onMissingTools(ctx, [problem], CI === undefined ? {} : { CI });
      expect(ctx.skipped).toEqual([problem]);
    }
  });

  test("runs when nothing is missing, under CI or not", () => {
    const ctx = context();
    onMissingTools(ctx, [], { CI: "true" });
    onMissingTools(ctx, [], {});
    expect(ctx.skipped).toEqual([]);
  });
});

describe("tool probes", () => {
  test("underCi reads CI the way CI services set it", () => {
    expect(
      [undefined, "", "0", "false", "FALSE", "true", "1"].map((CI) =>
        underCi(CI === undefined ? {} : { CI }),
      ),
    ).toEqual([false, false, false, false, false, true, true]);
  });

  test("a tool whose probe succeeds is present", () => {
    // git is what this repository is cloned with, so its probe must succeed here.
    expect(toolProblem("git")).toBeUndefined();
    expect(missingTools(["git"])).toEqual([]);
  });

  test("every tool names the Debian package .ci/run and the GitHub workflow install it from", async () => {
    const { readFile } = await import("node:fs/promises");
    const ciRun = await readFile(new URL("../../../.ci/run", import.meta.url), "utf8");
    for (const tool of Object.values(TOOLS)) expect(ciRun, tool.name).toContain(tool.debian);
    const workflow = await readFile(new URL("../../../.github/workflows/ci.yml", import.meta.url), "utf8");
    const install = /apt-get install -y ([^\n]+)/.exec(workflow)?.[1]?.split(/\s+/) ?? [];
    for (const tool of Object.values(TOOLS))
      expect(install, `ci.yml installs ${tool.name}`).toContain(tool.debian);
  });
});
