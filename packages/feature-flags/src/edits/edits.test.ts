import { describe, expect, test } from "vitest";
import { MemoryFlagStore } from "../stores/memory.js";
import { applyFlagEdit, FlagEditError, FlagNotFoundError, flagEditor } from "./edits.js";

describe("flag edits (what the CLI and the HTTP API change)", () => {
  const flag = { enabled: false, rollout_percentage: 10, whitelist: ["ann", "bob"], version: 4 };

  test("enable, disable and rollout change one field and leave the input alone", () => {
    expect(applyFlagEdit(flag, { kind: "enable" })).toEqual({ ...flag, enabled: true });
    expect(applyFlagEdit({ ...flag, enabled: true }, { kind: "disable" }).enabled).toBe(false);
    expect(applyFlagEdit(flag, { kind: "rollout", percentage: 12.5 }).rollout_percentage).toBe(12.5);
    expect(flag.enabled).toBe(false);
  });

  test("a percentage outside 0–100 or not a number is SY7002", () => {
    for (const percentage of [-1, 100.5, Number.NaN, Number.POSITIVE_INFINITY]) {
      expect(() => applyFlagEdit(flag, { kind: "rollout", percentage })).toThrow(FlagEditError);
    }
    expect(() => applyFlagEdit(flag, { kind: "rollout", percentage: 101 })).toThrow(
      expect.objectContaining({ code: "SY7002" }),
    );
  });

  test("list edits remove then add, keep the order, ignore duplicates, drop an emptied list", () => {
    expect(applyFlagEdit(flag, { kind: "list", list: "whitelist", add: ["cat", "ann"] }).whitelist).toEqual([
      "ann",
      "bob",
      "cat",
    ]);
    expect(
      applyFlagEdit(flag, { kind: "list", list: "whitelist", remove: ["ann", "zed"] }).whitelist,
    ).toEqual(["bob"]);
    const emptied = applyFlagEdit(flag, { kind: "list", list: "whitelist", remove: ["ann", "bob"] });
    expect("whitelist" in emptied).toBe(false);
    expect(applyFlagEdit(flag, { kind: "list", list: "blacklist", add: ["eve"] }).blacklist).toEqual(["eve"]);
    expect(() => applyFlagEdit(flag, { kind: "list", list: "blacklist", add: ["a\nb"] })).toThrow(
      expect.objectContaining({ code: "SY7005" }),
    );
    expect(() => applyFlagEdit(flag, { kind: "list", list: "blacklist", add: [" "] })).toThrow(FlagEditError);
  });

  test("flagEditor: an edit of a missing flag is SY7001; replace creates it", async () => {
    const store = new MemoryFlagStore({ a: { enabled: false } });
    await expect(store.update("nope", flagEditor("nope", { kind: "enable" }))).rejects.toBeInstanceOf(
      FlagNotFoundError,
    );
    await expect(store.update("nope", flagEditor("nope", { kind: "enable" }))).rejects.toMatchObject({
      code: "SY7001",
      flag: "nope",
    });
    const created = await store.update(
      "nope",
      flagEditor("nope", { kind: "replace", flag: { enabled: true } }),
    );
    expect(created).toMatchObject({ changed: true, previous: undefined, stored: { version: 1 } });
    const enabled = await store.update("a", flagEditor("a", { kind: "enable" }), { actor: "t" });
    expect(enabled.stored.flag).toEqual({ enabled: true, version: 2 });
  });
});
