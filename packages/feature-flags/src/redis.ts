/** `@switchyard/feature-flags/redis`: the Redis flag store (needs the `redis` package). */
export type { RedisFlagStoreOptions } from "./stores/redis.js";
export { RedisFlagStore } from "./stores/redis.js";
