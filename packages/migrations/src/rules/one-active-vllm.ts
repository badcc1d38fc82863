/** What the one-active-vLLM rule needs to know about a provider. */
export interface VllmRuleProvider {
  readonly id: string;
  readonly type: unknown;
  /** `url` (1.x) or `base_url` (2.0.0). */
  readonly url: unknown;
  readonly active: boolean;
}

/** A provider the rule turns off, and the one that keeps the endpoint. */
export interface VllmConflict {
  readonly id: string;
  /** `host:port`, as compared. */
  readonly endpoint: string;
  /** The provider listed first for that endpoint, which stays active. */
  readonly kept: string;
}

const DEFAULT_PORTS: Record<string, string> = { "http:": "80", "https:": "443" };

/**
 * The endpoint a provider URL points at, as `host:port`: the host lower-cased as written (so
 * `localhost` and `127.0.0.1` are different hosts) and the port explicit or the scheme's default.
 * `undefined` for a value that is not an http(s) URL.
 */
export function vllmEndpoint(url: unknown): string | undefined {
  if (typeof url !== "string") return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  const port = parsed.port || DEFAULT_PORTS[parsed.protocol];
  if (port === undefined || parsed.hostname === "") return undefined;
  return `${parsed.hostname.toLowerCase()}:${port}`;
}

/**
 * The legacy rule of schema 2.0.0: at most one active `vllm` provider per host and port (a vLLM
 * process serves one model). Where several are active, the first listed keeps the endpoint and
 * every later one is returned, to be disabled.
 */
export function vllmConflicts(providers: readonly VllmRuleProvider[]): VllmConflict[] {
  const owner = new Map<string, string>();
  const conflicts: VllmConflict[] = [];
  for (const provider of providers) {
    if (provider.type !== "vllm" || !provider.active) continue;
    const endpoint = vllmEndpoint(provider.url);
    if (endpoint === undefined) continue;
    const kept = owner.get(endpoint);
    if (kept === undefined) owner.set(endpoint, provider.id);
    else conflicts.push({ id: provider.id, endpoint, kept });
  }
  return conflicts;
}
