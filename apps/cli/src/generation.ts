import { DEFAULT_RETENTION, pruneBackups } from "@switchyard/config-schema";
import type { GenerateOptions } from "@switchyard/litellm-generator";
import { booleanOption, stringOption } from "./args.js";
import type { ParsedArgs } from "./command.js";
import { describeFsError } from "./errors.js";
import { displayPath } from "./paths.js";

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

/** The backups removed after a write by the default retention policy ("pruning runs after every write"). */
export interface PruneReport {
  /** Display paths of the removed backups. */
  readonly removed: readonly string[];
  /** Why pruning failed, when it did (the write itself succeeded). */
  readonly error?: string;
}

/**
 * Prune the backups of a file just written, by config-schema's `DEFAULT_RETENTION` (the last 10,
 * one a day for 7 days, one a week for 4 weeks). Never throws: a failure is reported, since the
 * write it follows succeeded.
 */
export async function pruneAfterWrite(path: string, cwd: string): Promise<PruneReport> {
  try {
    const { removed } = await pruneBackups(path, DEFAULT_RETENTION);
    return { removed: removed.map((b) => displayPath(b.path, cwd)) };
  } catch (error) {
    return { removed: [], error: describeFsError(error) };
  }
}
