import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import { litellmPatternMatches } from "@switchyard/config-schema/litellm";
import type { ModelMappingsFile } from "@switchyard/config-schema/schemas";
import type { Findings } from "./notes.js";
import { byCodeUnits } from "./order.js";

interface Target {
  readonly name: string;
  /** Where the target is listed (the first place, when listed twice). */
  readonly path: YamlPath;
}

interface Source {
  readonly targets: Target[];
  /** Where the key is declared (the per-model entry, else the chain). */
  readonly keyPath: YamlPath;
}

/**
 * Collect every model's fallbacks: its own `fallbacks` (exact match or load-balancing group)
 * first, then the `fallback_chains` entry keyed by its name, de-duplicated with the first
 * occurrence kept.
 */
function collect(mappings: ModelMappingsFile): Map<string, Source> {
  const sources = new Map<string, Source>();
  const add = (name: string, list: readonly string[] | undefined, path: YamlPath) => {
    if (list === undefined) return;
    let source = sources.get(name);
    if (!source) {
      source = { targets: [], keyPath: path };
      sources.set(name, source);
    }
    list.forEach((target, index) => {
      if (!source.targets.some((t) => t.name === target))
        source.targets.push({ name: target, path: [...path, index] });
    });
  };
  const exact = mappings.exact_matches ?? {};
  for (const name of Object.keys(exact).sort(byCodeUnits)) {
    add(name, exact[name]!.fallbacks, ["exact_matches", name, "fallbacks"]);
  }
  const groups = mappings.load_balancing ?? {};
  for (const name of Object.keys(groups).sort(byCodeUnits)) {
    add(name, groups[name]!.fallbacks, ["load_balancing", name, "fallbacks"]);
  }
  const chains = mappings.fallback_chains ?? {};
  for (const name of Object.keys(chains).sort(byCodeUnits))
    add(name, chains[name], ["fallback_chains", name]);
  return sources;
}

/**
 * `router_settings.fallbacks` in LiteLLM's list-of-maps form (`[{model: [fallback, ...]}]`),
 * sorted by model name. A key must be a generated model group (LiteLLM ignores fallbacks keyed by
 * anything else, and does not support them on wildcard groups); a target must be a generated
 * group, a name an emitted wildcard route serves, or a deployment litellm-passthrough.yaml carries
 * verbatim. Whatever is dropped is noted.
 */
export function buildFallbacks(
  mappings: ModelMappingsFile,
  groups: ReadonlySet<string>,
  wildcards: readonly string[],
  findings: Findings,
  verbatim: { readonly groups: ReadonlySet<string>; readonly wildcards: readonly string[] } = {
    groups: new Set(),
    wildcards: [],
  },
): Record<string, string[]>[] {
  const out: Record<string, string[]>[] = [];
  const sources = collect(mappings);
  for (const name of [...sources.keys()].sort(byCodeUnits)) {
    const source = sources.get(name)!;
    if (!groups.has(name)) {
      const reason = wildcards.includes(name)
        ? "LiteLLM does not support fallbacks on wildcard groups"
        : "the name has no deployment in the generated config";
      findings.add(
        "SY4020",
        "warning",
        `Fallbacks of '${name}' dropped: ${reason}`,
        { kind: "model-mappings", path: source.keyPath, part: "key" },
        { hint: "Key fallbacks by a public model name that has an active deployment." },
      );
      continue;
    }
    const kept: string[] = [];
    for (const target of source.targets) {
      if (target.name === name) {
        findings.add("SY4022", "info", `'${name}' lists itself as a fallback; the entry was removed`, {
          kind: "model-mappings",
          path: target.path,
        });
        continue;
      }
      if (
        groups.has(target.name) ||
        verbatim.groups.has(target.name) ||
        [...wildcards, ...verbatim.wildcards].some((pattern) => litellmPatternMatches(pattern, target.name))
      ) {
        kept.push(target.name);
        continue;
      }
      findings.add(
        "SY4021",
        "warning",
        `Fallback '${target.name}' of '${name}' dropped: no deployment serves it`,
        { kind: "model-mappings", path: target.path },
        { hint: "Point the fallback at a served public model name, or enable the provider that serves it." },
      );
    }
    if (kept.length > 0) out.push({ [name]: kept });
  }
  return out;
}
