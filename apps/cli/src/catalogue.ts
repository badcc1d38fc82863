import { type Catalogue, mergeCatalogues } from "@switchyard/config-schema/diagnostics";
import { validationCatalogue } from "@switchyard/consistency";

let base: Catalogue | undefined;

/**
 * The catalogue a command's renderers need: config-schema's SY1xxx entries (loading, schema, safe
 * writes, suppressions) and the consistency rules' SY2xxx entries, plus the catalogues of the
 * packages the calling command already imports (`generate` passes `generatorCatalogue`). Commands
 * pass their own package's catalogue rather than loading every package, so `validate` never loads
 * the audit, migration or generator code.
 */
export function cliCatalogue(...extra: readonly Catalogue[]): Catalogue {
  base ??= validationCatalogue();
  return extra.reduce((merged, catalogue) => mergeCatalogues(merged, catalogue), base);
}
