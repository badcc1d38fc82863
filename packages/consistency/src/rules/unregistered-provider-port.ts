import { fileName, q } from "../internal/describe.js";
import { readUrl, SELF_HOSTED_TYPES } from "../internal/urls.js";
import { defineRule } from "../rule.js";

/** SY2022: a self-hosted provider whose port no service of ports.yaml registers. */
export const unregisteredProviderPort = defineRule({
  id: "SY2022",
  name: "unregistered-provider-port",
  title: "A self-hosted provider's port is not registered in ports.yaml.",
  severity: "info",
  reads: ["ports"],
  cause:
    "No service in ports.yaml lists the provider in its `providers`, and no service uses the port of its `base_url`. Port conflicts, health checks and start order therefore do not cover it. (A provider that no service lists but whose port a service uses counts as registered.)",
  fix: "Add a service for the provider to ports.yaml with that `port` and `providers: [<id>]`, or list the provider in the `providers` of the service that hosts it.",
  *check(context) {
    const { model } = context;
    const portsFile = model.portsFile;
    if (!portsFile) return;
    const listed = new Set<string>();
    const ports = new Set<number>();
    for (const service of model.services.values()) {
      if (service.port !== undefined) ports.add(service.port);
      for (const item of service.providers) listed.add(item.name);
    }
    for (const provider of model.providers.values()) {
      if (
        provider.disabled ||
        provider.type === undefined ||
        !SELF_HOSTED_TYPES.has(provider.type) ||
        listed.has(provider.id)
      )
        continue;
      const url = readUrl(provider.baseUrl);
      if (url.kind !== "ok" || ports.has(url.parsed.port)) continue;
      yield {
        message: `Provider ${q(provider.id)} listens on port ${url.parsed.port}, which no service in ${fileName(portsFile)} registers`,
        ...context.at({ file: provider.place.file, path: [...provider.place.path, "base_url"] }),
        hint: `Add a service to ${fileName(portsFile)} with \`port: ${url.parsed.port}\` and \`providers: [${provider.id}]\`.`,
        related: [
          context.related("services are registered here", { file: portsFile, path: ["services"] }, "key"),
        ],
      };
    }
  },
});
