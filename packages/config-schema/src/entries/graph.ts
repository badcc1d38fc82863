/**
 * `@switchyard/config-schema/graph`: dependency graphs: cycles, strongly connected components, start waves,
 * longest paths and a dependency order.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type { Dependency, DependencyCycle, DependencyOrder } from "../graph/dependency-order.js";
export { dependencyOrder } from "../graph/dependency-order.js";
export type { Components, Cycle, Edge, LongestPaths, Waves } from "../graph/graph.js";
export {
  adjacency,
  cycleThrough,
  findCycles,
  longestPaths,
  NodeIds,
  startWaves,
  stronglyConnectedComponents,
} from "../graph/graph.js";
