/**
 * `@switchyard/config-schema/yaml`: position-keeping YAML: parsing with limits (aliases, size,
 * forbidden keys), path lookups to source ranges, scalar styles, and the minimal-diff editor.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export { formatYamlPath } from "../validate/describe-path.js";
export type { InsertPosition, InsertValue } from "../yaml/editor.js";
export { YamlEditError, YamlEditor } from "../yaml/editor.js";
export type { ParseYamlOptions, YamlDocumentOptions, YamlSource } from "../yaml/parse.js";
export {
  DEFAULT_MAX_ALIAS_COUNT,
  DEFAULT_MAX_BYTES,
  FORBIDDEN_KEYS,
  parseYaml,
  parseYamlDocument,
} from "../yaml/parse.js";
export type { PathLookup } from "../yaml/positions.js";
export { lookupPath, rangeFromOffsets } from "../yaml/positions.js";
export type { ScalarStyle, ScalarValue } from "../yaml/scalar-text.js";
export { isSafePlainString, scalarText, styleOf } from "../yaml/scalar-text.js";
