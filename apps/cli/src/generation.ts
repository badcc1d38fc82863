import type { GenerateOptions } from "@switchyard/litellm-generator";
import { booleanOption, stringOption } from "./args.js";
import type { ParsedArgs } from "./command.js";

/**
 * The generation options `generate` and `reload` share (`--prometheus`, `--master-key-env`,
 * `--cache-namespace`), so that checking, writing and reloading always generate the same text.
 * Each overrides model-mappings.yaml's `gateway:` section only when it is given.
 */
export function generationOptions(args: ParsedArgs): GenerateOptions {
  const masterKeyEnv = stringOption(args, "master-key-env");
  const cacheNamespace = stringOption(args, "cache-namespace");
  return {
    ...(args.values.prometheus === undefined ? {} : { prometheus: booleanOption(args, "prometheus") }),
    ...(masterKeyEnv === undefined ? {} : { masterKeyEnv }),
    ...(cacheNamespace === undefined ? {} : { cacheNamespace }),
  };
}

/** One line saying which flags override the config set's `gateway:` section, or `undefined`. */
export function overridesLine(overrides: readonly string[]): string | undefined {
  return overrides.length === 0
    ? undefined
    : `  flags override the config set (model-mappings.yaml's gateway:): ${overrides.join("; ")}`;
}
