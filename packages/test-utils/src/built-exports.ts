import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

/**
 * What a package's build exports under `name`, to an ESM consumer (`dist/index.js`) and to a CJS one
 * (`dist/index.cjs`), read by a plain Node process: the test runner resolves workspace packages to
 * their TypeScript sources (the `@switchyard/source` condition), which `require` cannot load.
 * `packageRoot` is the package's folder, e.g. `new URL("..", import.meta.url)` from its `src/`.
 */
export function builtExports(packageRoot: URL, name: string): { esm: unknown; cjs: unknown } {
  const esm = new URL("dist/index.js", packageRoot).href;
  const cjs = fileURLToPath(new URL("dist/index.cjs", packageRoot));
  const script = [
    `const esm = await import(${JSON.stringify(esm)});`,
    `const cjs = (await import("node:module")).createRequire(import.meta.url)(${JSON.stringify(cjs)});`,
    `console.log(JSON.stringify({ esm: esm[${JSON.stringify(name)}], cjs: cjs[${JSON.stringify(name)}] }));`,
  ].join("\n");
  const out = execFileSync(process.execPath, ["--input-type=module", "-e", script], {
    encoding: "utf8",
    env: { ...process.env, NODE_OPTIONS: "" },
  });
  return JSON.parse(out) as { esm: unknown; cjs: unknown };
}
