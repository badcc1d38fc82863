import type { ModelMappingsFile } from "@switchyard/config-schema/schemas";
import { sha256 } from "@switchyard/config-schema/text";

/** One deployment that needs a `model_info.id`. */
export interface IdRequest {
  readonly modelName: string;
  readonly providerId: string;
  /** The provider's model name, or the pattern's model template for a wildcard route. */
  readonly model: string;
  readonly wildcard: boolean;
  /** The id the deployment sets itself (`id:` in model-mappings.yaml): kept as written. */
  readonly fixed?: string;
}

/** A readable, filesystem- and URL-safe fragment: runs of other characters become one `-`. */
function slug(text: string): string {
  const out = text
    .replace(/\*/g, "-any-")
    .replace(/[^A-Za-z0-9._]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return out === "" ? "model" : out;
}

/** The id Switchyard generates for a deployment before collisions are resolved: `<provider>--<model>`. */
export function baseId(request: Pick<IdRequest, "providerId" | "model" | "wildcard">): string {
  return `${deploymentIdPrefix(request.providerId)}${slug(request.model)}${request.wildcard ? "--wildcard" : ""}`;
}

/**
 * The start every generated `model_info.id` of a provider's deployments shares: `<provider>--`
 * (slugged; a slug never holds `--`, so one provider's prefix never starts another's ids). LiteLLM
 * exports the id as the `model_id` label, which is how monitoring selects a provider's series.
 */
export function deploymentIdPrefix(providerId: string): string {
  return `${slug(providerId)}--`;
}

/**
 * `model_info.id`s: a deployment's own id (`fixed`) is kept as written; the others get a stable,
 * unique generated id, `<provider>--<model>` (`--wildcard` appended for pattern routes), slugged.
 * A generated id that would be shared by two deployments, or equal a `model_name`, an id the
 * config sets itself or one in `taken` (verbatim deployments), gets an 8-hex suffix hashed from the
 * deployment's own model name, provider and model, so an id depends only on its deployment and on
 * whether it collides. A deployment listed twice verbatim gets a counter as a last resort.
 */
export function assignIds(requests: readonly IdRequest[], taken: Iterable<string> = []): string[] {
  const reserved = new Set<string>([...requests.map((r) => r.modelName), ...taken]);
  for (const r of requests) if (r.fixed !== undefined) reserved.add(r.fixed);
  const base = requests.map((r) => (r.fixed !== undefined ? r.fixed : baseId(r)));
  const counts = new Map<string, number>();
  requests.forEach((r, i) => {
    if (r.fixed === undefined) counts.set(base[i]!, (counts.get(base[i]!) ?? 0) + 1);
  });
  const used = new Set<string>();
  return requests.map((request, index) => {
    if (request.fixed !== undefined) return request.fixed;
    let id = base[index]!;
    if (counts.get(id)! > 1 || reserved.has(id)) {
      const hash = sha256(`${request.modelName}\0${request.providerId}\0${request.model}`).slice(0, 8);
      id = `${id}-${hash}`;
    }
    let unique = id;
    for (let n = 2; used.has(unique) || reserved.has(unique); n++) unique = `${id}-${n}`;
    used.add(unique);
    return unique;
  });
}

/**
 * The ids deployments set themselves (`id:` of an exact match, a load-balancing deployment or a
 * pattern route in model-mappings.yaml), by provider, each provider's in file order. The generator
 * writes them as `model_info.id` unchanged, so they do not start with {@link deploymentIdPrefix}:
 * whoever selects a provider's series by `model_id` (monitoring) needs them too.
 */
export function ownDeploymentIds(
  mappings: ModelMappingsFile | undefined,
): ReadonlyMap<string, readonly string[]> {
  const byProvider = new Map<string, string[]>();
  const add = (provider: string, id: string | undefined) => {
    if (id === undefined) return;
    const ids = byProvider.get(provider) ?? [];
    if (!ids.includes(id)) ids.push(id);
    byProvider.set(provider, ids);
  };
  for (const route of Object.values(mappings?.exact_matches ?? {})) add(route.provider, route.id);
  for (const group of Object.values(mappings?.load_balancing ?? {}))
    for (const deployment of group.deployments) add(deployment.provider, deployment.id);
  for (const route of mappings?.patterns ?? []) add(route.provider, route.id);
  return byProvider;
}
