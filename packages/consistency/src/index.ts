export type { ConsistencyCode } from "./catalogue.js";
export {
  consistencyCatalogue,
  OPTIONAL_FILE_MISSING_CODE,
  RULE_FAILURE_CODE,
  SINGLE_FILE_CODE,
} from "./catalogue.js";
// The config model: buildConfigModel and its types (model.ts is their one list).
export * from "./model.js";
export type { Location, Rule, RuleContext, RuleFinding, RuleOptions } from "./rule.js";
export { defineRule } from "./rule.js";
export type { RuleId } from "./rules/index.js";
export { rules } from "./rules/index.js";
export { displayDir, loadSettings } from "./settings.js";
export type { ValidateOptions, ValidationReport } from "./validate.js";
export { DEFAULT_MAX_FALLBACK_DEPTH, validateConfigSet } from "./validate.js";
export type {
  CheckSetOptions,
  ConfigDirValidation,
  ConfigFileValidation,
  ValidateDirOptions,
  ValidateFileOptions,
} from "./validate-dir.js";
export {
  blockingErrors,
  checkConfigSet,
  UnknownConfigFileKindError,
  validateConfigDir,
  validateConfigFile,
  validationCatalogue,
} from "./validate-dir.js";
