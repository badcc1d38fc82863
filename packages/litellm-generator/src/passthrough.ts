import { dirname, join } from "node:path";
import type { Diagnostic, YamlPath } from "@switchyard/config-schema/diagnostics";
import { readBoundedFileSync, utf8Text } from "@switchyard/config-schema/fs";
import type { ConfigSet } from "@switchyard/config-schema/load";
import {
  GeneralSettingsSchema,
  LiteLLMDeploymentSchema,
  LiteLLMModelInfoSchema,
  LiteLLMParamsSchema,
  LiteLLMSettingsSchema,
  RouterSettingsSchema,
} from "@switchyard/config-schema/schemas";
import { parseYaml, type YamlSource } from "@switchyard/config-schema/yaml";
import { generatorDiagnostic } from "./catalogue.js";
import { isPlainRecord } from "./internal/records.js";

/**
 * The file beside providers.yaml holding the LiteLLM settings Switchyard's config files do not
 * model. `switchyard import` writes it; every generation merges it into the output.
 */
export const PASSTHROUGH_FILE = "litellm-passthrough.yaml";

/** Extras for generated deployments: matched by public name, provider id and the provider's model name. */
export interface PassthroughDeployment {
  /** The public model name (`model_name`), or a pattern for a wildcard route. */
  readonly model_name: string;
  /** The provider id in providers.yaml. */
  readonly provider: string;
  /** The provider's model name (a pattern route's `model`, or its pattern when it has none). */
  readonly model: string;
  /** Keys added to the deployment's `litellm_params`. */
  readonly litellm_params?: Readonly<Record<string, unknown>>;
  /** Keys added to the deployment's `model_info`. */
  readonly model_info?: Readonly<Record<string, unknown>>;
}

/**
 * The content of `litellm-passthrough.yaml`. Every section is optional. Merging rule: what the
 * sources generate wins; passthrough keys are added where the generation has none (maps are merged
 * key by key, `callbacks`-style lists are combined, `router_settings.fallbacks` entries are added
 * for model groups that have none).
 */
export interface LiteLLMPassthrough {
  /**
   * The settings sections. `null` or `{}` (a section the LiteLLM config had with nothing in it)
   * is written back as it is when the sources add nothing to that section.
   */
  readonly litellm_settings?: Readonly<Record<string, unknown>> | null;
  readonly general_settings?: Readonly<Record<string, unknown>> | null;
  readonly router_settings?: Readonly<Record<string, unknown>> | null;
  /** Variables the proxy sets at start: text, numbers and booleans as written (LiteLLM turns them into text). */
  readonly environment_variables?: Readonly<Record<string, string | number | boolean | null>> | null;
  /**
   * Extra `litellm_params` / `model_info` keys of generated deployments, matched by name, provider
   * and model. Kept for files written by earlier imports: an import now puts a deployment's own
   * keys on the deployment in model-mappings.yaml.
   */
  readonly deployments?: readonly PassthroughDeployment[];
  /** Deployments Switchyard cannot model (e.g. `bedrock/...`), appended to `model_list` verbatim. */
  readonly model_list?: readonly Readonly<Record<string, unknown>>[];
  /**
   * Other top-level sections of the LiteLLM config (`guardrails`, `credential_list`,
   * `mcp_servers`, `search_tools`, ...), emitted as written.
   */
  readonly sections?: Readonly<Record<string, unknown>>;
}

/** A parsed and checked passthrough file. */
export interface LoadedPassthrough {
  /** The path diagnostics show. */
  readonly file: string;
  /** The file's text (part of the header's `sources:` hash). */
  readonly text: string;
  readonly data: LiteLLMPassthrough;
  readonly source: YamlSource;
}

/** The outcome of reading a passthrough file. */
export type PassthroughResult =
  | { readonly ok: true; readonly passthrough: LoadedPassthrough | undefined }
  | { readonly ok: false; readonly diagnostics: readonly Diagnostic[] };

const SECTIONS = [
  "schema_version",
  "litellm_settings",
  "general_settings",
  "router_settings",
  "environment_variables",
  "deployments",
  "model_list",
  "sections",
] as const;

/**
 * The LiteLLM settings sections (the import's settings readers handle them; every other top-level
 * section is carried under `sections:`). Each may be carried empty (`null` or `{}`), as a LiteLLM
 * config wrote it.
 */
export const SETTINGS_SECTIONS: ReadonlySet<string> = new Set([
  "router_settings",
  "litellm_settings",
  "general_settings",
  "environment_variables",
]);

/** Top-level keys the generator writes itself; `sections:` cannot carry them. */
const GENERATED_SECTIONS = new Set([
  "model_list",
  "router_settings",
  "litellm_settings",
  "general_settings",
  "environment_variables",
]);

interface ZodLike {
  safeParse(
    value: unknown,
  ):
    | { success: true }
    | { success: false; error: { issues: readonly { path: PropertyKey[]; message: string }[] } };
}

const SECTION_SCHEMAS: Readonly<Record<string, ZodLike>> = {
  litellm_settings: LiteLLMSettingsSchema,
  general_settings: GeneralSettingsSchema,
  router_settings: RouterSettingsSchema,
};
const EXTRA_PARAMS: ZodLike = LiteLLMParamsSchema.partial();
const EXTRA_INFO: ZodLike = LiteLLMModelInfoSchema;
const VERBATIM: ZodLike = LiteLLMDeploymentSchema;

class Problems {
  readonly list: Diagnostic[] = [];
  constructor(private readonly source: YamlSource) {}

  add(path: YamlPath, message: string, part: "key" | "value" = "value"): void {
    const range = this.source.rangeOf(path, part);
    this.list.push(
      generatorDiagnostic("SY4050", {
        message: `${this.source.file}: ${message}`,
        file: this.source.file,
        ...(range ? { range } : {}),
        path,
        hint: `Fix ${PASSTHROUGH_FILE} (see \`switchyard explain SY4050\`), or import the LiteLLM config again.`,
      }),
    );
  }

  schema(schema: ZodLike, value: unknown, path: YamlPath): void {
    const result = schema.safeParse(value);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const issuePath = [...path, ...issue.path.filter((p): p is string | number => typeof p !== "symbol")];
      this.add(issuePath, `${issuePath.join(".")}: ${issue.message}`);
    }
  }
}

function checkDeployments(value: unknown, problems: Problems): void {
  if (!Array.isArray(value)) {
    problems.add(["deployments"], "deployments must be a list");
    return;
  }
  value.forEach((item: unknown, index) => {
    const path = ["deployments", index];
    if (!isPlainRecord(item)) {
      problems.add(path, "each deployment must be a mapping with model_name, provider and model");
      return;
    }
    for (const key of ["model_name", "provider", "model"] as const) {
      if (typeof item[key] !== "string" || item[key] === "")
        problems.add([...path, key], `deployments[${index}].${key} must be a non-empty string`);
    }
    for (const key of Object.keys(item)) {
      if (!["model_name", "provider", "model", "litellm_params", "model_info"].includes(key))
        problems.add([...path, key], `unknown key '${key}' in deployments[${index}]`, "key");
    }
    if (item.litellm_params !== undefined)
      problems.schema(EXTRA_PARAMS, item.litellm_params, [...path, "litellm_params"]);
    if (item.model_info !== undefined) problems.schema(EXTRA_INFO, item.model_info, [...path, "model_info"]);
  });
}

/** Check the shape of parsed passthrough data; every problem is an SY4050 error located in the file. */
function checkShape(data: Record<string, unknown>, problems: Problems): void {
  for (const key of Object.keys(data)) {
    const value = data[key];
    if (!(SECTIONS as readonly string[]).includes(key)) {
      problems.add([key], `unknown section '${key}' (known: ${SECTIONS.slice(1).join(", ")})`, "key");
      continue;
    }
    if (key === "schema_version") continue;
    if (value === null && SETTINGS_SECTIONS.has(key)) continue;
    if (key === "deployments") {
      checkDeployments(value, problems);
    } else if (key === "model_list") {
      if (!Array.isArray(value)) problems.add([key], "model_list must be a list of LiteLLM deployments");
      else
        value.forEach((item: unknown, index) => {
          problems.schema(VERBATIM, item, [key, index]);
        });
    } else if (key === "environment_variables") {
      if (!isPlainRecord(value))
        problems.add([key], "environment_variables must be a mapping of names to values");
      else
        for (const name of Object.keys(value)) {
          const item = value[name];
          if (item !== null && !["string", "number", "boolean"].includes(typeof item))
            problems.add([key, name], `environment_variables.${name} must be text, a number or a boolean`);
        }
    } else if (key === "sections") {
      if (!isPlainRecord(value))
        problems.add([key], "sections must be a mapping of LiteLLM top-level sections");
      else
        for (const name of Object.keys(value))
          if (GENERATED_SECTIONS.has(name))
            problems.add(
              [key, name],
              `sections.${name} cannot be carried here: put it in its own section of this file`,
              "key",
            );
    } else if (!isPlainRecord(value)) {
      problems.add([key], `${key} must be a mapping`);
    } else {
      const schema = SECTION_SCHEMAS[key];
      if (schema) problems.schema(schema, value, [key]);
    }
  }
}

/**
 * Parse and check passthrough text. Never throws: YAML problems keep their SY1xxx codes, shape
 * problems are SY4050 errors pointing into the file.
 */
export function parsePassthrough(text: string, file: string = PASSTHROUGH_FILE): PassthroughResult {
  const source = parseYaml(text, { file });
  const errors = source.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0 || !isPlainRecord(source.data)) {
    const reason: Diagnostic = generatorDiagnostic("SY4050", {
      message: `${file} cannot be read as a mapping of LiteLLM sections`,
      file,
      hint: `Fix the YAML errors listed below in ${PASSTHROUGH_FILE}.`,
    });
    return { ok: false, diagnostics: [reason, ...errors] };
  }
  const problems = new Problems(source);
  checkShape(source.data, problems);
  if (problems.list.length > 0) return { ok: false, diagnostics: problems.list };
  return {
    ok: true,
    passthrough: { file, text: source.text, data: source.data as LiteLLMPassthrough, source },
  };
}

/** The display path of the passthrough file of a set: beside providers.yaml as the set shows it. */
function displayFile(set: ConfigSet): string {
  const shown = set.files.providers?.file ?? set.files["model-mappings"]?.file;
  return shown === undefined ? join(set.dir, PASSTHROUGH_FILE) : join(dirname(shown), PASSTHROUGH_FILE);
}

/**
 * Read `<set.dir>/litellm-passthrough.yaml`: `{ ok: true, passthrough: undefined }` when there is
 * none. Synchronous, so that generation stays a plain function of the directory's content.
 */
export function readPassthrough(set: ConfigSet): PassthroughResult {
  const file = displayFile(set);
  // The bounded reader: a FIFO or /dev/zero named litellm-passthrough.yaml is refused, never read.
  const read = readBoundedFileSync(join(set.dir, PASSTHROUGH_FILE));
  if (!read.ok) {
    if (read.failure.kind === "not-found") return { ok: true, passthrough: undefined };
    return {
      ok: false,
      diagnostics: [
        generatorDiagnostic("SY4050", {
          message: `Cannot read ${file}: ${read.failure.reason}`,
          file,
          hint: "Make it a readable regular file, or remove it if the settings it carried are not needed.",
        }),
      ],
    };
  }
  return parsePassthrough(utf8Text(read.bytes), file);
}
