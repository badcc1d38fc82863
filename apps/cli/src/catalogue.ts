import { type Catalogue, mergeCatalogues, schemaCatalogue } from "@switchyard/config-schema";
import { consistencyCatalogue } from "@switchyard/consistency";

let base: Catalogue | undefined;
let full: Promise<Catalogue> | undefined;

/**
 * The catalogue a command's renderers need: config-schema's SY1xxx entries (loading, schema, safe
 * writes, suppressions) and the consistency rules' SY2xxx entries, plus the catalogues of the
 * packages the calling command already imports (`generate` passes `generatorCatalogue`). Commands
 * pass their own package's catalogue rather than loading every package, so `validate` never loads
 * the audit, migration or generator code.
 */
export function cliCatalogue(...extra: readonly Catalogue[]): Catalogue {
  base ??= mergeCatalogues(schemaCatalogue, consistencyCatalogue);
  return extra.reduce((merged, catalogue) => mergeCatalogues(merged, catalogue), base);
}

/**
 * Every diagnostic code switchyard can report, for `explain`: the {@link cliCatalogue} plus the
 * generator's SY4xxx, the migrations' SY3xxx and the audit's SY5xxx entries. Those packages are
 * imported here, lazily, so only `explain` pays for loading all of them.
 */
export function fullCatalogue(): Promise<Catalogue> {
  full ??= Promise.all([
    import("@switchyard/litellm-generator"),
    import("@switchyard/migrations"),
    import("@switchyard/audit"),
    import("@switchyard/feature-flags"),
  ]).then(([generator, migrations, audit, flags]) =>
    mergeCatalogues(
      cliCatalogue(),
      generator.generatorCatalogue,
      migrations.migrationsCatalogue,
      audit.auditCatalogue,
      flags.flagsCatalogue,
    ),
  );
  return full;
}
