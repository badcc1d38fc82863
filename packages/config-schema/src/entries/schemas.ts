/**
 * `@switchyard/config-schema/schemas`: the zod schemas and types of every config file, the file
 * kinds, and their JSON Schema export.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export {
  generateJsonSchema,
  generateJsonSchemas,
  installedSchemaPath,
  jsonSchemaOf,
  kindOfModeline,
  SCHEMA_BASE_URL,
  SCHEMA_PACKAGE_VERSION,
  schemaFileName,
  schemaUrl,
  yamlLanguageServerComment,
} from "../json-schema.js";
export {
  CURRENT_SCHEMA_VERSION,
  DATE_PATTERN,
  description,
  ENV_REFERENCE_PATTERN,
  GLOB_PATTERN,
  HTTP_URL_PATTERN,
  httpUrl,
  ID_PATTERN,
  identifier,
  isoDate,
  KNOWN_SCHEMA_VERSIONS,
  positiveInt,
  SEMVER_PATTERN,
  schemaVersion,
  tags,
} from "../schemas/common.js";
export type { FeatureFlagsFile, Flag } from "../schemas/feature-flags.js";
export {
  FeatureFlagsFileSchema,
  FLAG_NAME_PATTERN,
  FlagNameSchema,
  FlagSchema,
} from "../schemas/feature-flags.js";
export type { ConfigFileKind, ConfigFileSpec, ConfigFileTypes } from "../schemas/files.js";
export { CONFIG_FILE_KINDS, CONFIG_FILES, kindOfFileName } from "../schemas/files.js";
export type {
  GeneralSettings,
  LiteLLMConfig,
  LiteLLMDeployment,
  LiteLLMParams,
  LiteLLMSettings,
  RouterSettings,
} from "../schemas/litellm.js";
export {
  CacheParamsSchema,
  GeneralSettingsSchema,
  LITELLM_ROUTER_SETTINGS,
  LiteLLMConfigSchema,
  LiteLLMDeploymentSchema,
  LiteLLMModelInfoSchema,
  LiteLLMParamsSchema,
  LiteLLMSettingsSchema,
  RouterSettingsSchema,
} from "../schemas/litellm.js";
export type {
  Deployment,
  ExactMatch,
  GatewayCache,
  GatewaySettings,
  LoadBalancingGroup,
  ModelMappingsFile,
  PatternRoute,
  RoutingSettings,
  RoutingStrategy,
} from "../schemas/model-mappings.js";
export {
  DeploymentObjectSchema,
  DeploymentSchema,
  ExactMatchObjectSchema,
  ExactMatchSchema,
  GatewayCacheSchema,
  GatewaySettingsSchema,
  LoadBalancingGroupSchema,
  ModelMappingsFileSchema,
  PatternRouteObjectSchema,
  PatternRouteSchema,
  RESERVED_DEPLOYMENT_PARAMS,
  ROUTING_STRATEGIES,
  RoutingSettingsSchema,
  RoutingStrategySchema,
} from "../schemas/model-mappings.js";
export type { MonitoringSettings, MonitoringThresholds, PortsFile, Service } from "../schemas/ports.js";
export {
  MONITORING_DASHBOARDS,
  MonitoringSettingsSchema,
  MonitoringThresholdsSchema,
  PortsFileSchema,
  ServiceSchema,
} from "../schemas/ports.js";
export type {
  Provider,
  ProviderModel,
  ProviderStatus,
  ProvidersFile,
  ProviderType,
} from "../schemas/providers.js";
export {
  MODEL_PREFIXES,
  PROVIDER_TYPES,
  ProviderModelSchema,
  ProviderObjectSchema,
  ProviderSchema,
  ProviderStatusSchema,
  ProvidersFileSchema,
  ProviderTypeSchema,
  SELF_HOSTED_PROVIDER_TYPES,
  TimeoutsSchema,
} from "../schemas/providers.js";
export type { ServerToken, ServerTokensFile, TokenRole } from "../schemas/server-tokens.js";
export { ServerTokenSchema, ServerTokensFileSchema, TokenRoleSchema } from "../schemas/server-tokens.js";
export type {
  SettingsFile,
  SettingsOptions,
  SettingsSuppression,
  SeveritySetting,
} from "../schemas/settings.js";
export {
  DIAGNOSTIC_CODE_PATTERN,
  SETTINGS_FILE_NAME,
  SEVERITY_SETTINGS,
  SettingsFileSchema,
  SettingsOptionsSchema,
  SettingsSuppressionSchema,
  SeveritySettingSchema,
} from "../schemas/settings.js";
