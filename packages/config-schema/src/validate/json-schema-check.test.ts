import { describe, expect, it } from "vitest";
import { compileJsonSchemaCheck, conformsToJsonSchema } from "./json-schema-check.js";

describe("conformsToJsonSchema", () => {
  it("checks the keywords the generated schemas use", () => {
    const schema = {
      type: "object",
      properties: {
        port: { type: "integer", minimum: 1, maximum: 65535 },
        share: { type: "number", exclusiveMinimum: 0, maximum: 1 },
        name: { type: "string", minLength: 1, pattern: "^[a-z]+$" },
        kind: { type: "string", enum: ["tcp", "udp"] },
        list: { type: "array", items: { type: "string" } },
      },
      required: ["port"],
      additionalProperties: false,
    };
    expect(conformsToJsonSchema(schema, { port: 80 })).toBe(true);
    expect(conformsToJsonSchema(schema, { port: 80, share: 1, name: "ab", kind: "udp", list: ["x"] })).toBe(
      true,
    );
    expect(conformsToJsonSchema(schema, {})).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 0 })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80.5 })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 2 ** 53 })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, share: 0 })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, share: Number.NaN })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, name: "" })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, name: "A" })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, kind: "TCP" })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, list: [1] })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, other: 1 })).toBe(false);
    expect(conformsToJsonSchema(schema, { port: 80, name: null })).toBe(false);
    expect(conformsToJsonSchema(schema, [])).toBe(false);
    expect(conformsToJsonSchema(schema, null)).toBe(false);
  });

  it("checks record-like objects: property names and additional properties", () => {
    const schema = {
      type: "object",
      propertyNames: { type: "string", pattern: "^[a-z]+$" },
      additionalProperties: { type: "object", properties: { port: { type: "integer" } }, required: ["port"] },
    };
    expect(conformsToJsonSchema(schema, { a: { port: 1 }, b: { port: 2 } })).toBe(true);
    expect(conformsToJsonSchema(schema, { A: { port: 1 } })).toBe(false);
    expect(conformsToJsonSchema(schema, { a: { port: "1" } })).toBe(false);
    expect(conformsToJsonSchema(schema, { a: new Date(0) })).toBe(false);
  });

  it("answers false for a keyword it does not know: such a schema sends every file to the full loader", () => {
    expect(conformsToJsonSchema({ type: "string", format: "email" }, "a@b")).toBe(false);
    expect(conformsToJsonSchema({ anyOf: [{ type: "string" }] }, "a")).toBe(false);
    expect(conformsToJsonSchema({ type: "string", description: "only words" }, "a")).toBe(true);
  });

  it("reads null-prototype dictionaries (a query parser's) as objects, but not a `__proto__` key zod would drop", () => {
    const schema = { type: "object", properties: { user: { type: "string", minLength: 1 } } };
    const Dictionary = function (this: Record<string, unknown>) {} as unknown as new () => Record<
      string,
      unknown
    >;
    Dictionary.prototype = Object.create(null);
    const parsed = new Dictionary();
    parsed.user = "u";
    expect(conformsToJsonSchema(schema, parsed)).toBe(true);
    expect(conformsToJsonSchema(schema, Object.assign(Object.create(null), { user: "u" }))).toBe(true);
    Object.defineProperty(parsed, "__proto__", { value: "x", enumerable: true });
    expect(Object.hasOwn(parsed, "__proto__")).toBe(true);
    expect(conformsToJsonSchema(schema, parsed)).toBe(false);
    class WithMethods {
      user = "u";
      greet() {}
    }
    expect(conformsToJsonSchema(schema, new WithMethods())).toBe(false);
  });

  it("compileJsonSchemaCheck compiles once and answers as conformsToJsonSchema does", () => {
    const schema = {
      type: "object",
      required: ["name"],
      properties: { name: { type: "string", maxLength: 3, pattern: "^[a-z]+$" }, n: { type: "integer" } },
      additionalProperties: false,
    };
    const check = compileJsonSchemaCheck(schema);
    expect(compileJsonSchemaCheck(schema)).toBe(check);
    for (const value of [
      { name: "ab" },
      { name: "abcd" },
      { name: "AB" },
      { name: "ab", n: 1.5 },
      { name: "ab", x: 1 },
      {},
      "ab",
    ]) {
      expect(check(value), JSON.stringify(value)).toBe(conformsToJsonSchema(schema, value));
    }
    expect(check({ name: "ab", n: 2 })).toBe(true);
    expect(check({ name: "ab", x: 1 })).toBe(false);
  });
});
