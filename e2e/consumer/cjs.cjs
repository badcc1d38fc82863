// Loads every published library as CommonJS (`require`), each subpath entry too, and runs the
// calls of calls.cjs.
"use strict";
const { callEach, sameBindings, subpathsOf } = require("./calls.cjs");

const names = process.argv.slice(3);
const libs = Object.fromEntries(names.map((name) => [name, require(name)]));
const subpaths = Object.fromEntries(
  names.flatMap(subpathsOf).map((specifier) => [specifier, require(specifier)]),
);
callEach(libs, process.argv[2]).then((results) =>
  process.stdout.write(`${JSON.stringify({ ...results, subpaths: sameBindings(libs, subpaths) })}\n`),
);
