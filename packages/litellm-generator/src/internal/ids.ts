import { sha256 } from "@switchyard/config-schema";

/** One deployment that needs a `model_info.id`. */
export interface IdRequest {
  readonly modelName: string;
  readonly providerId: string;
  /** The provider's model name, or the pattern's model template for a wildcard route. */
  readonly model: string;
  readonly wildcard: boolean;
}

/** A readable, filesystem- and URL-safe fragment: runs of other characters become one `-`. */
function slug(text: string): string {
  const out = text
    .replace(/\*/g, "-any-")
    .replace(/[^A-Za-z0-9._]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return out === "" ? "model" : out;
}

/**
 * Stable, unique `model_info.id`s: `<provider>--<model>` (`--wildcard` appended for pattern
 * routes), slugged. An id that would be shared by two deployments, or equal any `model_name`,
 * gets an 8-hex suffix hashed from the deployment's own model name, provider and model, so an id
 * depends only on its deployment and on whether it collides. A deployment listed twice verbatim
 * gets a counter as a last resort.
 */
export function assignIds(requests: readonly IdRequest[]): string[] {
  const base = requests.map(
    (r) => `${slug(r.providerId)}--${slug(r.model)}${r.wildcard ? "--wildcard" : ""}`,
  );
  const modelNames = new Set(requests.map((r) => r.modelName));
  const counts = new Map<string, number>();
  for (const id of base) counts.set(id, (counts.get(id) ?? 0) + 1);
  const used = new Set<string>();
  return requests.map((request, index) => {
    let id = base[index]!;
    if (counts.get(id)! > 1 || modelNames.has(id)) {
      const hash = sha256(`${request.modelName}\0${request.providerId}\0${request.model}`).slice(0, 8);
      id = `${id}-${hash}`;
    }
    let unique = id;
    for (let n = 2; used.has(unique) || modelNames.has(unique); n++) unique = `${id}-${n}`;
    used.add(unique);
    return unique;
  });
}
