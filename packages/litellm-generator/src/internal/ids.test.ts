import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { assignIds } from "./ids.js";

describe("assignIds", () => {
  test("readable ids without a suffix when nothing collides", () => {
    expect(
      assignIds([
        { modelName: "llama3", providerId: "ollama", model: "llama3.1:8b", wildcard: false },
        { modelName: "qwen*", providerId: "vllm", model: "qwen*", wildcard: true },
      ]),
    ).toEqual(["ollama--llama3.1-8b", "vllm--qwen-any--wildcard"]);
  });

  test("property: ids are unique and never equal any model_name, whatever the input", () => {
    const name = fc.constantFrom<string>("a", "b", "a--b", "x:y", "x/y", "ollama--llama3", "*", "");
    const request = fc.record({ modelName: name, providerId: name, model: name, wildcard: fc.boolean() });
    fc.assert(
      fc.property(fc.array(request, { maxLength: 12 }), (requests) => {
        const ids = assignIds(requests);
        expect(new Set(ids).size).toBe(ids.length);
        const names = new Set(requests.map((r) => r.modelName));
        for (const id of ids) expect(names.has(id)).toBe(false);
      }),
      { numRuns: 500 },
    );
  });
});
