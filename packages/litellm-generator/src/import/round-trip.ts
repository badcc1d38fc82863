import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import { litellmPatternOrder, litellmPatternRegex } from "@switchyard/config-schema/litellm";
import { ENV_REFERENCE_PATTERN } from "@switchyard/config-schema/schemas";
import { deepEqual, isPlainRecord } from "../internal/records.js";

/**
 * A change an import makes on purpose, listed in its report, that a round trip may therefore show.
 * Paths are in the LiteLLM config as LiteLLM sees it (its `include:` files merged).
 */
export type ImportNormalisation =
  /** A literal secret becomes `os.environ/<env>`; exporting `<env>` with the value restores it. */
  | { readonly kind: "secret-reference"; readonly path: YamlPath; readonly env: string }
  /** A secret `environment_variables` entry is left out; exporting `<env>` restores it. */
  | { readonly kind: "secret-dropped"; readonly path: YamlPath; readonly env: string }
  /** A deployment without `model_info.id` gets a generated, stable one. `path` is the deployment. */
  | { readonly kind: "generated-id"; readonly path: YamlPath; readonly id: string }
  /** A settings section with nothing in it (`general_settings:` alone) is left out; LiteLLM reads both as no settings. */
  | { readonly kind: "empty-section"; readonly path: YamlPath };

/** One way a generated config differs from the LiteLLM config it was imported from. */
export interface RoundTripDifference {
  /** `lost`: a key or entry is missing; `added`: one appeared; `changed`: a value differs; `order`: LiteLLM would try routes in another order. */
  readonly kind: "lost" | "added" | "changed" | "order";
  /** Where, in the original (for `added`, where the generated file has it). */
  readonly path: YamlPath;
  readonly message: string;
}

/** Router settings holding LiteLLM's fallback lists: a list of single-key maps `{group: [targets]}`. */
const FALLBACK_LISTS = new Set(["fallbacks", "context_window_fallbacks", "content_policy_fallbacks"]);

function key(path: YamlPath): string {
  return JSON.stringify(path);
}

function show(value: unknown): string {
  const text = JSON.stringify(value);
  return text === undefined ? String(value) : text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function at(path: YamlPath): string {
  return path.length === 0 ? "(top level)" : path.join(".");
}

/**
 * A fallback list whose entries are single-key maps with distinct keys: LiteLLM looks an entry up
 * by its key, so the order of such entries carries no meaning.
 */
function unorderedFallbacks(list: unknown): Map<string, unknown> | undefined {
  if (!Array.isArray(list)) return undefined;
  const out = new Map<string, unknown>();
  for (const entry of list) {
    if (!isPlainRecord(entry)) return undefined;
    const keys = Object.keys(entry);
    if (keys.length !== 1 || out.has(keys[0]!)) return undefined;
    out.set(keys[0]!, entry[keys[0]!]);
  }
  return out;
}

class Comparison {
  readonly differences: RoundTripDifference[] = [];
  private readonly secrets = new Map<string, string>();
  private readonly dropped = new Map<string, string>();
  private readonly ids = new Map<string, string>();
  private readonly empty = new Set<string>();
  /** Environment variable → the literal it must hold; literal → the variable named for it. */
  private readonly envValues = new Map<string, unknown>();
  private readonly valueEnvs = new Map<string, string>();

  constructor(normalisations: readonly ImportNormalisation[]) {
    for (const n of normalisations) {
      if (n.kind === "secret-reference") this.secrets.set(key(n.path), n.env);
      else if (n.kind === "secret-dropped") this.dropped.set(key(n.path), n.env);
      else if (n.kind === "empty-section") this.empty.add(key(n.path));
      else this.ids.set(key(n.path), n.id);
    }
  }

  private report(kind: RoundTripDifference["kind"], path: YamlPath, message: string): void {
    this.differences.push({ kind, path, message });
  }

  /** A literal secret referenced as `os.environ/<env>`: one variable per literal, one literal per variable. */
  private secret(original: unknown, generated: unknown, env: string, path: YamlPath): void {
    if (generated !== `os.environ/${env}` || !ENV_REFERENCE_PATTERN.test(generated)) {
      this.report("changed", path, `${at(path)} should be os.environ/${env}, is ${show(generated)}`);
      return;
    }
    this.bind(env, original, path);
  }

  private bind(env: string, original: unknown, path: YamlPath): void {
    if (this.envValues.has(env) && !deepEqual(this.envValues.get(env), original))
      this.report("changed", path, `${env} is asked to hold two different secrets (one is lost)`);
    this.envValues.set(env, original);
    const literal = JSON.stringify(original);
    const named = this.valueEnvs.get(literal);
    if (named !== undefined && named !== env)
      this.report("changed", path, `one literal secret is imported under two names, ${named} and ${env}`);
    this.valueEnvs.set(literal, env);
  }

  value(original: unknown, generated: unknown, path: YamlPath): void {
    const env = this.secrets.get(key(path));
    if (env !== undefined) {
      this.secret(original, generated, env, path);
      return;
    }
    if (isPlainRecord(original) && isPlainRecord(generated)) {
      this.record(original, generated, path);
      return;
    }
    if (Array.isArray(original) && Array.isArray(generated)) {
      const last = path[path.length - 1];
      const unordered =
        typeof last === "string" && FALLBACK_LISTS.has(last) ? unorderedFallbacks(original) : undefined;
      const generatedUnordered = unordered ? unorderedFallbacks(generated) : undefined;
      if (unordered && generatedUnordered && unordered.size === generatedUnordered.size) {
        for (const [name, targets] of unordered) {
          if (!generatedUnordered.has(name)) this.report("lost", [...path, name], `${at(path)} lost ${name}`);
          else this.value(targets, generatedUnordered.get(name), [...path, name]);
        }
        return;
      }
      if (original.length !== generated.length) {
        this.report(
          "changed",
          path,
          `${at(path)} has ${generated.length} item(s) instead of ${original.length}: ${show(generated)}`,
        );
        return;
      }
      original.forEach((item, index) => {
        this.value(item, generated[index], [...path, index]);
      });
      return;
    }
    if (!deepEqual(original, generated))
      this.report("changed", path, `${at(path)} is ${show(generated)} instead of ${show(original)}`);
  }

  record(original: Record<string, unknown>, generated: Record<string, unknown>, path: YamlPath): void {
    for (const name of Object.keys(original)) {
      const child = [...path, name];
      if (Object.hasOwn(generated, name)) {
        this.value(original[name], generated[name], child);
        continue;
      }
      const env = this.dropped.get(key(child));
      const value = original[name];
      if (env !== undefined) this.bind(env, value, child);
      else if (
        this.empty.has(key(child)) &&
        (value === null || (isPlainRecord(value) && Object.keys(value).length === 0))
      )
        continue;
      else if (
        isPlainRecord(value) &&
        Object.keys(value).length > 0 &&
        Object.keys(value).every((k) => this.dropped.has(key([...child, k])))
      )
        for (const k of Object.keys(value))
          this.bind(this.dropped.get(key([...child, k]))!, value[k], [...child, k]);
      else this.report("lost", child, `${at(child)} is lost (it was ${show(value)})`);
    }
    for (const name of Object.keys(generated))
      if (!Object.hasOwn(original, name))
        this.report("added", [...path, name], `${at([...path, name])} is added: ${show(generated[name])}`);
  }

  /** A deployment, allowing a generated `model_info.id` where the original has none. */
  deployment(original: unknown, generated: unknown, path: YamlPath): void {
    const id = this.ids.get(key(path));
    let candidate = generated;
    if (id !== undefined && isPlainRecord(generated) && isPlainRecord(generated.model_info)) {
      const info = generated.model_info;
      if (info.id !== id) {
        this.report("changed", [...path, "model_info", "id"], `the generated id should be ${id}`);
      } else {
        const { id: _id, ...rest } = info;
        const hadInfo = isPlainRecord(original) && Object.hasOwn(original, "model_info");
        const { model_info: _info, ...entry } = generated;
        candidate = Object.keys(rest).length === 0 && !hadInfo ? entry : { ...entry, model_info: rest };
      }
    }
    this.value(original, candidate, path);
  }

  modelList(original: unknown, generated: unknown): void {
    if (!Array.isArray(original) || !Array.isArray(generated)) {
      this.value(original, generated, ["model_list"]);
      return;
    }
    const groups = (list: readonly unknown[]) => {
      const out = new Map<string, { index: number; entry: unknown }[]>();
      list.forEach((entry, index) => {
        const name = isPlainRecord(entry) ? entry.model_name : undefined;
        const group = typeof name === "string" ? name : `\0${show(name)}`;
        const members = out.get(group);
        if (members) members.push({ index, entry });
        else out.set(group, [{ index, entry }]);
      });
      return out;
    };
    const before = groups(original);
    const after = groups(generated);
    const label = (group: string) => (group.startsWith("\0") ? group.slice(1) : `'${group}'`);
    for (const [name, members] of before) {
      const produced = after.get(name) ?? [];
      if (produced.length !== members.length) {
        this.report(
          produced.length < members.length ? "lost" : "added",
          ["model_list", members[0]!.index],
          `model group ${label(name)} has ${produced.length} deployment(s) instead of ${members.length}`,
        );
      }
      members.forEach((member, i) => {
        if (i < produced.length)
          this.deployment(member.entry, produced[i]!.entry, ["model_list", member.index]);
      });
    }
    for (const [name, produced] of after)
      if (!before.has(name))
        this.report("added", ["model_list", produced[0]!.index], `model group ${label(name)} is added`);
    const names = (list: readonly unknown[]) =>
      list.flatMap((e) => (isPlainRecord(e) && typeof e.model_name === "string" ? [e.model_name] : []));
    const orderBefore = litellmPatternOrder(names(original)).map(litellmPatternRegex);
    const orderAfter = litellmPatternOrder(names(generated)).map(litellmPatternRegex);
    if (!deepEqual(orderBefore, orderAfter))
      this.report(
        "order",
        ["model_list"],
        `LiteLLM would try the wildcard routes in another order: ${orderAfter.join(", ")} instead of ${orderBefore.join(", ")}`,
      );
  }
}

/**
 * Compare a LiteLLM config with the config generated from its import, both as LiteLLM's loader
 * reads them (plain data), and list every difference that the import's normalisations do not
 * account for. Equal means: no key lost or added, no value changed, and the same meaning for
 * LiteLLM, which looks deployments up by `model_name` (so only the order within a model group and
 * the order in which wildcard routes are tried count), and fallbacks up by their key (so the order
 * of single-key entries with distinct keys does not count). Normalisations allow exactly: a literal
 * secret replaced by `os.environ/NAME` at its path (each name holding one literal, each literal one
 * name), a secret environment variable left out, a generated `model_info.id` on a deployment
 * that had none, and an empty settings section left out.
 */
export function compareRoundTrip(
  original: unknown,
  generated: unknown,
  normalisations: readonly ImportNormalisation[] = [],
): RoundTripDifference[] {
  const comparison = new Comparison(normalisations);
  if (!isPlainRecord(original) || !isPlainRecord(generated)) {
    comparison.value(original, generated, []);
    return comparison.differences;
  }
  const { model_list: before, ...restBefore } = original;
  const { model_list: after, ...restAfter } = generated;
  comparison.modelList(before, after);
  comparison.record(restBefore, restAfter, []);
  return comparison.differences;
}
