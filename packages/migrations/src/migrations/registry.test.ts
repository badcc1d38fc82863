import { describe, expect, it } from "vitest";
import { findMigrationPath, MigrationRegistry } from "./registry.js";
import type { Migration } from "./types.js";

const noop = () => undefined;
const step = (from: string, to: string, down = true): Migration => ({
  from,
  to,
  description: `${from}→${to}`,
  up: noop,
  ...(down ? { down: noop } : {}),
});

describe("findMigrationPath", () => {
  it("finds the built-in upgrade and downgrade paths", () => {
    const up = findMigrationPath("1.0.0", "2.0.0");
    expect(up.ok && up.steps.map((s) => `${s.from}>${s.to}:${s.direction}`)).toEqual([
      "1.0.0>1.1.0:up",
      "1.1.0>1.2.0:up",
      "1.2.0>2.0.0:up",
    ]);
    const down = findMigrationPath("2.0.0", "1.1.0");
    expect(down.ok && down.steps.map((s) => `${s.from}>${s.to}:${s.direction}`)).toEqual([
      "2.0.0>1.2.0:down",
      "1.2.0>1.1.0:down",
    ]);
    expect(down.ok && down.steps[0]!.irreversible).toMatch(/not restored/);
    expect(findMigrationPath("1.2.0", "1.2.0")).toEqual({ ok: true, steps: [] });
  });

  it("takes the shortest path when a shortcut exists", () => {
    const registry = new MigrationRegistry([
      step("1.0.0", "1.1.0"),
      step("1.1.0", "1.2.0"),
      step("1.2.0", "2.0.0"),
      step("1.0.0", "2.0.0"),
    ]);
    const path = registry.findPath("1.0.0", "2.0.0");
    expect(path.ok && path.steps.map((s) => s.to)).toEqual(["2.0.0"]);
  });

  it("names the gap when no path exists", () => {
    const registry = new MigrationRegistry([step("1.0.0", "1.1.0"), step("1.2.0", "2.0.0")]);
    const path = registry.findPath("1.0.0", "2.0.0");
    expect(path.ok).toBe(false);
    if (!path.ok) {
      expect(path.diagnostic.code).toBe("SY3004");
      expect(path.diagnostic.message).toBe(
        "No migration path from 1.0.0 to 2.0.0: nothing migrates 1.1.0 → 1.2.0",
      );
    }
  });

  it("names a missing way back when a step has no down", () => {
    const registry = new MigrationRegistry([step("1.0.0", "1.1.0"), step("1.1.0", "2.0.0", false)]);
    const path = registry.findPath("2.0.0", "1.0.0");
    expect(!path.ok && path.diagnostic.message).toBe(
      "No migration path from 2.0.0 to 1.0.0: nothing migrates 2.0.0 → 1.1.0",
    );
  });
});
