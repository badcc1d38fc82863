import { describe, expect, it } from "vitest";
import {
  asRecord,
  entriesOf,
  field,
  getPath,
  listOf,
  nonEmptyText,
  numberField,
  stringField,
} from "./raw.js";

describe("the one raw-data reader", () => {
  it("reads own properties only, never the prototype", () => {
    const data = JSON.parse('{"__proto__": {"polluted": 1}, "a": {"b": [10, {"c": "x"}]}}') as unknown;
    expect(field(data, "polluted")).toBeUndefined();
    expect(field({}, "toString")).toBeUndefined();
    expect(field({}, "constructor")).toBeUndefined();
    expect(getPath(data, ["a", "b", 1, "c"])).toBe("x");
    expect(getPath(data, ["a", "b", "1"])).toBeUndefined();
    expect(getPath(data, ["a", "toString"])).toBeUndefined();
  });

  it("a date (a YAML 1.1 timestamp) is a scalar, not a mapping", () => {
    const when = new Date("2025-01-01T00:00:00Z");
    expect(asRecord(when)).toBeUndefined();
    expect(entriesOf(when)).toEqual([]);
    expect(asRecord({ when })).toEqual({ when });
  });

  it("typed fields reject other shapes", () => {
    const data = { s: "", n: Number.NaN, m: 3, l: "not a list" };
    expect(stringField(data, "s")).toBe("");
    expect(nonEmptyText(field(data, "s"))).toBeUndefined();
    expect(numberField(data, "n")).toBeUndefined();
    expect(numberField(data, "m")).toBe(3);
    expect(listOf(field(data, "l"))).toEqual([]);
    expect(entriesOf([1, 2])).toEqual([]);
  });
});
