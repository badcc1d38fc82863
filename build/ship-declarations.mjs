// @ts-check
/**
 * Ships one library's declarations (emitted for all of them by declarations.mjs) into its dist/,
 * twice: `x.d.ts` beside the ES module build (`x.js`) and `x.d.cts` beside the CommonJS one
 * (`x.cjs`), so that `import` and `require` each get declarations of their own format (what attw
 * checks). In the `.d.cts` copies, relative specifiers `./y.js` become `./y.cjs`, which TypeScript
 * resolves to `./y.d.cts`: a CommonJS declaration never imports an ES one.
 * Called by tsup.base.ts once the JavaScript is built (tsup empties dist/ first).
 */
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { basename, dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

export const ROOT = fileURLToPath(new URL("..", import.meta.url));
/** Where declarations.mjs writes (`<this>/packages/<name>/src/**.d.ts`). */
export const DECLARATIONS = join(ROOT, "dist", "declarations");

const RELATIVE_JS = /((?:from|import)\s*\(?\s*)(["'])(\.{1,2}\/[^"']*?)\.js\2/g;

/** `.d.ts` text → the same declarations for CommonJS (relative `.js` specifiers → `.cjs`). */
export function toCommonJs(/** @type {string} */ text) {
  return text.replace(RELATIVE_JS, (_, keyword, quote, path) => `${keyword}${quote}${path}.cjs${quote}`);
}

/** @param {string} packageDir @returns {number} the number of declaration files shipped */
export function shipDeclarations(packageDir) {
  const from = join(DECLARATIONS, relative(ROOT, packageDir), "src");
  const to = join(packageDir, "dist");
  let count = 0;
  const walk = (/** @type {string} */ dir) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const source = join(dir, entry.name);
      if (entry.isDirectory()) {
        walk(source);
        continue;
      }
      if (!entry.name.endsWith(".d.ts")) continue;
      const target = join(to, relative(from, source));
      mkdirSync(dirname(target), { recursive: true });
      const text = readFileSync(source, "utf8");
      writeFileSync(target, text);
      writeFileSync(join(dirname(target), `${basename(target, ".d.ts")}.d.cts`), toCommonJs(text));
      count++;
    }
  };
  try {
    walk(from);
  } catch (error) {
    if (/** @type {NodeJS.ErrnoException} */ (error).code === "ENOENT")
      throw new Error(
        `no declarations for ${relative(ROOT, packageDir)}: run \`node build/declarations.mjs\` first`,
      );
    throw error;
  }
  return count;
}
