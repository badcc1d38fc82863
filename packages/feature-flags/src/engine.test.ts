import type { Flag } from "@switchyard/config-schema/schemas";
import { describe, expect, test } from "vitest";
import { FlagEngine } from "./engine.js";
import { rolloutBucket } from "./hash/murmurhash3.js";
import { overrideVariable, readEnvOverrides } from "./overrides/env.js";

const now = Date.parse("2026-06-15T12:00:00Z");
const flags: Record<string, Flag> = {
  "new-router": {
    enabled: true,
    rollout_percentage: 0,
    whitelist: ["ann"],
    blacklist: ["eve"],
    tags: ["routing"],
  },
  "semantic-cache": { enabled: true, tags: ["cache"] },
  "cloud-fallback": { enabled: false, tags: ["routing"] },
};

describe("listFlags and enabledFlagsFor", () => {
  const engine = new FlagEngine(flags);
  test("listFlags keeps the file's order and filters by tag", () => {
    expect(engine.listFlags().map((f) => f.name)).toEqual(["new-router", "semantic-cache", "cloud-fallback"]);
    expect(engine.listFlags({ tag: "routing" }).map((f) => f.name)).toEqual(["new-router", "cloud-fallback"]);
    expect(engine.listFlags({ tag: "nothing" })).toEqual([]);
  });
  test("enabledFlagsFor answers which flags a user has", () => {
    expect(engine.enabledFlagsFor({ userId: "ann" }, now)).toEqual(["new-router", "semantic-cache"]);
    expect(engine.enabledFlagsFor({ userId: "bob" }, now)).toEqual(["semantic-cache"]);
  });
  test("an unknown flag is off with FLAG_NOT_FOUND", () => {
    expect(engine.evaluate("nope", { userId: "ann" }).errorCode).toBe("FLAG_NOT_FOUND");
  });
});

describe("environment overrides", () => {
  test("variable names: upper case, other characters as _", () => {
    expect(overrideVariable("new-router")).toBe("FEATURE_NEW_ROUTER");
    expect(overrideVariable("semantic.cache v2")).toBe("FEATURE_SEMANTIC_CACHE_V2");
  });

  test("FEATURE_<NAME>=true|false beats everything in the file, reason OVERRIDE", () => {
    const engine = new FlagEngine(flags, {
      env: { FEATURE_CLOUD_FALLBACK: "true", FEATURE_NEW_ROUTER: "false" },
    });
    expect(engine.evaluate("cloud-fallback", { userId: "bob" }, now)).toEqual({
      value: true,
      reason: "OVERRIDE",
      version: 1,
    });
    expect(engine.evaluate("new-router", { userId: "ann" }, now)).toMatchObject({
      value: false,
      reason: "OVERRIDE",
    });
  });

  test("FEATURE_<NAME>_ROLLOUT replaces the percentage; the blacklist and enabled still apply", () => {
    const engine = new FlagEngine(flags, { env: { FEATURE_NEW_ROUTER_ROLLOUT: "50" } });
    for (const userId of ["u1", "u2", "u3", "u4", "u5", "u6"]) {
      const result = engine.evaluate("new-router", { userId }, now);
      expect(result).toMatchObject({ reason: "OVERRIDE", value: rolloutBucket("new-router", userId) <= 50 });
    }
    expect(engine.evaluate("new-router", { userId: "eve" }, now).value).toBe(false);
    expect(
      new FlagEngine(flags, { env: { FEATURE_CLOUD_FALLBACK_ROLLOUT: "100" } }).isEnabled("cloud-fallback"),
    ).toBe(false);
  });

  test("FEATURE_<NAME>_WHITELIST replaces the whitelist", () => {
    const engine = new FlagEngine(flags, { env: { FEATURE_NEW_ROUTER_WHITELIST: "bob, cat" } });
    expect(engine.evaluate("new-router", { userId: "bob" }, now)).toMatchObject({
      value: true,
      reason: "OVERRIDE",
    });
    expect(engine.evaluate("new-router", { userId: "ann" }, now).value).toBe(false);
  });

  test("unreadable values, unknown flags and ambiguous names are ignored and reported", () => {
    const { overrides, diagnostics } = readEnvOverrides(
      {
        FEATURE_NEW_ROUTER: "maybe",
        FEATURE_NEW_ROUTER_ROLLOUT: "150",
        FEATURE_NOPE: "true",
        FEATURE_A_B: "true",
        PATH: "/bin",
      },
      ["new-router", "a-b", "a_b"],
    );
    expect(overrides.size).toBe(0);
    expect(diagnostics.map((d) => d.code)).toEqual(["SY7012", "SY7010", "SY7010", "SY7011"]);
  });
});
