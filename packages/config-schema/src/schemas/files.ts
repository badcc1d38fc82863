import type { z } from "zod";
import { FeatureFlagsFileSchema } from "./feature-flags.js";
import { LiteLLMConfigSchema } from "./litellm.js";
import { ModelMappingsFileSchema } from "./model-mappings.js";
import { PortsFileSchema } from "./ports.js";
import { ProvidersFileSchema } from "./providers.js";

/** Describes one file of a config set. */
export interface ConfigFileSpec<S extends z.ZodType = z.ZodType> {
  /** Short id used in APIs and JSON Schema file names. */
  readonly kind: ConfigFileKind;
  /** File name inside the config directory. */
  readonly fileName: string;
  readonly schema: S;
  /** Whether `validate` reports the file as missing. */
  readonly required: boolean;
  /** Whether the file carries `schema_version` (the generated LiteLLM file does not need one). */
  readonly versioned: boolean;
}

/** The kinds of file in a config set. */
export type ConfigFileKind = "providers" | "model-mappings" | "ports" | "feature-flags" | "litellm";

/** Every file of a config set, in the order they are validated and reported. */
export const CONFIG_FILES = {
  providers: {
    kind: "providers",
    fileName: "providers.yaml",
    schema: ProvidersFileSchema,
    required: true,
    versioned: true,
  },
  "model-mappings": {
    kind: "model-mappings",
    fileName: "model-mappings.yaml",
    schema: ModelMappingsFileSchema,
    required: true,
    versioned: true,
  },
  ports: { kind: "ports", fileName: "ports.yaml", schema: PortsFileSchema, required: false, versioned: true },
  "feature-flags": {
    kind: "feature-flags",
    fileName: "feature-flags.yaml",
    schema: FeatureFlagsFileSchema,
    required: false,
    versioned: true,
  },
  litellm: {
    kind: "litellm",
    fileName: "litellm-unified.yaml",
    schema: LiteLLMConfigSchema,
    required: false,
    versioned: false,
  },
} as const satisfies Record<ConfigFileKind, ConfigFileSpec>;

/** The typed content of each kind of file. */
export interface ConfigFileTypes {
  providers: z.infer<typeof ProvidersFileSchema>;
  "model-mappings": z.infer<typeof ModelMappingsFileSchema>;
  ports: z.infer<typeof PortsFileSchema>;
  "feature-flags": z.infer<typeof FeatureFlagsFileSchema>;
  litellm: z.infer<typeof LiteLLMConfigSchema>;
}

export const CONFIG_FILE_KINDS = Object.keys(CONFIG_FILES) as ConfigFileKind[];

/** The kind of a file name (`providers.yaml` → `providers`), or undefined. */
export function kindOfFileName(fileName: string): ConfigFileKind | undefined {
  return CONFIG_FILE_KINDS.find((k) => CONFIG_FILES[k].fileName === fileName);
}
