import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import type { LiteLLMConfig } from "@switchyard/config-schema/schemas";
import type { UnifiedDiff } from "@switchyard/config-schema/text";
import type { LoadedPassthrough } from "./passthrough.js";

/**
 * Options that change what is generated. The same set and options always give the same text.
 * Everything that shapes the output lives in the config set (model-mappings.yaml's `gateway:`
 * section); these options override it (the command-line flags), and the generation lists each
 * override in `overrides`.
 */
export interface GenerateOptions {
  /** Add (true) or leave out (false) LiteLLM's Prometheus callback; overrides `gateway.prometheus`. */
  readonly prometheus?: boolean;
  /** Key prefix of this environment's cache entries in Redis; overrides `gateway.cache.namespace`. */
  readonly cacheNamespace?: string;
  /** Id of the ports.yaml service used as the response cache; overrides `gateway.cache.service`. */
  readonly redisService?: string;
  /** Environment variable holding the proxy's master key; overrides `gateway.master_key`. */
  readonly masterKeyEnv?: string;
  /** The output's path as diagnostics show it (default `litellm-unified.yaml`). */
  readonly outputFile?: string;
  /**
   * The LiteLLM settings the sources do not model, merged into the output (see
   * `LiteLLMPassthrough`). Default: `<set.dir>/litellm-passthrough.yaml` when it exists;
   * `false` ignores that file.
   */
  readonly passthrough?: LoadedPassthrough | false;
}

/** A successful generation. */
export interface GenerationSuccess {
  readonly ok: true;
  /** The whole file: header comment block, then the body. */
  readonly text: string;
  /** The body (the YAML below the header), whose hash the header records. */
  readonly body: string;
  /** The generated config as data (validated against `LiteLLMConfigSchema`). */
  readonly config: LiteLLMConfig;
  /**
   * What was skipped or adjusted (disabled providers, dropped fallbacks, no cache, ...), as
   * SY4xxx diagnostics pointing into the source files. Never errors.
   */
  readonly notes: readonly Diagnostic[];
  /**
   * The generation options that override the config set's `gateway:` section, one phrase each
   * (`--prometheus true (gateway.prometheus: false)`); empty for a bare generation.
   */
  readonly overrides: readonly string[];
  /** Hex SHA-256 of the source files (see {@link sourcesHash}). */
  readonly sourcesHash: string;
  /** Hex SHA-256 of {@link GenerationSuccess.body}. */
  readonly bodyHash: string;
}

/** A refused generation: errors in the set, dangling references, or an output that fails its schema. */
export interface GenerationFailure {
  readonly ok: false;
  readonly diagnostics: readonly Diagnostic[];
}

export type GenerationResult = GenerationSuccess | GenerationFailure;

/** How a generated file on disk relates to a fresh generation. */
export type GeneratedFileStatus =
  /** The file is exactly what generating now gives. */
  | "current"
  /** There is no file at the output path. */
  | "missing"
  /** The header's sources hash differs from the source files now. */
  | "sources-changed"
  /** The body no longer matches the header's body hash. */
  | "hand-edited"
  /** The file has no (parsable) Switchyard header. */
  | "header-missing"
  /** Same sources, different text: another generator version or other options. */
  | "generator-changed";

/**
 * How the generated file on disk relates to a fresh generation, decided from the hashes its header
 * carries (no diff is computed: writing and reloading never need one).
 */
export interface FileComparison {
  readonly ok: true;
  readonly status: GeneratedFileStatus;
  /** One sentence for people, e.g. "sources changed, regenerate". */
  readonly message: string;
  /** The SY41xx finding for every status but `current`. */
  readonly diagnostic?: Diagnostic;
  /** The fresh generation the file was compared with. */
  readonly generation: GenerationSuccess;
}

/** The outcome of `--check`/`--diff`: the comparison, and the diff that is shown. */
export interface CheckReport extends FileComparison {
  /**
   * Unified diff from the file on disk to a fresh generation: `equal`, a `patch`, or `too-large`
   * ("files differ (N lines vs M), diff too large to show") beyond the edit limit.
   */
  readonly diff: UnifiedDiff;
}

export type CheckResult = CheckReport | GenerationFailure;
