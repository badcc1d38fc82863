// Loads every published library as an ES module (`import`) and runs the calls of calls.cjs.
import { callEach } from "./calls.cjs";

const names = process.argv.slice(3);
const libs = Object.fromEntries(await Promise.all(names.map(async (name) => [name, await import(name)])));
process.stdout.write(`${JSON.stringify(await callEach(libs, process.argv[2]))}\n`);
