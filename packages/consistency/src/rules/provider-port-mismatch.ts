import { fileName, q } from "../internal/describe.js";
import { CONVENTIONAL_PORTS, readUrl, withPort } from "../internal/urls.js";
import { defineRule } from "../rule.js";

/** SY2021: a provider's base_url port must equal the port of the service that hosts it. */
export const providerPortMismatch = defineRule({
  id: "SY2021",
  name: "provider-port-mismatch",
  title: "A provider's base_url port differs from the port of the service that hosts it.",
  severity: "error",
  reads: ["ports"],
  cause:
    "A service in ports.yaml lists the provider in its `providers`, so the provider is served on that service's port, but the provider's `base_url` in providers.yaml names another port. LiteLLM would call a port where nothing (or something else) listens. Conventional ports: Ollama 11434, vLLM 8001 in this stack (8000 upstream), llama.cpp's llama-server 8080, llama-cpp-python 8000.",
  fix: "Make the two agree: change the port in `base_url` (the suggestion), or the service's `port`.",
  example:
    "# providers.yaml\nvllm: {type: vllm, base_url: http://127.0.0.1:8002/v1}\n# ports.yaml\nvllm: {port: 8001, providers: [vllm]}",
  *check(context) {
    const { model } = context;
    for (const service of model.services.values()) {
      if (service.port === undefined) continue;
      for (const item of service.providers) {
        const provider = model.providers.get(item.name);
        if (!provider) continue;
        const url = readUrl(provider.baseUrl);
        if (url.kind !== "ok" || url.parsed.port === service.port) continue;
        const suggestion = withPort(url.value, url.parsed.url, service.port);
        const conventional = provider.type !== undefined ? CONVENTIONAL_PORTS[provider.type] : undefined;
        const note =
          conventional !== undefined && (conventional === service.port || conventional === url.parsed.port)
            ? ` (${provider.type} listens on ${conventional} by default)`
            : "";
        yield {
          message: `Provider ${q(provider.id)} has base_url port ${url.parsed.port}, but service ${q(service.id)} in ${fileName(service.place.file)}, which hosts it, listens on ${service.port}`,
          ...context.at({ file: provider.place.file, path: [...provider.place.path, "base_url"] }),
          hint: `Use \`base_url: ${suggestion}\`, or set the port of service ${q(service.id)} to ${url.parsed.port}${note}.`,
          suggestion,
          related: [
            context.related(`service ${q(service.id)} listens on ${service.port} here`, {
              file: service.place.file,
              path: [...service.place.path, "port"],
            }),
          ],
        };
      }
    }
  },
});
