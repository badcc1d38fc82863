/** The steps before anything is written: generate (from the checked set) and validate. */
import { ENV_REFERENCE_PATTERN } from "@switchyard/config-schema/schemas";
import { plural } from "@switchyard/config-schema/text";
import { validateConfigDir } from "@switchyard/consistency";
import { generatorDiagnostic } from "../catalogue.js";
import { compareWithGeneration, readExisting } from "../check.js";
import { generateLiteLLMConfig, refusal } from "../generate.js";
import { readYaml11 } from "../internal/read-yaml11.js";
import { deepEqual } from "../internal/records.js";
import type { GenerationSuccess } from "../types.js";
import { failed, type ReloadContext } from "./context.js";
import { expectedServedModels } from "./gates.js";

/**
 * The variable holding the proxy's master key: the one the generated config reads
 * (`general_settings.master_key: os.environ/NAME`, from the gateway section or `--master-key-env`),
 * `undefined` when the config sets no master key (the proxy is then unauthenticated).
 */
function masterKeyEnvOf(generation: GenerationSuccess): string | undefined {
  const key = generation.config.general_settings?.master_key;
  if (typeof key !== "string") return undefined;
  return ENV_REFERENCE_PATTERN.test(key) ? key.slice("os.environ/".length) : undefined;
}

/**
 * Generate from the set the config-directory layer checked (`options.checked`, else
 * `validateConfigDir` on the directory): its blocking errors refuse, as `switchyard generate` does.
 */
export async function generateStep(ctx: ReloadContext): Promise<GenerationSuccess> {
  const generation = await ctx.steps.must<GenerationSuccess>("generate", "reload", async () => {
    const checked =
      ctx.options.checked ??
      (await validateConfigDir(ctx.options.configDir, { cwd: ctx.options.cwd ?? process.cwd() }));
    const { set, blocking } = checked;
    const result =
      blocking.length > 0
        ? refusal(set, blocking, `the config set has ${blocking.length} error(s)`)
        : generateLiteLLMConfig(set, { ...ctx.options, outputFile: ctx.file });
    if (!result.ok) {
      const errors = result.diagnostics.filter((d) => d.severity === "error").length;
      return {
        status: "failed",
        detail: `generation refused with ${errors} error(s)`,
        diagnostics: result.diagnostics,
      };
    }
    const models = expectedServedModels(result.config.model_list);
    return {
      status: "ok",
      detail: [
        plural(result.config.model_list.length, "deployment"),
        plural(models.names.size, "model name"),
        ...((models.wildcards ?? 0) > 0 ? [plural(models.wildcards ?? 0, "wildcard route")] : []),
      ].join(", "),
      value: result,
    };
  });
  return generation!;
}

/** What the validate step established for the steps after it. */
export interface Validated {
  /** The file on disk before the reload (`undefined`: there was none). */
  readonly previous: string | undefined;
  /** The master key to list the served models with; `undefined` for a proxy without one. */
  readonly masterKey: { readonly env: string; readonly value: string } | undefined;
}

/**
 * Validate before writing: the gateway URL, the YAML 1.1 reading of the text, the master key, and
 * no hand edits in the file on disk (unless `force`).
 */
export async function validateStep(
  ctx: ReloadContext,
  generation: GenerationSuccess,
  gateway: { readonly note?: string } | { readonly error: string },
): Promise<Validated> {
  const validated = await ctx.steps.must<Validated>("validate", "reload", async () => {
    if ("error" in gateway)
      return failed(
        generatorDiagnostic("SY4300", {
          message: `Invalid gateway URL: ${gateway.error}`,
          hint: "Pass --gateway-url http://127.0.0.1:4000 (the proxy's address).",
        }),
      );
    const reread = readYaml11(generation.text);
    if (!reread.ok || !deepEqual(reread.data, generation.config))
      return failed(
        generatorDiagnostic("SY4004", {
          message: `The generated text reads differently under YAML 1.1 (PyYAML, which LiteLLM uses)${reread.ok ? "" : `: ${reread.problem}`}`,
          hint: "This is a bug in Switchyard: please report it.",
        }),
      );
    const masterKeyEnv = masterKeyEnvOf(generation);
    const masterKey = masterKeyEnv === undefined ? undefined : ctx.env[masterKeyEnv];
    if (masterKeyEnv !== undefined && (masterKey === undefined || masterKey === ""))
      return failed(
        generatorDiagnostic("SY4305", {
          message: `${masterKeyEnv} is not set, so /v1/models cannot be checked with the proxy's master key`,
          hint: `Export ${masterKeyEnv} (the key general_settings.master_key reads), or pass --master-key-env.`,
        }),
      );
    const existing = await readExisting(ctx.outputPath, ctx.file, generation.text);
    if ("diagnostic" in existing) return failed(existing.diagnostic);
    const report = compareWithGeneration(generation, existing.text, { file: ctx.file });
    const edited = report.status === "hand-edited" || report.status === "header-missing";
    if (edited && ctx.options.force !== true)
      return failed(
        generatorDiagnostic("SY4110", {
          message: `${ctx.file} was not replaced: ${report.message.replace(`${ctx.file}: `, "")}`,
          file: ctx.file,
          hint: "Move the edits into the source files, or reload with `--force` (a backup is kept).",
        }),
      );
    const notes = [
      "schema and YAML 1.1 reading ok",
      `file ${report.status}${edited ? " (overwritten: --force)" : ""}`,
      masterKeyEnv !== undefined
        ? `master key from ${masterKeyEnv}`
        : "no master key (the proxy is unauthenticated)",
      ...(gateway.note !== undefined ? [gateway.note] : []),
    ];
    return {
      status: "ok",
      detail: notes.join("; "),
      value: {
        previous: existing.text,
        masterKey:
          masterKeyEnv !== undefined && masterKey !== undefined
            ? { env: masterKeyEnv, value: masterKey }
            : undefined,
      },
    };
  });
  return validated!;
}
