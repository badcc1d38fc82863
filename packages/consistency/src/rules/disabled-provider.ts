import { capitalize, fileName, q } from "../internal/describe.js";
import { defineRule } from "../rule.js";

/** SY2002: an active route to a disabled provider. */
export const disabledProvider = defineRule({
  id: "SY2002",
  name: "route-to-disabled-provider",
  title: "A route or deployment sends traffic to a disabled provider.",
  severity: "warning",
  cause:
    "The provider has `status: disabled`, so the generator emits no LiteLLM deployment for it, but an exact match, pattern route or load-balancing deployment still routes to it. Requests for that name fail (or, in a group, the group silently loses a deployment).",
  fix: "Route the name to an active provider, remove the route, or set the provider's `status` back to `active`.",
  *check(context) {
    const { model } = context;
    for (const ref of model.providerRefs) {
      if (ref.kind === "service") continue;
      const provider = model.providers.get(ref.provider);
      if (!provider?.disabled) continue;
      yield {
        message: `${capitalize(ref.label)} routes to provider ${q(ref.provider)}, which is disabled in ${fileName(provider.place.file)}`,
        ...context.at(ref.place),
        hint: `Route ${ref.label} to an active provider or remove it; or set \`status: active\` on ${q(ref.provider)} if it should take traffic again.`,
        related: [
          context.related(`provider ${q(ref.provider)} is disabled here`, {
            file: provider.place.file,
            path: [...provider.place.path, "status"],
          }),
        ],
      };
    }
  },
});
