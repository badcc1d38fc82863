import { CONFIG_FILES, type ConfigFileKind } from "@switchyard/config-schema/schemas";
import featureFlags from "./feature-flags.yaml";
import modelMappings from "./model-mappings.yaml";
import ports from "./ports.yaml";
import providers from "./providers.yaml";

/** One file `switchyard init` writes. */
export interface ConfigTemplate {
  readonly kind: ConfigFileKind;
  readonly fileName: string;
  readonly content: string;
}

/** The config set `switchyard init` writes, in the order it writes them; `examples/config` is exactly this. */
export const CONFIG_TEMPLATES: readonly ConfigTemplate[] = (
  [
    ["providers", providers],
    ["model-mappings", modelMappings],
    ["ports", ports],
    ["feature-flags", featureFlags],
  ] as const
).map(([kind, content]) => ({ kind, fileName: CONFIG_FILES[kind].fileName, content }));
