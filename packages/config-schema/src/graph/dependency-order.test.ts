import { describe, expect, it } from "vitest";
import { type Dependency, dependencyOrder } from "./dependency-order.js";

const deps = (pairs: string): Dependency<string>[] =>
  pairs
    .split(/\s+/)
    .filter((p) => p !== "")
    .map((pair, i) => {
      const [from, to] = pair.split(">") as [string, string];
      return { from, to, data: `edge ${i}` };
    });

describe("dependencyOrder", () => {
  it("starts dependencies first, in waves that keep the given order", () => {
    const order = dependencyOrder(
      ["litellm", "ollama", "redis", "vllm", "webui"],
      deps("litellm>redis litellm>ollama webui>litellm"),
    );
    expect(order.waves).toEqual([["ollama", "redis", "vllm"], ["litellm"], ["webui"]]);
    expect(order.cycles).toEqual([]);
    expect(order.blocked).toEqual([]);
  });

  it("names each cycle by its path, with the dependencies along it, and blocks what needs it", () => {
    const order = dependencyOrder(["a", "b", "c", "d", "e"], deps("a>b b>c c>a d>a e>e"));
    expect(order.cycles.map((c) => c.path)).toEqual([
      ["a", "b", "c", "a"],
      ["e", "e"],
    ]);
    expect(order.cycles[0]!.dependencies.map((d) => d.data)).toEqual(["edge 0", "edge 1", "edge 2"]);
    expect(order.blocked).toEqual(["a", "b", "c", "d", "e"]);
    expect(order.waves).toEqual([]);
  });

  it("ignores dependencies on unknown names and lists every member of intertwined loops", () => {
    const order = dependencyOrder(["a", "b", "c"], deps("a>b b>a b>c c>b a>ghost"));
    expect(order.cycles).toHaveLength(1);
    expect(order.cycles[0]!.path).toEqual(["a", "b", "a"]);
    expect(order.cycles[0]!.members).toEqual(["a", "b", "c"]);
  });
});
