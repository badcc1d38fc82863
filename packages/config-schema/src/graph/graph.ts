/**
 * Directed graphs over dense node ids (0..n-1): strongly connected components (iterative Tarjan,
 * O(V+E), no recursion so 50,000-node chains cannot overflow the stack), one cycle per component,
 * start waves (Kahn's algorithm), and longest weighted paths over the condensation. The one graph
 * implementation of Switchyard: fallback chains, service dependencies and start order use it.
 */

/** An edge from `from` to `to`; `weight` is used by {@link longestPaths} (default 1). */
export interface Edge {
  readonly from: number;
  readonly to: number;
  readonly weight?: number;
}

/** Outgoing edge indices per node. */
export function adjacency(size: number, edges: readonly Edge[]): number[][] {
  const out: number[][] = Array.from({ length: size }, () => []);
  edges.forEach((edge, index) => {
    out[edge.from]?.push(index);
  });
  return out;
}

/** The result of {@link stronglyConnectedComponents}. */
export interface Components {
  /** Components in reverse topological order (a component comes before every component that reaches it). */
  readonly components: readonly (readonly number[])[];
  /** The index in `components` of each node's component. */
  readonly componentOf: Int32Array;
}

/** Tarjan's algorithm, iterative. */
export function stronglyConnectedComponents(
  size: number,
  edges: readonly Edge[],
  out = adjacency(size, edges),
): Components {
  const index = new Int32Array(size).fill(-1);
  const low = new Int32Array(size);
  const onStack = new Uint8Array(size);
  const componentOf = new Int32Array(size).fill(-1);
  const stack: number[] = [];
  const components: number[][] = [];
  const callStack: number[] = [];
  const edgeCursor = new Int32Array(size);
  let counter = 0;

  for (let root = 0; root < size; root++) {
    if (index[root] !== -1) continue;
    callStack.push(root);
    index[root] = low[root] = counter++;
    stack.push(root);
    onStack[root] = 1;
    while (callStack.length > 0) {
      const node = callStack[callStack.length - 1]!;
      const outgoing = out[node]!;
      if (edgeCursor[node]! < outgoing.length) {
        const target = edges[outgoing[edgeCursor[node]!]!]!.to;
        edgeCursor[node]!++;
        if (index[target] === -1) {
          index[target] = low[target] = counter++;
          stack.push(target);
          onStack[target] = 1;
          callStack.push(target);
        } else if (onStack[target]) {
          low[node] = Math.min(low[node]!, index[target]!);
        }
        continue;
      }
      callStack.pop();
      const parent = callStack[callStack.length - 1];
      if (parent !== undefined) low[parent] = Math.min(low[parent]!, low[node]!);
      if (low[node] === index[node]) {
        const component: number[] = [];
        let member: number;
        do {
          member = stack.pop()!;
          onStack[member] = 0;
          componentOf[member] = components.length;
          component.push(member);
        } while (member !== node);
        components.push(component.sort((a, b) => a - b));
      }
    }
  }
  return { components, componentOf };
}

/**
 * A shortest cycle through `start` that stays inside its component, as the list of edge indices
 * (the first leaves `start`, the last returns to it). Breadth-first: O(size of the component).
 */
export function cycleThrough(
  start: number,
  edges: readonly Edge[],
  out: readonly (readonly number[])[],
  componentOf: Int32Array,
): number[] {
  const component = componentOf[start];
  const via = new Map<number, number>();
  const queue: number[] = [start];
  for (let head = 0; head < queue.length; head++) {
    const node = queue[head]!;
    for (const edgeIndex of out[node] ?? []) {
      const target = edges[edgeIndex]!.to;
      if (componentOf[target] !== component) continue;
      if (target === start) {
        const path = [edgeIndex];
        let current = node;
        while (current !== start) {
          const back = via.get(current)!;
          path.push(back);
          current = edges[back]!.from;
        }
        return path.reverse();
      }
      if (!via.has(target)) {
        via.set(target, edgeIndex);
        queue.push(target);
      }
    }
  }
  return [];
}

/** A cycle of a graph: the members of its strongly connected component and one shortest loop. */
export interface Cycle {
  /** Every node of the component, ascending (one node for a self-loop). */
  readonly members: readonly number[];
  /**
   * A shortest cycle through `members[0]`, as edge indices: the first leaves it, the last returns
   * to it (one edge for a self-loop).
   */
  readonly edges: readonly number[];
}

/**
 * Every cycle of a graph, one per strongly connected component with more than one node or with a
 * self-loop, in the order of `scc.components` (reverse topological).
 */
export function findCycles(
  edges: readonly Edge[],
  out: readonly (readonly number[])[],
  scc: Components,
): Cycle[] {
  const cycles: Cycle[] = [];
  for (const component of scc.components) {
    const start = component[0]!;
    if (component.length === 1) {
      const self = (out[start] ?? []).find((e) => edges[e]!.to === start);
      if (self !== undefined) cycles.push({ members: component, edges: [self] });
      continue;
    }
    cycles.push({ members: component, edges: cycleThrough(start, edges, out, scc.componentOf) });
  }
  return cycles;
}

/** The result of {@link startWaves}. */
export interface Waves {
  /**
   * Nodes in waves: every edge of a node in wave k leads to a node of an earlier wave, so wave 0
   * holds the nodes without edges. Within a wave nodes keep ascending id order.
   */
  readonly waves: readonly (readonly number[])[];
  /** Nodes that never get a wave: on a cycle, or leading to one. Ascending. */
  readonly blocked: readonly number[];
}

/**
 * Kahn's algorithm in waves, for edges that mean "`from` needs `to` first" (a service and what it
 * depends on): what can start together, in order. O(V+E).
 */
export function startWaves(size: number, edges: readonly Edge[]): Waves {
  const waiting = new Int32Array(size);
  const needed: number[][] = Array.from({ length: size }, () => []);
  for (const edge of edges) {
    waiting[edge.from]!++;
    needed[edge.to]?.push(edge.from);
  }
  const waves: number[][] = [];
  let current: number[] = [];
  for (let node = 0; node < size; node++) if (waiting[node] === 0) current.push(node);
  let placed = 0;
  while (current.length > 0) {
    waves.push(current);
    placed += current.length;
    const next: number[] = [];
    for (const node of current) {
      for (const waiter of needed[node]!) if (--waiting[waiter]! === 0) next.push(waiter);
    }
    current = next.sort((a, b) => a - b);
  }
  const blocked: number[] = [];
  if (placed < size) for (let node = 0; node < size; node++) if (waiting[node]! > 0) blocked.push(node);
  return { waves, blocked };
}

/** The result of {@link longestPaths}. */
export interface LongestPaths {
  /** For each node, the largest total weight of a path leaving it (edges inside a component are ignored). */
  readonly depth: Float64Array;
  /** For each node, the edge that starts its longest path, or -1. */
  readonly next: Int32Array;
}

/**
 * Longest weighted paths over the condensation (edges inside a strongly connected component are
 * ignored, since cycles are reported on their own). Linear: components arrive in reverse topological order.
 */
export function longestPaths(
  edges: readonly Edge[],
  out: readonly (readonly number[])[],
  scc: Components,
): LongestPaths {
  const size = scc.componentOf.length;
  const depth = new Float64Array(size);
  const next = new Int32Array(size).fill(-1);
  for (const component of scc.components) {
    for (const node of component) {
      for (const edgeIndex of out[node] ?? []) {
        const edge = edges[edgeIndex]!;
        if (scc.componentOf[edge.to] === scc.componentOf[node]) continue;
        const candidate = (edge.weight ?? 1) + depth[edge.to]!;
        if (candidate > depth[node]!) {
          depth[node] = candidate;
          next[node] = edgeIndex;
        }
      }
    }
  }
  return { depth, next };
}

/** Maps names to dense ids, in order of first mention. */
export class NodeIds {
  readonly #ids = new Map<string, number>();
  readonly names: string[] = [];

  id(name: string): number {
    let id = this.#ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.#ids.set(name, id);
      this.names.push(name);
    }
    return id;
  }

  get size(): number {
    return this.names.length;
  }
}
