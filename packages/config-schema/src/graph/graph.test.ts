import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  adjacency,
  cycleThrough,
  type Edge,
  findCycles,
  longestPaths,
  startWaves,
  stronglyConnectedComponents,
} from "./graph.js";

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

describe("findCycles", () => {
  it("gives one cycle per looping component and self-loops, skipping acyclic nodes", () => {
    // 0 → 1 → 0, 2 → 2, 3 → 0
    const edges: Edge[] = [
      { from: 0, to: 1 },
      { from: 1, to: 0 },
      { from: 2, to: 2 },
      { from: 3, to: 0 },
    ];
    const out = adjacency(4, edges);
    const cycles = findCycles(edges, out, stronglyConnectedComponents(4, edges, out));
    expect(cycles).toEqual([
      { members: [0, 1], edges: [0, 1] },
      { members: [2], edges: [2] },
    ]);
  });
});

describe("startWaves", () => {
  it("puts nodes without edges first and each node after everything it needs", () => {
    // 0 needs 1 and 2; 1 needs 2; 3 needs nothing; 4 ↔ 5 loop; 6 needs 4
    const edges: Edge[] = [
      { from: 0, to: 1 },
      { from: 0, to: 2 },
      { from: 1, to: 2 },
      { from: 4, to: 5 },
      { from: 5, to: 4 },
      { from: 6, to: 4 },
    ];
    expect(startWaves(7, edges)).toEqual({ waves: [[2, 3], [1], [0]], blocked: [4, 5, 6] });
  });

  it("orders any graph consistently (property): waves respect edges, blocked = reaches a cycle", () => {
    fc.assert(
      fc.property(
        fc
          .integer({ min: 1, max: 12 })
          .chain((n) =>
            fc.tuple(
              fc.constant(n),
              fc.array(fc.record({ from: fc.nat(n - 1), to: fc.nat(n - 1) }), { maxLength: 30 }),
            ),
          ),
        ([n, edges]) => {
          const { waves, blocked } = startWaves(n, edges);
          const waveOf = new Map<number, number>();
          waves.forEach((wave, k) => {
            for (const node of wave) waveOf.set(node, k);
          });
          for (const edge of edges) {
            if (!waveOf.has(edge.from)) continue;
            expect(waveOf.get(edge.to)).toBeLessThan(waveOf.get(edge.from)!);
          }
          const out = adjacency(n, edges);
          const cyclic = new Set(
            findCycles(edges, out, stronglyConnectedComponents(n, edges, out)).flatMap((c) => c.members),
          );
          const reachesCycle = (start: number) => {
            const seen = new Set([start]);
            const stack = [start];
            while (stack.length > 0) {
              const node = stack.pop()!;
              if (cyclic.has(node)) return true;
              for (const e of out[node]!) {
                const to = edges[e]!.to;
                if (!seen.has(to)) {
                  seen.add(to);
                  stack.push(to);
                }
              }
            }
            return false;
          };
          expect(blocked).toEqual(Array.from({ length: n }, (_, i) => i).filter(reachesCycle));
          expect(waveOf.size + blocked.length).toBe(n);
        },
      ),
    );
  });
});
