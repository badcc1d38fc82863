import { type Catalogue, mergeCatalogues } from "@switchyard/config-schema/diagnostics";
import { cliCatalogue } from "./catalogue.js";

let full: Promise<Catalogue> | undefined;

/**
 * Every diagnostic code switchyard can report, for `explain`: the {@link cliCatalogue} plus the
 * generator's SY4xxx, the monitoring's SY44xx, the migrations' SY3xxx, the audit's SY5xxx, port-registry's SY6xxx and the
 * flags' SY7xxx entries. Building it loads every
 * package (the audit's and consistency's catalogues are built from their checks and rules), so the
 * built CLI does not: scripts/build.mjs runs this function at build time and replaces this module
 * with its result, and `explain` then loads a table of text and no library
 * (`bundle.test.ts` checks the two agree).
 */
export function fullCatalogue(): Promise<Catalogue> {
  full ??= Promise.all([
    import("@switchyard/litellm-generator"),
    import("@switchyard/migrations"),
    import("@switchyard/audit"),
    import("@switchyard/feature-flags"),
    import("@switchyard/port-registry"),
    import("@switchyard/monitoring"),
  ]).then(([generator, migrations, audit, flags, ports, monitoring]) =>
    mergeCatalogues(
      cliCatalogue(),
      generator.generatorCatalogue,
      migrations.migrationsCatalogue,
      audit.auditCatalogue,
      flags.flagsCatalogue,
      ports.portsCatalogue,
      monitoring.monitoringCatalogue,
    ),
  );
  return full;
}
