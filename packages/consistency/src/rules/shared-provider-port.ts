import { formatHostPort, parseHost } from "@switchyard/config-schema/hosts";
import { q } from "../internal/describe.js";
import { normalizeHost, type ParsedUrl, readUrl, SELF_HOSTED_TYPES } from "../internal/urls.js";
import type { ConfigModel, ProviderEntry } from "../model.js";
import { defineRule } from "../rule.js";

/** Self-hosted server types one process serves several models with (the others serve one). */
const MULTI_MODEL_TYPES: ReadonlySet<string> = new Set(["ollama", "llamacpp_python", "openai_compatible"]);

/**
 * Whether a host is one this stack can run on by itself: loopback or a wildcard (config-schema's
 * host model), a private address (RFC 1918, link-local, IPv6 unique-local and link-local), or a LAN
 * name (no dot: a container, compose service or LAN host; `.local`, `.internal`, `.lan`,
 * `.home.arpa`).
 */
function isLocalAddress(text: string): boolean {
  const host = parseHost(text);
  if (host.kind === "wildcard" || host.kind === "loopback") return true;
  if (host.kind === "name")
    return !host.key.includes(".") || /\.(local|internal|lan|home\.arpa)$/.test(host.key);
  if (host.family === 6) return /^(f[cd][0-9a-f]{2}|fe[89ab][0-9a-f]):/.test(host.key);
  const [a, b] = host.key.split(".").map(Number);
  return (
    a === 10 || (a === 172 && b! >= 16 && b! <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254)
  );
}

/** The hosts this stack runs on: every host ports.yaml names (keyed as URL hosts are). */
function stackHosts(model: ConfigModel): Set<string> {
  const hosts = new Set<string>();
  for (const service of model.services.values()) {
    hosts.add(normalizeHost(service.host.text));
    const health = readUrl(service.healthUrl);
    if (health.kind === "ok") hosts.add(health.parsed.host);
  }
  return hosts;
}

function modelNames(provider: ProviderEntry): string {
  return [...(provider.models?.keys() ?? [])].sort().join("\0");
}

/**
 * Two entries for one server rather than two servers: the same type at the same URL, and either a
 * server that serves several models (Ollama, llama-cpp-python, a generic OpenAI-compatible server:
 * two providers there differ only in key or LiteLLM prefix) or the same models.
 */
function sameServer(a: ProviderEntry, b: ProviderEntry, urlA: ParsedUrl, urlB: ParsedUrl): boolean {
  if (a.type !== b.type || urlA.path !== urlB.path || urlA.url.protocol !== urlB.url.protocol) return false;
  return MULTI_MODEL_TYPES.has(a.type ?? "") || modelNames(a) === modelNames(b);
}

/** SY2023: two active self-hosted providers on one host and port of this stack. */
export const sharedProviderPort = defineRule({
  id: "SY2023",
  name: "shared-provider-port",
  title: "Two active self-hosted providers use the same host and port of this stack.",
  severity: "error",
  cause:
    "Only one server can listen on a host and port, so two active providers there cannot both be what they claim: typically two vLLM entries for one GPU port, of which only one may be active at a time. The rule covers the stack's own hosts (loopback, private and unqualified addresses, and every host ports.yaml names); a remote host such as an HTTPS API shared by several accounts, and cloud providers, are exempt, and so are two entries for one server (the same type and URL, serving several models or the same ones). `localhost` and `127.0.0.1` count as the same host.",
  fix: "Set `status: disabled` on the provider that is not running, or move one to another port (and its service in ports.yaml with it).",
  *check(context) {
    const hosts = stackHosts(context.model);
    const first = new Map<string, { provider: ProviderEntry; url: ParsedUrl }[]>();
    for (const provider of context.model.providers.values()) {
      if (provider.disabled || provider.type === undefined || !SELF_HOSTED_TYPES.has(provider.type)) continue;
      const url = readUrl(provider.baseUrl);
      if (url.kind !== "ok") continue;
      if (!isLocalAddress(url.parsed.host) && !hosts.has(url.parsed.host)) continue;
      const key = formatHostPort(url.parsed.host, url.parsed.port);
      const earlier = first.get(key) ?? [];
      const other = earlier.find((e) => !sameServer(e.provider, provider, e.url, url.parsed));
      earlier.push({ provider, url: url.parsed });
      first.set(key, earlier);
      if (!other) continue;
      yield {
        message: `Active providers ${q(other.provider.id)} and ${q(provider.id)} both use ${key}; only one server can listen there`,
        ...context.at({ file: provider.place.file, path: [...provider.place.path, "base_url"] }),
        hint: `Set \`status: disabled\` on the one that is not running, or move ${q(provider.id)} to another port.`,
        related: [
          context.related(`${q(other.provider.id)} uses ${key} here`, {
            file: other.provider.place.file,
            path: [...other.provider.place.path, "base_url"],
          }),
        ],
      };
    }
  },
});
