import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, test } from "vitest";
import { expectGolden } from "./golden.js";
import { tempDir } from "./temp.js";

const UPDATE = { UPDATE_GOLDENS: "1" };

describe("expectGolden", () => {
  test("passes on equal text and fails on a difference, without touching the golden", async () => {
    const path = join(await tempDir(), "out.txt");
    writeFileSync(path, "line 1\nline 2\n");
    expectGolden("line 1\nline 2\n", path, "out.txt", {});
    expect(() => expectGolden("line 1\nline two\n", path, "out.txt", {})).toThrow(
      /out\.txt differs from its golden[\s\S]*-line 2\n\+line two/,
    );
    expect(readFileSync(path, "utf8")).toBe("line 1\nline 2\n");
  });

  test("fails on a missing golden without creating it", async () => {
    const path = join(await tempDir(), "absent.txt");
    expect(() => expectGolden("text\n", path, "absent.txt", {})).toThrow(/absent\.txt is missing/);
    expect(existsSync(path)).toBe(false);
  });

  test("update mode rewrites a golden that differs, shows what changed, and fails", async () => {
    const path = join(await tempDir(), "out.txt");
    writeFileSync(path, "line 1\nline 2\nline 3\n");
    let message = "";
    try {
      expectGolden("line 1\nline two\nline 3\n", path, "out.txt", UPDATE);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain("UPDATE_GOLDENS rewrote out.txt");
    expect(message).toContain("-line 2\n+line two\n");
    expect(readFileSync(path, "utf8")).toBe("line 1\nline two\nline 3\n");
    // The next run, without update mode, passes on the reviewed file.
    expectGolden("line 1\nline two\nline 3\n", path, "out.txt", {});
  });

  test("update mode passes quietly on a golden that is already right", async () => {
    const path = join(await tempDir(), "out.txt");
    writeFileSync(path, "same\n");
    expectGolden("same\n", path, "out.txt", UPDATE);
  });

  test("update mode creates a missing golden, says it is new, and fails", async () => {
    const path = join(await tempDir(), "new.txt");
    expect(() => expectGolden("fresh\n", path, "new.txt", UPDATE)).toThrow(
      /rewrote new\.txt \(new\)[\s\S]*\+fresh/,
    );
    expect(readFileSync(path, "utf8")).toBe("fresh\n");
  });

  test("update mode is refused under CI", async () => {
    const path = join(await tempDir(), "out.txt");
    writeFileSync(path, "old\n");
    expect(() => expectGolden("new\n", path, "out.txt", { ...UPDATE, CI: "true" })).toThrow(/under CI/);
    expect(readFileSync(path, "utf8")).toBe("old\n");
  });
});
