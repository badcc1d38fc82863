/**
 * What the built CLI (`dist/`, from scripts/build.mjs) loads for each command, read from the build's
 * metafile (`dist/meta.json`): a command loads its own chunk and the shared chunks it imports, and
 * `--version`/`--help` load the CLI's own code alone. Plus the built catalogue `explain` reads, and
 * the installed package's size.
 */
import { execFile, execFileSync } from "node:child_process";
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { tempDirSync } from "@switchyard/test-utils";
import { beforeAll, describe, expect, it } from "vitest";
import { COMMANDS } from "./cli.js";
import { testCacheDir } from "./test-support/cache-dir.js";
import { BIN, EXAMPLES_CONFIG, REPO_ROOT } from "./test-support/paths.js";
import { runCli } from "./test-support/run.js";

const exec = promisify(execFile);
const CLI_ROOT = fileURLToPath(new URL("../", import.meta.url));
const META = join(CLI_ROOT, "dist", "meta.json");
const VERSION_IN_PACKAGE = (
  JSON.parse(readFileSync(join(CLI_ROOT, "package.json"), "utf8")) as { version: string }
).version;

interface Output {
  readonly bytes: number;
  readonly entryPoint?: string;
  readonly inputs: Record<string, unknown>;
  readonly imports: readonly { readonly path: string; readonly kind: string; readonly external?: boolean }[];
}
let meta: { readonly entry: string; readonly outputs: Record<string, Output> };

beforeAll(() => {
  if (!existsSync(META)) throw new Error(`${META} is missing: run 'pnpm build' in apps/cli`);
  meta = JSON.parse(readFileSync(META, "utf8")) as typeof meta;
});

/** The chunks loaded when `entryPoint` (a source path) runs: its chunk and their static imports. */
function loadedWith(entryPoint: string): string[] {
  const start = Object.keys(meta.outputs).find((o) => meta.outputs[o]?.entryPoint === entryPoint);
  if (start === undefined) throw new Error(`no chunk for ${entryPoint}`);
  const seen = new Set<string>();
  const visit = (chunk: string) => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    for (const i of meta.outputs[chunk]?.imports ?? [])
      if (i.kind === "import-statement" && i.external !== true) visit(i.path);
  };
  visit(start);
  return [...seen];
}
function inputsOf(chunks: readonly string[]): string[] {
  return chunks.flatMap((c) => Object.keys(meta.outputs[c]?.inputs ?? {}));
}
const libraries = (inputs: readonly string[]) => [
  ...new Set(
    inputs
      .filter((i) => i.includes("node_modules/"))
      .map((i) => i.replace(/.*node_modules\//, "").split("/")[0]),
  ),
];
const packages = (inputs: readonly string[]) => [
  ...new Set(
    inputs.filter((i) => i.includes("packages/")).map((i) => i.replace(/.*packages\//, "").split("/")[0]),
  ),
];

describe("the built CLI's chunks", () => {
  it("--version and --help load the CLI's own code and a few dependency-free modules of config-schema", () => {
    const chunks = loadedWith("src/cli.ts");
    const inputs = inputsOf(chunks);
    expect(libraries(inputs)).toEqual([]);
    const fromPackages = inputs.filter((i) => i.includes("packages/"));
    expect(packages(fromPackages)).toEqual(["config-schema"]);
    // Leaf modules (colour support, output format names, errno words), nothing that loads a schema.
    const bytes = chunks.reduce(
      (n, c) =>
        n +
        Object.entries(meta.outputs[c]?.inputs ?? {})
          .filter(([i]) => i.includes("packages/"))
          .reduce((m, [, v]) => m + (v as { bytesInOutput: number }).bytesInOutput, 0),
      0,
    );
    expect(bytes, fromPackages.join(", ")).toBeLessThan(4096);
    for (const spec of COMMANDS) expect(inputs).toContain(`src/commands/${spec.name}/spec.ts`);
    expect(inputs.filter((i) => /^src\/commands\/[^/]+\/run\.ts$/.test(i))).toEqual([]);
  });

  it("each command has its own chunk, loaded only when it runs", () => {
    for (const spec of COMMANDS) {
      const chunks = loadedWith(`src/commands/${spec.name}/run.ts`);
      const runs = inputsOf(chunks).filter((i) => /^src\/commands\/[^/]+\/run\.ts$/.test(i));
      expect(runs, spec.name).toEqual([`src/commands/${spec.name}/run.ts`]);
    }
  });

  it("validate loads no audit, migration or generator code; explain loads no package and no zod or yaml", () => {
    expect(packages(inputsOf(loadedWith("src/commands/validate/run.ts"))).sort()).toEqual([
      "config-schema",
      "consistency",
    ]);
    const explain = inputsOf(loadedWith("src/commands/explain/run.ts"));
    expect(libraries(explain)).toEqual(["fastest-levenshtein"]);
    expect(packages(explain)).toEqual(["config-schema"]);
  });

  it("ports loads no zod, yaml, js-yaml or semver: the full loader is a chunk of its own, loaded only for a file the quick loader cannot vouch for", () => {
    const ports = inputsOf(loadedWith("src/commands/ports/run.ts"));
    expect(libraries(ports)).toEqual(["fastest-levenshtein"]);
    expect(ports).toContain("../../packages/config-schema/src/load-quick.ts");
    expect(ports).not.toContain("../../packages/config-schema/src/load.ts");
    expect(inputsOf(loadedWith("src/commands/ports/full-load.ts"))).toContain(
      "../../packages/config-schema/src/load.ts",
    );
  });

  it("validate and audit of the example set load neither node:crypto nor perf_hooks (each costs a start; no hash or nonce is made)", async () => {
    // A preload lists the built-in modules the process loaded, read when it exits.
    const preload = join(tempDirSync("sy-builtins-"), "list-builtins.cjs");
    writeFileSync(
      preload,
      'const before = new Set(process.moduleLoadList);\nprocess.on("exit", () => process.stderr.write("BUILTINS " + process.moduleLoadList.filter((m) => !before.has(m)).join(",") + "\\n"));\n',
    );
    for (const command of ["validate", "audit"]) {
      const { stderr } = await exec(process.execPath, ["-r", preload, BIN, command, EXAMPLES_CONFIG], {
        env: { ...process.env, NO_COLOR: "1", SWITCHYARD_CACHE_DIR: testCacheDir() },
      });
      const loaded = (/BUILTINS (.*)/.exec(stderr)?.[1] ?? "").split(",");
      expect(loaded, command).toContain("NativeModule fs/promises");
      expect(
        loaded.filter((m) => /^NativeModule (crypto|perf_hooks)$/.test(m)),
        command,
      ).toEqual([]);
    }
  });

  it("explain reads a catalogue built at build time that equals the one built from the packages", async () => {
    const built = await exec(process.execPath, [BIN, "explain", "--list", "--json"], {
      cwd: REPO_ROOT,
      env: { ...process.env, SWITCHYARD_CACHE_DIR: testCacheDir() },
    });
    const source = await runCli(["explain", "--list", "--json"]);
    expect(source.code).toBe(0);
    expect(JSON.parse(built.stdout)).toEqual(JSON.parse(source.stdout));
    expect((JSON.parse(built.stdout) as unknown[]).length).toBeGreaterThan(100);
  });
});

/** npm's environment: its cache and logs in a temp directory removed after this file, not in ~/.npm. */
function npmEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    npm_config_cache: tempDirSync("switchyard-npm-cache-"),
    npm_config_update_notifier: "false",
  };
}

describe("the installed package", () => {
  it("is under 2 MB unpacked, with the launcher and every chunk but no build metadata", () => {
    const [pack] = JSON.parse(
      execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], {
        cwd: CLI_ROOT,
        encoding: "utf8",
        env: npmEnv(),
      }),
    ) as { unpackedSize: number; files: { path: string }[] }[];
    expect(pack).toBeDefined();
    expect(pack!.unpackedSize).toBeLessThan(2 * 1024 * 1024);
    const files = pack!.files.map((f) => f.path);
    expect(files).toContain("bin/switchyard.cjs");
    expect(files).toContain("dist/cli.cjs");
    expect(files).toContain(`dist/${meta.entry}`);
    for (const chunk of Object.keys(meta.outputs)) expect(files).toContain(chunk);
    expect(files).not.toContain("dist/meta.json");
  });

  it("installs from its tarball with no dependency and runs from the installed bin", async () => {
    const temp = tempDirSync("switchyard-install-test-");
    try {
      execFileSync("npm", ["pack", "--ignore-scripts", "--silent", "--pack-destination", temp], {
        cwd: CLI_ROOT,
        env: npmEnv(),
      });
      const prefix = join(temp, "prefix");
      execFileSync(
        "npm",
        [
          "install",
          "--global",
          "--offline",
          "--no-audit",
          "--no-fund",
          "--prefix",
          prefix,
          join(temp, `switchyard-cli-${VERSION_IN_PACKAGE}.tgz`),
        ],
        { cwd: temp, stdio: "ignore", env: npmEnv() },
      );
      expect(readdirSync(join(prefix, "lib", "node_modules"))).toEqual(["@switchyard"]);
      expect(readdirSync(join(prefix, "lib", "node_modules", "@switchyard"))).toEqual(["cli"]);
      const env = { ...process.env, SWITCHYARD_CACHE_DIR: join(temp, "cache") };
      const bin = join(prefix, "bin", "switchyard");
      const version = await exec(bin, ["--version"], { cwd: REPO_ROOT, env });
      expect(version.stdout.trim()).toBe(VERSION_IN_PACKAGE);
      const validate = await exec(bin, ["validate", "examples/config"], { cwd: REPO_ROOT, env });
      expect(validate.stdout).toContain("no problems found");
      expect(readdirSync(join(temp, "cache")).length).toBeGreaterThan(3);
    } finally {
      rmSync(temp, { recursive: true, force: true });
    }
  }, 120_000);
});
