import { describe, expect, it } from "vitest";
import { adjacency, cycleThrough, type Edge, longestPaths, stronglyConnectedComponents } from "./graph.js";

describe("stronglyConnectedComponents", () => {
  it("finds each cycle once, in reverse topological order", () => {
    // 0 → 1 → 2 → 0, 2 → 3, 3 → 4 → 3, 5 alone
    const edges: Edge[] = [
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 0 },
      { from: 2, to: 3 },
      { from: 3, to: 4 },
      { from: 4, to: 3 },
    ];
    const { components, componentOf } = stronglyConnectedComponents(6, edges);
    expect(components).toEqual([[3, 4], [0, 1, 2], [5]]);
    expect([...componentOf]).toEqual([1, 1, 1, 0, 0, 2]);
  });

  it("handles a 50,000-node chain and a 50,000-node cycle without overflowing the stack", () => {
    const n = 50_000;
    const chain: Edge[] = Array.from({ length: n - 1 }, (_, i) => ({ from: i, to: i + 1 }));
    expect(stronglyConnectedComponents(n, chain).components).toHaveLength(n);
    const ring = [...chain, { from: n - 1, to: 0 }];
    const scc = stronglyConnectedComponents(n, ring);
    expect(scc.components).toHaveLength(1);
    const cycle = cycleThrough(0, ring, adjacency(n, ring), scc.componentOf);
    expect(cycle).toHaveLength(n);
  });
});

describe("cycleThrough", () => {
  it("returns a shortest cycle through the start, as edges", () => {
    const edges: Edge[] = [
      { from: 0, to: 1 },
      { from: 1, to: 2 },
      { from: 2, to: 0 },
      { from: 1, to: 0 },
    ];
    const scc = stronglyConnectedComponents(3, edges);
    expect(cycleThrough(0, edges, adjacency(3, edges), scc.componentOf)).toEqual([0, 3]);
  });
});

describe("longestPaths", () => {
  it("sums weights along the longest path of the condensation", () => {
    // 0 -(1)→ 1 -(3)→ 2, 0 -(2)→ 2, and a cycle 2 ↔ 3 whose inner edges are ignored
    const edges: Edge[] = [
      { from: 0, to: 1, weight: 1 },
      { from: 1, to: 2, weight: 3 },
      { from: 0, to: 2, weight: 2 },
      { from: 2, to: 3, weight: 1 },
      { from: 3, to: 2, weight: 1 },
    ];
    const out = adjacency(4, edges);
    const { depth, next } = longestPaths(edges, out, stronglyConnectedComponents(4, edges, out));
    expect([...depth]).toEqual([4, 3, 0, 0]);
    expect([...next]).toEqual([0, 1, -1, -1]);
  });
});
