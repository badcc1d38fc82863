/**
 * `@switchyard/config-schema/litellm`: LiteLLM's own model-name wildcard semantics (as the proxy routes):
 * matching, specificity and precedence.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export {
  compareLiteLLMPatternPrecedence,
  isLiteLLMWildcard,
  litellmPatternMatches,
  litellmPatternOrder,
  litellmPatternRegex,
  litellmPatternSpecificity,
  litellmRouteFor,
} from "../litellm/wildcards.js";
