// Loads every published library as an ES module (`import`), each subpath entry too, and runs the
// calls of calls.cjs.
import { callEach, sameBindings, subpathsOf } from "./calls.cjs";

const names = process.argv.slice(3);
const libs = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await import(name)])));
const subpaths = Object.fromEntries(
  await Promise.all(names.flatMap(subpathsOf).map(async (specifier) => [specifier, await import(specifier)])),
);
const results = await callEach(libs, process.argv[2]);
process.stdout.write(`${JSON.stringify({ ...results, subpaths: sameBindings(libs, subpaths) })}\n`);
