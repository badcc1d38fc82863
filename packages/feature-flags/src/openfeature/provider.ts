import {
  ErrorCode,
  type JsonValue,
  type EvaluationContext as OpenFeatureContext,
  OpenFeatureEventEmitter,
  type Provider,
  ProviderEvents,
  type ResolutionDetails,
  StandardResolutionReasons,
} from "@openfeature/server-sdk";
import { FLAG_CODES } from "../catalogue.js";
import { FlagEngine } from "../engine.js";
import { type FlagStore, flagsOf } from "../stores/types.js";
import { evaluationMetadata, fromOpenFeatureContext, OPENFEATURE_REASONS } from "./mapping.js";

/** Options of {@link SwitchyardProvider}. */
export interface SwitchyardProviderOptions {
  /** Environment variables for `FEATURE_*` overrides (e.g. `process.env`); none when absent. */
  readonly env?: Readonly<Record<string, string | undefined>>;
}

/**
 * An OpenFeature server provider over any Switchyard flag store (memory, YAML file, Redis), shaped
 * like the SDK's in-memory provider. Boolean flags evaluate in Switchyard's decision order; reasons
 * map to OpenFeature's standard ones (an environment override reads as `STATIC` with
 * `flagMetadata.override`), a store serving its last good state makes answers `STALE`, and
 * `PROVIDER_CONFIGURATION_CHANGED` is emitted with `flagsChanged` whenever the store reports a change.
 * Errors: unknown flag → `FLAG_NOT_FOUND`; a string, number or object lookup of a boolean flag →
 * `TYPE_MISMATCH`; a store that never loaded a valid file → `PARSE_ERROR`; a bad context →
 * `INVALID_CONTEXT`. The default value is returned with every error.
 */
export class SwitchyardProvider implements Provider {
  readonly runsOn = "server";
  readonly metadata = { name: "switchyard" } as const;
  readonly events = new OpenFeatureEventEmitter();
  private readonly engine: FlagEngine;
  private readonly unwatch: () => void;

  constructor(
    private readonly store: FlagStore,
    options: SwitchyardProviderOptions = {},
  ) {
    this.engine = new FlagEngine(flagsOf(store.snapshot()), options.env ? { env: options.env } : {});
    this.unwatch = store.watch((change) => {
      this.engine.setFlags(flagsOf(store.snapshot()));
      this.events.emit(ProviderEvents.ConfigurationChanged, { flagsChanged: [...change.names] });
    });
  }

  async onClose(): Promise<void> {
    this.unwatch();
  }

  async resolveBooleanEvaluation(
    flagKey: string,
    defaultValue: boolean,
    context?: OpenFeatureContext,
  ): Promise<ResolutionDetails<boolean>> {
    const unusable = this.unusable();
    if (unusable) return { value: defaultValue, ...unusable };
    const result = this.engine.evaluate(flagKey, fromOpenFeatureContext(context));
    if (result.errorCode !== undefined) {
      return {
        value: defaultValue,
        reason: StandardResolutionReasons.ERROR,
        errorCode:
          result.errorCode === "FLAG_NOT_FOUND" ? ErrorCode.FLAG_NOT_FOUND : ErrorCode.INVALID_CONTEXT,
        errorMessage:
          result.errorCode === "FLAG_NOT_FOUND"
            ? `No flag '${flagKey}' (${FLAG_CODES.flagNotFound})`
            : "The context cannot be evaluated",
      };
    }
    const stale = this.store.health().state === "degraded";
    return {
      value: result.value,
      variant: result.value ? "on" : "off",
      reason: stale ? StandardResolutionReasons.STALE : OPENFEATURE_REASONS[result.reason],
      flagMetadata: evaluationMetadata(result),
    };
  }

  async resolveStringEvaluation(flagKey: string, defaultValue: string): Promise<ResolutionDetails<string>> {
    return this.mismatch(flagKey, defaultValue, "string");
  }

  async resolveNumberEvaluation(flagKey: string, defaultValue: number): Promise<ResolutionDetails<number>> {
    return this.mismatch(flagKey, defaultValue, "number");
  }

  async resolveObjectEvaluation<T extends JsonValue>(
    flagKey: string,
    defaultValue: T,
  ): Promise<ResolutionDetails<T>> {
    return this.mismatch(flagKey, defaultValue, "object");
  }

  /** A store that never loaded valid flags: every lookup is a PARSE_ERROR. */
  private unusable(): Omit<ResolutionDetails<never>, "value"> | undefined {
    const health = this.store.health();
    if (health.state !== "degraded" || this.store.snapshot().size > 0) return undefined;
    if (!health.diagnostics.some((d) => d.code === FLAG_CODES.storeInvalid)) return undefined;
    return {
      reason: StandardResolutionReasons.ERROR,
      errorCode: ErrorCode.PARSE_ERROR,
      errorMessage: health.diagnostics[0]?.message ?? "the flag file does not validate",
    };
  }

  private mismatch<T>(flagKey: string, defaultValue: T, type: string): ResolutionDetails<T> {
    const unusable = this.unusable();
    if (unusable) return { value: defaultValue, ...unusable };
    const known = this.engine.get(flagKey) !== undefined;
    return {
      value: defaultValue,
      reason: StandardResolutionReasons.ERROR,
      errorCode: known ? ErrorCode.TYPE_MISMATCH : ErrorCode.FLAG_NOT_FOUND,
      errorMessage: known ? `Flag '${flagKey}' is a boolean flag, not a ${type}` : `No flag '${flagKey}'`,
    };
  }
}
