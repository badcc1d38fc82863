// The library side of a CLI figure, in a fresh process: import the packages the figure names
// (untimed), then time its library call once on the given input and print `{ ms }`.
//
//   node workers/library.mjs <figure-file> <entry> <context-json>
//
// <entry> is `library` or the name of one of the figure's `baselines`.
import { dist } from "../lib.mjs";

const [figureFile, entry, contextJson] = process.argv.slice(2);
const figure = (await import(figureFile)).default;
const spec = entry === "library" ? figure.library : figure.baselines?.[entry];
if (spec === undefined) throw new Error(`${figureFile} has no ${entry}`);
const libs = {};
for (const name of spec.imports ?? []) libs[name] = await import(dist(name));
const context = JSON.parse(contextJson);
const start = performance.now();
await spec.run(libs, context);
const ms = performance.now() - start;
console.log(JSON.stringify({ ms }));
