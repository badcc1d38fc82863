import { didYouMean, suggestName } from "@switchyard/config-schema/diagnostics";
import { fileName, q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

/** SY2060: `depends_on` must name services of ports.yaml. */
export const unknownServiceDependency = defineRule({
  id: "SY2060",
  name: "unknown-service-dependency",
  title: "A service depends on a service that does not exist.",
  severity: "error",
  reads: ["ports"],
  cause:
    "A `depends_on` entry in ports.yaml names no service of the file, usually a typo or a renamed service. Start ordering and health gating would wait for something that never comes.",
  fix: "Use the suggested service id, or add the service to ports.yaml.",
  *check(context) {
    const services = context.model.services;
    const ids = [...services.keys()];
    for (const service of services.values()) {
      for (const item of service.dependsOn) {
        if (services.has(item.name)) continue;
        const suggestion = suggestName(item.name, ids);
        const suggested = suggestion !== undefined ? services.get(suggestion) : undefined;
        yield {
          message: `Service ${q(service.id)} depends on ${q(item.name)}, which ${fileName(service.place.file)} does not define${didYouMean(suggestion)}`,
          ...context.at(item.place),
          hint:
            suggestion !== undefined
              ? `Change it to ${q(suggestion)}.`
              : `Add a service ${q(item.name)}, or remove the dependency.`,
          ...(suggestion !== undefined ? { suggestion } : {}),
          ...(suggested
            ? {
                related: [
                  context.related(`service ${q(suggested.id)} is defined here`, suggested.place, "key"),
                ],
              }
            : {}),
        };
      }
    }
  },
});
