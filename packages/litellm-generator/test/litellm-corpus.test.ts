import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { validateConfigSet } from "@switchyard/consistency";
import { tempDir } from "@switchyard/test-utils";
import { beforeAll, describe, expect, test } from "vitest";
import { parse } from "yaml";
import { generateLiteLLMConfig } from "../src/generate.js";
import { type ImportOptions, type ImportSuccess, importLiteLLMConfig } from "../src/import/import.js";
import { compareRoundTrip, type ImportNormalisation } from "../src/import/round-trip.js";
import { writeImportedConfig } from "../src/import/write.js";
import { loadWithPyYaml, type PyYamlResult } from "./pyyaml.js";

/**
 * The round-trip harness over real LiteLLM configs (test/fixtures/litellm-corpus, see its README):
 * import each file into a temp config set, generate from that set with a bare
 * `generateLiteLLMConfig` (no options: everything must come from the set), and compare the
 * original and the generated file as PyYAML loads them. Every difference must be a normalisation
 * the import lists in its report. Then the idempotence property: importing the generated file
 * gives the same config set as importing the original.
 */

const CORPUS = fileURLToPath(new URL("./fixtures/litellm-corpus/", import.meta.url));

interface Source {
  readonly file: string;
  readonly path: string;
  readonly commit: string;
  readonly expect: "config" | "invalid-yaml" | "no-model-list";
}

const sources: Source[] = JSON.parse(
  await readFile(join(CORPUS, "sources.json"), "utf8").catch(() => "[]"),
) as Source[];
const configs = sources.filter((s) => s.expect === "config");

/** An import's files as data (comments, which name the imported path, and the order of map keys do not count). */
function filesData(files: ImportSuccess["files"]): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(files).map(([name, text]: [string, string | undefined]) => [name, parse(text ?? "")]),
  );
}

function normalisationsOf(result: ImportSuccess): readonly ImportNormalisation[] {
  return result.normalisations;
}

/** The file an import wrote, loaded as a set and generated from with no options. */
async function importAndGenerate(
  input: string,
  options: ImportOptions = {},
): Promise<{ result: ImportSuccess; dir: string; generatedPath: string; text: string }> {
  const result = await importLiteLLMConfig(input, { ...options, cwd: CORPUS });
  if (!result.ok) throw new Error(`import failed: ${JSON.stringify(result.diagnostics, null, 2)}`);
  const dir = await tempDir("sy-corpus-");
  const written = await writeImportedConfig(result, dir);
  if (!written.ok) throw new Error(`write failed: ${JSON.stringify(written.diagnostics, null, 2)}`);
  const set = await loadConfigSet(dir, { cwd: dir });
  // What `switchyard generate` checks first: the schema and every consistency rule.
  const errors = validateConfigSet(set, { cwd: dir }).diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) throw new Error(`the imported set has errors: ${JSON.stringify(errors, null, 2)}`);
  const generation = generateLiteLLMConfig(set);
  if (!generation.ok)
    throw new Error(`generation failed: ${JSON.stringify(generation.diagnostics, null, 2)}`);
  const generatedPath = join(dir, "litellm-unified.yaml");
  await writeFile(generatedPath, generation.text);
  return { result, dir, generatedPath, text: generation.text };
}

describe("the corpus", () => {
  test("holds at least 30 real LiteLLM configs, each with its source recorded", () => {
    expect(configs.length).toBeGreaterThanOrEqual(30);
    for (const source of sources) {
      expect(source.path).not.toBe("");
      expect(source.commit).toMatch(/^[0-9a-f]{40}$/);
    }
  });

  test("PyYAML loads every config the corpus calls a config, and refuses the others as recorded", () => {
    const loaded = loadWithPyYaml(sources.map((s) => join(CORPUS, s.file)));
    sources.forEach((source, index) => {
      const outcome = loaded[index]!;
      const kind =
        "error" in outcome
          ? "invalid-yaml"
          : outcome.data !== null &&
              typeof outcome.data === "object" &&
              Object.hasOwn(outcome.data as object, "model_list")
            ? "config"
            : "no-model-list";
      expect([source.file, kind]).toEqual([source.file, source.expect]);
    });
  });

  test.each(sources.filter((s) => s.expect !== "config"))(
    "$file is refused with a located diagnostic, not a crash",
    async (source) => {
      const result = await importLiteLLMConfig(join(CORPUS, source.file), { cwd: CORPUS });
      expect(result.ok).toBe(false);
      if (result.ok) return;
      expect(result.diagnostics[0]).toMatchObject({ code: "SY4200", file: source.file });
    },
  );
});

/**
 * The import's modes: by default the only normalisations are the secrets standard's (a literal
 * secret read from the environment); generated ids and dropped empty sections are opt-in.
 */
const MODES: readonly {
  readonly mode: string;
  readonly options: ImportOptions;
  readonly allowed: readonly string[];
}[] = [
  { mode: "default", options: {}, allowed: ["secret-reference", "secret-dropped"] },
  {
    mode: "--generate-ids --drop-empty-sections",
    options: { generateIds: true, dropEmptySections: true },
    allowed: ["secret-reference", "secret-dropped", "generated-id", "empty-section"],
  },
];

describe.each(MODES)(
  "import ($mode) → generate keeps every meaning of a real LiteLLM config (compared as PyYAML loads them)",
  ({ options, allowed }) => {
    const originals = new Map<string, PyYamlResult>();
    // One python3 process for every file; on a busy machine that takes longer than vitest's 10 s.
    beforeAll(() => {
      const loaded = loadWithPyYaml(configs.map((s) => join(CORPUS, s.file)));
      configs.forEach((s, i) => {
        originals.set(s.file, loaded[i]!);
      });
    }, 300_000);

    test.each(configs)("$file", async (source) => {
      const { result, generatedPath } = await importAndGenerate(join(CORPUS, source.file), options);
      expect(normalisationsOf(result).filter((n) => !allowed.includes(n.kind))).toEqual([]);
      const original = originals.get(source.file)!;
      const [generated] = loadWithPyYaml([generatedPath]);
      if (!("data" in original) || !generated || !("data" in generated))
        throw new Error(`PyYAML could not load ${source.file} or its generation`);
      const differences = compareRoundTrip(original.data, generated.data, normalisationsOf(result));
      expect(differences.map((d) => `${d.kind} ${d.message}`)).toEqual([]);
    });
  },
);

describe.each(MODES)("idempotence ($mode): import(generate(import(x))) equals import(x)", ({ options }) => {
  test.each(configs)("$file", async (source) => {
    const first = await importAndGenerate(join(CORPUS, source.file), options);
    const again = await importLiteLLMConfig(first.generatedPath, { ...options, cwd: first.dir });
    if (!again.ok) throw new Error(`re-import failed: ${JSON.stringify(again.diagnostics, null, 2)}`);
    expect(filesData(again.files)).toEqual(filesData(first.result.files));
    // A generated file has every id and no empty section left to normalise; secrets are references.
    expect(
      again.normalisations.filter((n) => n.kind !== "generated-id" && n.kind !== "empty-section"),
    ).toEqual([]);
    if (options.generateIds !== true) expect(again.normalisations).toEqual([]);
  });
});
