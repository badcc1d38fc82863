// @ts-check
/**
 * The declarations of every published library, emitted by ONE TypeScript program (`pnpm build`
 * runs this first, as turbo's `//#build:declarations` task; each library's build then ships its
 * part, see ship-declarations.mjs).
 *
 * Why one program: a program per package and per format (what tsup's `dts` did) parses the
 * standard library, @types/node, zod and every sibling's sources again each time; one program does
 * it once. It only emits (`noCheck`): type errors are `pnpm typecheck`'s job, and a declaration
 * that cannot be emitted still fails here.
 *
 * The roots are the source files of each package's export entries (`./dist/x.js` → `src/x.ts`),
 * so tests and test support are never emitted. Siblings are reached through tsconfig.base.json's
 * `paths`, and their import specifiers stay `@switchyard/…` in the output.
 * Output: `dist/declarations/packages/<name>/src/**.d.ts` at the repository root.
 */
import { existsSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { DECLARATIONS, ROOT } from "./ship-declarations.mjs";

/**
 * Each published library under packages/ with each of its export entries: the specifier
 * (`@switchyard/x/sub`) and its source file.
 * @returns {{ dir: string, entries: { specifier: string, source: string }[] }[]}
 */
export function libraries() {
  const found = [];
  for (const name of readdirSync(join(ROOT, "packages"))) {
    const dir = join(ROOT, "packages", name);
    const manifestPath = join(dir, "package.json");
    if (!existsSync(manifestPath)) continue;
    const manifest = JSON.parse(readFileSync(manifestPath, "utf8"));
    if (manifest.private === true) continue;
    const entries = [];
    for (const [subpath, target] of Object.entries(manifest.exports ?? {})) {
      const js = typeof target === "object" ? target?.import?.default : undefined;
      if (typeof js !== "string") continue;
      const match = /^\.\/dist\/(.+)\.js$/.exec(js);
      if (match === null) throw new Error(`${manifest.name}: export ${js} is not ./dist/<name>.js`);
      entries.push({
        specifier: `${manifest.name}${subpath.slice(1)}`,
        source: join(dir, "src", `${match[1]}.ts`),
      });
    }
    found.push({ dir, entries });
  }
  return found;
}

function format(/** @type {readonly ts.Diagnostic[]} */ diagnostics) {
  return ts.formatDiagnostics(diagnostics, {
    getCanonicalFileName: (f) => f,
    getCurrentDirectory: () => ROOT,
    getNewLine: () => "\n",
  });
}

export function emitDeclarations() {
  const configPath = join(ROOT, "tsconfig.base.json");
  const { config, error } = ts.readConfigFile(configPath, ts.sys.readFile);
  if (error) throw new Error(format([error]));
  const parsed = ts.parseJsonConfigFileContent({ ...config, files: [] }, ts.sys, ROOT, {
    noEmit: false,
    declaration: true,
    emitDeclarationOnly: true,
    noCheck: true,
    rootDir: ROOT,
    outDir: DECLARATIONS,
  });
  // Every entry is in tsconfig.base.json's `paths` (how tests, typecheck and the CLI bundle reach
  // the sources), pointing at the file the build compiles for it.
  const entries = libraries().flatMap((library) => library.entries);
  const paths = /** @type {Record<string, string[]>} */ (parsed.options.paths ?? {});
  const unmapped = entries.filter(
    ({ specifier, source }) => paths[specifier]?.length !== 1 || join(ROOT, paths[specifier][0]) !== source,
  );
  if (unmapped.length > 0)
    throw new Error(
      `tsconfig.base.json "paths" must map each export entry to its source:\n${unmapped
        .map(({ specifier, source }) => `  "${specifier}": ["./${relative(ROOT, source)}"]`)
        .join("\n")}`,
    );
  rmSync(DECLARATIONS, { recursive: true, force: true });
  const roots = entries.map((entry) => entry.source);
  const program = ts.createProgram(roots, parsed.options);
  const result = program.emit();
  const problems = [
    ...program.getOptionsDiagnostics(),
    ...program.getSyntacticDiagnostics(),
    ...result.diagnostics,
  ];
  if (problems.length > 0) throw new Error(`declarations could not be emitted:\n${format(problems)}`);
  return { roots: roots.length, files: program.getRootFileNames().length };
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const started = performance.now();
  emitDeclarations();
  console.log(`declarations: ${((performance.now() - started) / 1000).toFixed(1)} s`);
}
