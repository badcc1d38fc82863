/** Keys that are refused anywhere in a config file, so no consumer can ever be tricked by them. */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(["__proto__", "constructor", "prototype"]);
