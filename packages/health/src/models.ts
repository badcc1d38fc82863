/**
 * The model names a server is expected to serve. `covers` says whether a served id is accounted
 * for otherwise (a LiteLLM wildcard route matches it: the generator passes LiteLLM's own matching),
 * so it is not "unexpected".
 */
export interface ExpectedModels {
  readonly names: ReadonlySet<string>;
  readonly covers?: (id: string) => boolean;
  /** Wildcard routes that are not compared, for messages. */
  readonly wildcards?: number;
}

/** Expected against served. */
export interface ModelComparison {
  readonly expected: readonly string[];
  readonly served: readonly string[];
  /** Expected but not served, sorted. */
  readonly missing: readonly string[];
  /** Served but neither expected nor covered, sorted. */
  readonly unexpected: readonly string[];
}

/**
 * Compare served model ids with the expected names. `normalize` maps both sides to one spelling
 * first (Ollama's `name` and `name:latest` are one model). The one comparison of served models:
 * health probes and the reload's model gate use it.
 */
export function compareServedModels(
  served: readonly string[],
  expected: ExpectedModels,
  normalize: (name: string) => string = (name) => name,
): ModelComparison {
  const servedKeys = new Set(served.map(normalize));
  const expectedKeys = new Set([...expected.names].map(normalize));
  const missing = [...expected.names].filter((name) => !servedKeys.has(normalize(name))).sort();
  const unexpected = [...new Set(served)]
    .filter(
      (id) => !expectedKeys.has(normalize(id)) && !id.includes("*") && !(expected.covers?.(id) ?? false),
    )
    .sort();
  return { expected: [...expected.names].sort(), served: [...new Set(served)].sort(), missing, unexpected };
}

/** `a, b, c and 4 more`: at most six names. */
export function listNames(names: readonly string[], most = 6): string {
  return names.length > most
    ? `${names.slice(0, most).join(", ")} and ${names.length - most} more`
    : names.join(", ");
}
