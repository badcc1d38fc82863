import { q } from "../internal/describe.js";
import { type ParsedUrl, readUrl, SELF_HOSTED_TYPES } from "../internal/urls.js";
import type { ProviderEntry } from "../model.js";
import { defineRule } from "../rule.js";

function endpoint(parsed: ParsedUrl): string {
  return `${parsed.host.includes(":") ? `[${parsed.host}]` : parsed.host}:${parsed.port}`;
}

/** SY2023: two active self-hosted providers on one host and port. */
export const sharedProviderPort = defineRule({
  id: "SY2023",
  name: "shared-provider-port",
  title: "Two active self-hosted providers use the same host and port.",
  severity: "error",
  cause:
    "Only one server can listen on a host and port, so two active providers there cannot both be what they claim: typically two vLLM entries for one GPU port, of which only one may be active at a time. Cloud providers are exempt (several accounts may share an API host). `localhost` and `127.0.0.1` count as the same host.",
  fix: "Set `status: disabled` on the provider that is not running, or move one to another port (and its service in ports.yaml with it).",
  *check(context) {
    const first = new Map<string, { provider: ProviderEntry }>();
    for (const provider of context.model.providers.values()) {
      if (provider.disabled || provider.type === undefined || !SELF_HOSTED_TYPES.has(provider.type)) continue;
      const url = readUrl(provider.baseUrl);
      if (url.kind !== "ok") continue;
      const key = endpoint(url.parsed);
      const earlier = first.get(key);
      if (!earlier) {
        first.set(key, { provider });
        continue;
      }
      const other = earlier.provider;
      yield {
        message: `Active providers ${q(other.id)} and ${q(provider.id)} both use ${key}; only one server can listen there`,
        ...context.at({ file: provider.place.file, path: [...provider.place.path, "base_url"] }),
        hint: `Set \`status: disabled\` on the one that is not running, or move ${q(provider.id)} to another port.`,
        related: [
          context.related(`${q(other.id)} uses ${key} here`, {
            file: other.place.file,
            path: [...other.place.path, "base_url"],
          }),
        ],
      };
    }
  },
});
