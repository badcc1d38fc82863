import type { CheckSpec } from "@switchyard/config-schema/checks";
import type {
  CatalogueEntry,
  Diagnostic,
  RelatedLocation,
  SchemaCode,
  Severity,
  SourceRange,
  YamlPath,
} from "@switchyard/config-schema/diagnostics";
import type { ConfigSet } from "@switchyard/config-schema/load";
import type { ConfigFileKind } from "@switchyard/config-schema/schemas";
import type { ConfigModel, Place } from "./model.js";

/** Options the rules read, resolved from the API, the settings file and the config. */
export interface RuleOptions {
  /** Longest fallback chain, in attempts, before SY2013 warns. */
  readonly maxFallbackDepth: number;
}

/** A location a finding points at. */
export interface Location {
  readonly file: string;
  readonly path: YamlPath;
  readonly range?: SourceRange;
}

/** What a rule's `check` receives. */
export interface RuleContext {
  readonly set: ConfigSet;
  /** The config set read into the shapes rules need (built once per run). */
  readonly model: ConfigModel;
  readonly options: RuleOptions;
  /** Compute a value once per run and share it between rules (e.g. the fallback graph). */
  memo<T>(key: string, compute: () => T): T;
  /** The location of a node: its value (default) or its key. */
  at(place: Place, part?: "key" | "value"): Location;
  /** A related location ("the provider is declared here"). */
  related(message: string, place: Place, part?: "key" | "value"): RelatedLocation;
}

/** A finding as a rule reports it; the runner adds the rule's code and (default) severity. */
export type RuleFinding = Omit<Diagnostic, "code" | "severity">;

/**
 * A cross-file rule: catalogue documentation plus a check, on config-schema's one check contract
 * (`CheckSpec`, run by `runChecks`). The `code` is stable and never reused.
 */
export interface Rule<Id extends string = string>
  extends Omit<CatalogueEntry, "code">,
    CheckSpec<Id, Severity> {
  /** The diagnostic code, `SY2xxx` (a literal type: the package's `ConsistencyCode` union is made of them). */
  readonly id: Id;
  /**
   * Schema codes this rule reports more precisely: a schema finding with one of these codes at the
   * same file and YAML path as one of this rule's findings is dropped (e.g. a non-positive weight).
   */
  readonly supersedes?: readonly SchemaCode[];
  /**
   * Optional files the rule has nothing to check without (ports.yaml's rules read `ports`). When one
   * is missing from the set, validation says in one info line (SY2090) which checks it skipped.
   */
  readonly reads?: readonly ConfigFileKind[];
  /** Report findings. Must not throw on any input and must not print. */
  check(context: RuleContext): Iterable<RuleFinding>;
}

const RULE_ID = /^SY2\d{3}$/;
const RULE_NAME = /^[a-z][a-z0-9]*(?:-[a-z0-9]+)*$/;

/** Declare a rule (checks the id and name at definition time; a bad one is a programming error). */
export function defineRule<const Id extends `SY2${string}`>(rule: Rule<Id>): Rule<Id> {
  if (!RULE_ID.test(rule.id)) throw new Error(`rule id ${rule.id} is not of the form SY2xxx`);
  if (!RULE_NAME.test(rule.name)) throw new Error(`rule name ${rule.name} is not kebab-case`);
  return rule;
}
