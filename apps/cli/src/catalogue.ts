import { type Catalogue, mergeCatalogues, schemaCatalogue } from "@switchyard/config-schema";
import { consistencyCatalogue } from "@switchyard/consistency";

let merged: Catalogue | undefined;

/**
 * Every diagnostic code the CLI can report, for `explain` and the renderers: config-schema's SY1xxx
 * entries (loading, schema, safe writes, suppressions) and the consistency rules' SY2xxx entries. Add a package's
 * catalogue here when its command lands.
 */
export function cliCatalogue(): Catalogue {
  merged ??= mergeCatalogues(schemaCatalogue, consistencyCatalogue);
  return merged;
}
