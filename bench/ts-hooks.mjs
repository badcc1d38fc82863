/**
 * Module hooks that let the bench import the workspace's test helpers as the tests do: the
 * stand-in stacks (`packages/doctor/test/example-stack.mjs`) import `@switchyard/test-utils`,
 * which ships TypeScript sources only (it is private and never built). Registered by
 * `register-ts.mjs`; TypeScript is transpiled with the compiler the repository already uses.
 */
import { readFile } from "node:fs/promises";
import ts from "typescript";

/** `./temp.js` inside a `.ts` module means the sibling `./temp.ts`, as TypeScript resolves it. */
export async function resolve(specifier, context, next) {
  try {
    return await next(specifier, context);
  } catch (error) {
    const relative = specifier.startsWith("./") || specifier.startsWith("../");
    if (
      error?.code === "ERR_MODULE_NOT_FOUND" &&
      relative &&
      specifier.endsWith(".js") &&
      context.parentURL?.endsWith(".ts")
    )
      return next(`${specifier.slice(0, -3)}.ts`, context);
    throw error;
  }
}

/** A `.ts` module is transpiled to JavaScript (types dropped, no type check). */
export async function load(url, context, next) {
  if (!url.endsWith(".ts")) return next(url, context);
  const source = await readFile(new URL(url), "utf8");
  const { outputText } = ts.transpileModule(source, {
    fileName: url,
    compilerOptions: { module: ts.ModuleKind.ESNext, target: ts.ScriptTarget.ES2022 },
  });
  return { format: "module", source: outputText, shortCircuit: true };
}
