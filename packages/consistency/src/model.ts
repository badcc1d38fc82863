/**
 * The config set read into the shapes the cross-file rules need. One reader per file kind lives in
 * `model/` (providers, mappings, services, flags); this module assembles them.
 */
import { asRecord, field } from "@switchyard/config-schema/data";
import type { ConfigSet } from "@switchyard/config-schema/load";
import { readFlags } from "./model/flags.js";
import { readMappings } from "./model/mappings.js";
import { readProviders } from "./model/providers.js";
import { readServices } from "./model/services.js";
import { quote, usable } from "./model/shared.js";
import type { ConfigModel } from "./model/types.js";

export type {
  ConfigModel,
  DeploymentEntry,
  FallbackEdge,
  FlagEntry,
  GroupEntry,
  ModelRef,
  NamedItem,
  PatternEntry,
  Place,
  ProviderEntry,
  ProviderRef,
  PublicName,
  ServiceEntry,
} from "./model/types.js";

/** Read a config set into a {@link ConfigModel}. Never throws, whatever the files contain. */
export function buildConfigModel(set: ConfigSet): ConfigModel {
  const providersFile = usable(set.files.providers);
  const mappingsFile = usable(set.files["model-mappings"]);
  const portsFile = usable(set.files.ports);
  const flagsFile = usable(set.files["feature-flags"]);
  const validProviders =
    providersFile && asRecord(field(providersFile.data, "providers")) !== undefined
      ? providersFile
      : undefined;
  const mappings = readMappings(mappingsFile);
  const services = readServices(portsFile);
  for (const service of services.values()) {
    for (const item of service.providers) {
      mappings.providerRefs.push({
        kind: "service",
        label: `service ${quote(service.id)}`,
        provider: item.name,
        place: item.place,
        models: [],
      });
    }
  }
  return {
    set,
    ...(validProviders ? { providersFile: validProviders } : {}),
    providers: readProviders(validProviders),
    ...(mappingsFile ? { mappingsFile } : {}),
    ...mappings,
    ...(portsFile ? { portsFile } : {}),
    services,
    ...(flagsFile ? { flagsFile } : {}),
    flags: readFlags(flagsFile),
  };
}
