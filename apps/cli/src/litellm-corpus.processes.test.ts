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
 * Runtime: 4 short CLI processes per config, two configs at a time (CI has 2 cores), then one PyYAML
 * process for every file of every config; no step waits for time, each awaits its process's exit,
 * so a busy machine only makes it slower.
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

/** What one config's chain of processes left: the files to compare, or why it stopped. */
interface Chain {
  readonly input: string;
  readonly generatedPath: string;
  readonly check: BuiltRun;
  readonly imports: readonly { readonly dir: string; readonly json: ImportJson }[];
}

/** Run one config's four processes (two configs at a time). */
async function runChain(source: Source): Promise<Chain> {
  return slot(async () => {
    const cwd = await tempDir("sy-corpus-cli-");
    const input = join(CORPUS, source.file);
    const imported = await step("import", ["import", "litellm", input, "--out", "cfg", "--json"], cwd);
    const first = JSON.parse(imported.stdout) as ImportJson;
    await step("generate", ["generate", "cfg"], cwd);
    const generatedPath = join(cwd, "cfg", "litellm-unified.yaml");
    const check = await runBuilt(["generate", "--check", "cfg"], { cwd });
    const again = await step(
      "import of the generated file",
      ["import", "litellm", generatedPath, "--out", "cfg-again", "--json"],
      cwd,
    );
    const second = JSON.parse(again.stdout) as ImportJson;
    return {
      input,
      generatedPath,
      check,
      imports: [
        { dir: join(cwd, "cfg"), json: first },
        { dir: join(cwd, "cfg-again"), json: second },
      ],
    };
  });
}

/** The files of a chain that PyYAML loads: the input, the generated file, each import's files by name. */
function filesOf(chain: Chain): string[] {
  return [
    chain.input,
    chain.generatedPath,
    ...chain.imports.flatMap(({ dir, json }) =>
      Object.keys(json.files)
        .sort()
        .map((name) => join(dir, name)),
    ),
  ];
}

/**
 * Every chain's files loaded by PyYAML in ONE `python3` process, after all the chains ran (one per
 * config before: 60 interpreter starts, about 90 ms of CPU each, and a synchronous spawn that held
 * the other chain back). The imports' files are keyed by name: comments, which name the imported
 * path, and key order do not count.
 */
function loadChains(chains: readonly Chain[]) {
  const loaded = loadWithPyYaml(chains.flatMap(filesOf));
  let next = 0;
  return chains.map((chain) => {
    const original = loaded[next++];
    const generated = loaded[next++];
    const written = chain.imports.map(({ json }) =>
      Object.fromEntries(
        Object.keys(json.files)
          .sort()
          .map((name) => [name, loaded[next++]]),
      ),
    );
    return { original, generated, written };
  });
}

beforeAll(requireBuiltCli);

describe("the corpus", () => {
  test("holds at least 30 real LiteLLM configs", () => {
    expect(configs.length).toBeGreaterThanOrEqual(30);
  });
});

/**
 * A guard for all the chains, never a wait: long enough for every config's four processes on a
 * machine at load 85 (one run there took 300 s for two configs).
 */
const TIMEOUT = 1_800_000;

/** Each config's chain, or the error that stopped it (reported by that config's test). */
const results = new Map<string, { chain: Chain; loaded: ReturnType<typeof loadChains>[number] } | Error>();

describe("switchyard import → generate → generate --check, as processes, keeps every meaning", () => {
  beforeAll(async () => {
    const settled = await Promise.allSettled(configs.map(runChain));
    const chains: { file: string; chain: Chain }[] = [];
    settled.forEach((outcome, i) => {
      const file = configs[i]!.file;
      if (outcome.status === "fulfilled") chains.push({ file, chain: outcome.value });
      else
        results.set(
          file,
          outcome.reason instanceof Error ? outcome.reason : new Error(String(outcome.reason)),
        );
    });
    const loaded = loadChains(chains.map((c) => c.chain));
    chains.forEach(({ file, chain }, i) => {
      results.set(file, { chain, loaded: loaded[i]! });
    });
  }, TIMEOUT);

  test.for(configs)("$file", (source) => {
    const result = results.get(source.file);
    if (result === undefined) throw new Error(`no chain ran for ${source.file}`);
    if (result instanceof Error) throw result;
    const { chain, loaded } = result;
    const [first, second] = chain.imports.map((i) => i.json);
    expect(first!.ok).toBe(true);
    expect(chain.check.code, describeRun("generate --check", chain.check)).toBe(0);
    const { original, generated } = loaded;
    if (!original || !("data" in original) || !generated || !("data" in generated))
      throw new Error(`PyYAML could not load ${source.file} or its generation`);
    const differences = compareRoundTrip(original.data, generated.data, first!.normalisations);
    expect(differences.map((d) => `${d.kind} ${d.message}`)).toEqual([]);
    expect(Object.keys(second!.files).sort()).toEqual(Object.keys(first!.files).sort());
    expect(loaded.written[1]).toEqual(loaded.written[0]);
  });
});
