// @ts-check
/**
 * An esbuild plugin that points each named import of a workspace package or one of its subpath
 * entries (`import { shouldUseColor } from "@switchyard/config-schema/render"`) at the source module
 * that defines the name, instead of at the package's index or entry file.
 *
 * Why: with code splitting, esbuild decides which chunk a module goes to by the entry points that
 * *reach* it, and it follows every import of a module it reaches, used or not. Through an index that
 * re-exports a whole package, importing one small function makes every module of the package
 * (and zod, yaml, …) reachable from the importer, so all of it would load at start. Importing the
 * defining module makes reachability follow what is really used.
 *
 * Safe by construction: a name is only redirected to a module found to export it; a wrong guess is
 * a build error ("No matching export"), never a different binding at run time; a name it cannot
 * place stays imported from the package as written.
 */
import { readFileSync } from "node:fs";
import { dirname, resolve as resolvePath } from "node:path";

const WORKSPACE_SCOPE = "@switchyard/";
const IMPORT_DECLARATION =
  /\b(import|export)\s+(type\s+)?\{([^}]*)\}\s*from\s*["'](@switchyard\/[\w-]+(?:\/[\w-]+)*)["'];?/g;

/** The `.ts` file a relative specifier of `from` names (`./x.js` → `./x.ts`, `./dir` → `./dir/index.ts`). */
function sourceFile(from, specifier) {
  const base = resolvePath(dirname(from), specifier.replace(/\.js$/, ""));
  for (const candidate of [`${base}.ts`, `${base}/index.ts`]) {
    try {
      readFileSync(candidate);
      return candidate;
    } catch {}
  }
  return undefined;
}

/** @type {Map<string, Map<string, { file: string, name: string }>>} */
const exportMaps = new Map();

/** `a, b as c, type T` → [{ imported: "a", local: "a", type: false }, …]. */
function parseSpecifiers(list) {
  return list
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s !== "")
    .map((s) => {
      const type = /^type\s+/.test(s);
      const [imported, local = imported] = s.replace(/^type\s+/, "").split(/\s+as\s+/);
      return { imported: imported.trim(), local: local.trim(), type };
    });
}

/**
 * The names a module exports, each mapped to the module that defines it and its name there.
 * Follows `export … from` and `export * from` through the package's own files.
 */
function exportMap(file) {
  const known = exportMaps.get(file);
  if (known !== undefined) return known;
  /** @type {Map<string, { file: string, name: string }>} */
  const map = new Map();
  exportMaps.set(file, map); // an import cycle sees the map as built so far
  const text = readFileSync(file, "utf8");
  const stars = [];
  for (const m of text.matchAll(
    /^export\s+(?:declare\s+)?(?:async\s+)?(?:const|let|var|function\*?|class|abstract\s+class|enum|interface|type)\s+([\w$]+)/gm,
  ))
    map.set(m[1], { file, name: m[1] });
  for (const m of text.matchAll(/^export\s+(type\s+)?\{([^}]*)\}(?:\s*from\s*["']([^"']+)["'])?/gm)) {
    const from = m[3] === undefined ? undefined : sourceFile(file, m[3]);
    for (const { imported, local } of parseSpecifiers(m[2])) {
      if (from === undefined) {
        if (m[3] === undefined) map.set(local, { file, name: imported });
        continue;
      }
      map.set(local, exportMap(from).get(imported) ?? { file: from, name: imported });
    }
  }
  for (const m of text.matchAll(/^export\s+\*\s+from\s*["']([^"']+)["']/gm)) stars.push(m[1]);
  for (const star of stars) {
    const from = sourceFile(file, star);
    if (from === undefined) continue;
    for (const [name, target] of exportMap(from)) if (!map.has(name)) map.set(name, target);
  }
  return map;
}

/** @returns {import("esbuild").Plugin} */
export function sourceImports() {
  return {
    name: "switchyard-source-imports",
    setup(build) {
      /** @type {Map<string, Map<string, { file: string, name: string }> | null>} */
      const maps = new Map();
      const mapOf = async (specifier, resolveDir) => {
        if (!maps.has(specifier)) {
          const resolved = await build.resolve(specifier, { kind: "import-statement", resolveDir });
          maps.set(
            specifier,
            resolved.errors.length === 0 && resolved.path.endsWith(".ts") ? exportMap(resolved.path) : null,
          );
        }
        return maps.get(specifier) ?? null;
      };
      build.onLoad({ filter: /\.ts$/ }, async (args) => {
        if (args.path.includes("node_modules")) return undefined;
        const text = readFileSync(args.path, "utf8");
        if (!text.includes(WORKSPACE_SCOPE)) return undefined;
        const replacements = [];
        for (const m of text.matchAll(IMPORT_DECLARATION)) {
          const [whole, keyword, typeOnly, list, specifier] = m;
          if (typeOnly !== undefined) continue;
          const map = await mapOf(specifier, dirname(args.path));
          if (map === null) continue;
          /** @type {Map<string, string[]>} */
          const byModule = new Map();
          for (const { imported, local, type } of parseSpecifiers(list)) {
            if (type) continue;
            const target = map.get(imported);
            const key = target?.file ?? specifier;
            const name = target?.name ?? imported;
            byModule.set(key, [...(byModule.get(key) ?? []), `${name} as ${local}`]);
          }
          const statements = [...byModule].map(
            ([from, names]) => `${keyword} { ${names.join(", ")} } from ${JSON.stringify(from)};`,
          );
          replacements.push([whole, statements.join(" ")]);
        }
        let contents = text;
        for (const [from, to] of replacements) contents = contents.replace(from, to);
        return { contents, loader: "ts", resolveDir: dirname(args.path) };
      });
    },
  };
}
