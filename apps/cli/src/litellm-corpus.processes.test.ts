/**
 * Issue #9 §2 as the operator runs it: every config of the LiteLLM corpus
 * (`packages/litellm-generator/test/fixtures/litellm-corpus`, real files from LiteLLM's repository
 * and docs, sources in its sources.json) goes through the BUILT CLI as processes:
 *
 *   switchyard import litellm <file> --out <dir> --json   (the import's normalisations, from --json)
 *   switchyard generate <dir>                              (bare: everything comes from the set)
 *   switchyard generate --check <dir>                      (exit 0: the file is current)
 *   switchyard import litellm <generated> --out <dir2> --json   (idempotence)
 *
 * The generated file and the original are compared as PyYAML (LiteLLM's loader) reads them, with
 * the library's one comparison (`compareRoundTrip`): every difference must be a normalisation the
 * import listed. The library-level harness (`litellm-corpus.test.ts` in litellm-generator) proves
 * the same through function calls; this one proves the commands' argument parsing, file writing
 * and `--check` agree with it.
 *
 * Runtime: 4 short CLI processes and one PyYAML process per config, two configs at a time (CI has 2 cores); no step waits
 * for time, each awaits its process's exit, so a busy machine only makes it slower.
 */
import { readFile } from "node:fs/promises";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { beforeAll, describe, expect, test } from "vitest";
import {
  compareRoundTrip,
  type ImportNormalisation,
} from "../../../packages/litellm-generator/src/import/round-trip.js";
import { loadWithPyYaml } from "../../../packages/litellm-generator/test/pyyaml.js";
import { type BuiltRun, requireBuiltCli, runBuilt } from "./test-support/built.js";
import { tempDir } from "./test-support/run.js";

const CORPUS = fileURLToPath(
  new URL("../../../packages/litellm-generator/test/fixtures/litellm-corpus/", import.meta.url),
);

interface Source {
  readonly file: string;
  readonly expect: "config" | "invalid-yaml" | "no-model-list";
}

const configs = (JSON.parse(await readFile(join(CORPUS, "sources.json"), "utf8")) as Source[]).filter(
  (s) => s.expect === "config",
);

/** What `import --json` prints on success (the fields this test reads). */
interface ImportJson {
  readonly ok: true;
  readonly files: Record<string, string | undefined>;
  readonly normalisations: readonly ImportNormalisation[];
}

/** Two processes at a time, whatever vitest's concurrency: CI has two cores. */
const PARALLEL = 2;
let running = 0;
const waiting: (() => void)[] = [];
async function slot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= PARALLEL) await new Promise<void>((resolve) => waiting.push(resolve));
  running++;
  try {
    return await work();
  } finally {
    running--;
    waiting.shift()?.();
  }
}

function describeRun(step: string, run: BuiltRun): string {
  return `${step} exited ${run.code ?? "(killed)"}\n--- stdout\n${run.stdout}\n--- stderr\n${run.stderr}`;
}

/** Run one step; a non-zero exit fails with what the process printed. */
async function step(name: string, args: readonly string[], cwd: string): Promise<BuiltRun> {
  const run = await runBuilt(args, { cwd });
  if (run.code !== 0) throw new Error(describeRun(name, run));
  return run;
}

/**
 * Every file a config's chain compares, loaded by PyYAML in one `python3` process (three per
 * config before: the files are the same, the process starts were most of this test's time after
 * the CLI's own). The imports' files are keyed by name: comments, which name the imported path, and
 * key order do not count.
 */
function loadChain(
  input: string,
  generated: string,
  imports: readonly { readonly dir: string; readonly files: ImportJson["files"] }[],
) {
  const named = imports.map(({ dir, files }) =>
    Object.keys(files)
      .sort()
      .map((name) => ({ name, path: join(dir, name) })),
  );
  const loaded = loadWithPyYaml([input, generated, ...named.flat().map((f) => f.path)]);
  let next = 2;
  return {
    original: loaded[0],
    generated: loaded[1],
    written: named.map((files) => Object.fromEntries(files.map(({ name }) => [name, loaded[next++]]))),
  };
}

beforeAll(requireBuiltCli);

describe("the corpus", () => {
  test("holds at least 30 real LiteLLM configs", () => {
    expect(configs.length).toBeGreaterThanOrEqual(30);
  });
});

/**
 * A guard per config, never a wait: it includes the time a test waits for one of the two slots
 * (vitest starts up to five at once), so it is long enough for three chains of four processes on a
 * machine at load 85 (one run there took 300 s for two of them).
 */
const TIMEOUT = 900_000;

describe.concurrent("switchyard import → generate → generate --check, as processes, keeps every meaning", () => {
  test.for(configs)("$file", { timeout: TIMEOUT }, async (source, { expect }) => {
    await slot(async () => {
      const cwd = await tempDir("sy-corpus-cli-");
      const input = join(CORPUS, source.file);

      const imported = await step("import", ["import", "litellm", input, "--out", "cfg", "--json"], cwd);
      const first = JSON.parse(imported.stdout) as ImportJson;
      expect(first.ok).toBe(true);

      await step("generate", ["generate", "cfg"], cwd);
      const generatedPath = join(cwd, "cfg", "litellm-unified.yaml");

      const check = await runBuilt(["generate", "--check", "cfg"], { cwd });
      expect(check.code, describeRun("generate --check", check)).toBe(0);

      const again = await step(
        "import of the generated file",
        ["import", "litellm", generatedPath, "--out", "cfg-again", "--json"],
        cwd,
      );
      const second = JSON.parse(again.stdout) as ImportJson;

      const loaded = loadChain(input, generatedPath, [
        { dir: join(cwd, "cfg"), files: first.files },
        { dir: join(cwd, "cfg-again"), files: second.files },
      ]);
      const { original, generated } = loaded;
      if (!original || !("data" in original) || !generated || !("data" in generated))
        throw new Error(`PyYAML could not load ${source.file} or its generation`);
      const differences = compareRoundTrip(original.data, generated.data, first.normalisations);
      expect(differences.map((d) => `${d.kind} ${d.message}`)).toEqual([]);

      expect(Object.keys(second.files).sort()).toEqual(Object.keys(first.files).sort());
      expect(loaded.written[1]).toEqual(loaded.written[0]);
    });
  });
});
