import { adjacency, findCycles, NodeIds, startWaves, stronglyConnectedComponents } from "./graph.js";

/** "`from` depends on `to`": `to` must be up before `from` starts. `data` rides along (e.g. a location). */
export interface Dependency<T = undefined> {
  readonly from: string;
  readonly to: string;
  readonly data: T;
}

/** A dependency cycle, named by its path. */
export interface DependencyCycle<T = undefined> {
  /** A shortest loop, first name repeated at the end: `["a", "b", "a"]`; `["a", "a"]` for a self-dependency. */
  readonly path: readonly string[];
  /** The dependencies along {@link path}, in order. */
  readonly dependencies: readonly Dependency<T>[];
  /**
   * Every name of the strongly connected component the loop belongs to, in the order the names
   * were given (more than the path when several loops intertwine).
   */
  readonly members: readonly string[];
}

/** What {@link dependencyOrder} found. */
export interface DependencyOrder<T = undefined> {
  /** Start waves: names in wave k depend only on names of earlier waves. Names keep their given order. */
  readonly waves: readonly (readonly string[])[];
  /** One entry per cycle (each strongly connected component once). */
  readonly cycles: readonly DependencyCycle<T>[];
  /** Names that cannot start: on a cycle or depending on one, in the given order. */
  readonly blocked: readonly string[];
}

/**
 * Start order of named things with dependencies (ports.yaml's services and their `depends_on`):
 * Kahn's waves, and every cycle named by its path as Docker Compose names them (`a -> b -> a`).
 * Dependencies that name something not in `names` are ignored (reporting those is the caller's
 * business). One implementation for consistency's SY2061 and port-registry's start order.
 */
export function dependencyOrder<T>(
  names: Iterable<string>,
  dependencies: Iterable<Dependency<T>>,
): DependencyOrder<T> {
  const ids = new NodeIds();
  for (const name of names) ids.id(name);
  const known = ids.size;
  const kept: { from: number; to: number; dependency: Dependency<T> }[] = [];
  const index = new Map(ids.names.map((name, i) => [name, i]));
  for (const dependency of dependencies) {
    const from = index.get(dependency.from);
    const to = index.get(dependency.to);
    if (from === undefined || to === undefined) continue;
    kept.push({ from, to, dependency });
  }
  const out = adjacency(known, kept);
  const scc = stronglyConnectedComponents(known, kept, out);
  const cycles = findCycles(kept, out, scc).map((cycle) => {
    const along = cycle.edges.map((e) => kept[e]!.dependency);
    return {
      path: [ids.names[cycle.members[0]!]!, ...along.map((d) => d.to)],
      dependencies: along,
      members: cycle.members.map((n) => ids.names[n]!),
    };
  });
  const { waves, blocked } = startWaves(known, kept);
  return {
    waves: waves.map((wave) => wave.map((n) => ids.names[n]!)),
    cycles,
    blocked: blocked.map((n) => ids.names[n]!),
  };
}
