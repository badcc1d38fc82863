// @ts-check
/**
 * Builds the CLI into dist/ as CommonJS chunks: one per command, shared chunks for the libraries.
 *
 * esbuild splits only ES modules, and an ES module start costs more than a CommonJS one on every
 * Node (the ESM loader) and cannot use V8's code cache on Node 20 (no compile cache there). So the
 * code is split as ESM (`import()` of a command becomes a chunk boundary, shared code becomes shared
 * chunks) and each chunk is then transformed to CommonJS, `import()` becoming `require()`.
 * bin/switchyard.cjs loads the chunks with a code cache per chunk (see there).
 *
 * Every chunk's file name carries a hash of its content (`cli-<hash>.cjs`, `run-<hash>.cjs`,
 * `chunk-<hash>.cjs`), which is what the code cache is keyed by; `dist/cli.cjs` is a one-line stub
 * that names the entry chunk. `dist/meta.json` (not shipped) records what each chunk holds, for the
 * startup tests and the bench.
 *
 * Every workspace package and dependency is bundled: the installed package has no dependencies.
 * The libraries and the server are bundled from their sources, so this build does not wait for
 * theirs; their sources are inputs of this task (apps/cli/turbo.json).
 * Config templates (`src/templates/*.yaml`) are inlined as text.
 */

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { build, transform } from "esbuild";
import { rawText } from "../../server/build/raw-text.mjs";
import { sourceImports } from "./source-imports.mjs";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const DIST = join(ROOT, "dist");

const { version } = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8"));

/**
 * zod re-exports all of its ~45 message locales as `z.locales`; Switchyard only ever uses the
 * English one (zod's default), so the bundle carries that one alone.
 * @type {import("esbuild").Plugin}
 */
const onlyEnglishZodLocale = {
  name: "only-english-zod-locale",
  setup(build) {
    build.onResolve({ filter: /^\.\.\/locales\/index\.js$/ }, (args) =>
      /[\\/]zod[\\/]/.test(args.importer)
        ? { path: join(args.resolveDir, args.path), namespace: "zod-locales" }
        : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: "zod-locales" }, (args) => ({
      contents: 'export { default as en } from "./en.js";',
      resolveDir: dirname(args.path),
      loader: "js",
    }));
  },
};

const common = /** @type {const} */ ({
  absWorkingDir: ROOT,
  bundle: true,
  platform: "node",
  target: "node20",
  // `@switchyard/*` imports resolve to their sources through tsconfig.base.json's `paths` (esbuild
  // reads the tsconfig.json nearest each file), so the bundle is built from src/, not from dist/.
  loader: { ".yaml": "text" },
  define: { __SWITCHYARD_VERSION__: JSON.stringify(version) },
  legalComments: "none",
  logLevel: "warning",
});

/**
 * The catalogue of every diagnostic code, as `src/full-catalogue.ts` builds it from the packages,
 * computed now so that `explain` in the built CLI reads a table instead of loading every package.
 */
async function builtCatalogue() {
  const temp = mkdtempSync(join(tmpdir(), "switchyard-cli-build-"));
  try {
    const outfile = join(temp, "full-catalogue.cjs");
    await build({ ...common, entryPoints: ["src/full-catalogue.ts"], outfile, format: "cjs" });
    const { fullCatalogue } = createRequire(import.meta.url)(outfile);
    return [...(await fullCatalogue()).values()];
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
}

const FULL_CATALOGUE = join(ROOT, "src", "full-catalogue.ts");
const entries = await builtCatalogue();
/** @type {import("esbuild").Plugin} */
const prebuiltCatalogue = {
  name: "prebuilt-catalogue",
  setup(build) {
    build.onLoad({ filter: /[\\/]full-catalogue\.ts$/ }, (args) => {
      if (args.path !== FULL_CATALOGUE) return undefined;
      return {
        loader: "js",
        contents: [
          "// The catalogue of every code, computed by scripts/build.mjs from src/full-catalogue.ts.",
          `const ENTRIES = JSON.parse(${JSON.stringify(JSON.stringify(entries))});`,
          "let full;",
          "export function fullCatalogue() {",
          "  full ??= Promise.resolve(new Map(ENTRIES.map((entry) => [entry.code, entry])));",
          "  return full;",
          "}",
        ].join("\n"),
      };
    });
  },
};

// SWITCHYARD_BUILD_NAMES=1 keeps identifiers (for reading a CPU profile); never for a release.
const keepNames = process.env.SWITCHYARD_BUILD_NAMES === "1";
const minifyOptions = keepNames
  ? { minifyWhitespace: true, minifySyntax: true, minifyIdentifiers: false }
  : { minify: true };

const split = await build({
  ...common,
  entryPoints: { cli: "src/cli.ts" },
  outdir: DIST,
  splitting: true,
  format: "esm",
  ...minifyOptions,
  write: false,
  metafile: true,
  entryNames: "[name]-[hash]",
  chunkNames: "[name]-[hash]",
  outExtension: { ".js": ".cjs" },
  // rawText: the server's admin page files (`?raw` imports), for the `serve` chunk.
  plugins: [onlyEnglishZodLocale, prebuiltCatalogue, rawText, sourceImports()],
});

rmSync(DIST, { recursive: true, force: true });
mkdirSync(DIST, { recursive: true });

let entry;
for (const file of split.outputFiles) {
  const name = file.path.slice(DIST.length + 1);
  if (file.text.includes("import.meta")) throw new Error(`${name} uses import.meta, which CommonJS lacks`);
  const { code } = await transform(file.text, {
    format: "cjs",
    platform: "node",
    target: "node20",
    ...minifyOptions,
    // `import("./run-x.cjs")` becomes `Promise.resolve().then(() => require("./run-x.cjs"))`.
    supported: { "dynamic-import": false },
    legalComments: "none",
  });
  writeFileSync(join(DIST, name), code);
  const meta = split.metafile.outputs[relative(ROOT, file.path)];
  if (meta !== undefined) meta.bytes = Buffer.byteLength(code);
  if (meta?.entryPoint === "src/cli.ts") entry = name;
}
if (entry === undefined) throw new Error("esbuild produced no entry chunk for src/cli.ts");
writeFileSync(join(DIST, "cli.cjs"), `"use strict";module.exports=require("./${entry}");\n`);
writeFileSync(join(DIST, "meta.json"), `${JSON.stringify({ entry, ...split.metafile }, null, 1)}\n`);
