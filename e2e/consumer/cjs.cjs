// Loads every published library as CommonJS (`require`) and runs the calls of calls.cjs.
"use strict";
const { callEach } = require("./calls.cjs");

const names = process.argv.slice(3);
const libs = Object.fromEntries(names.map((name) => [name, require(name)]));
callEach(libs, process.argv[2]).then((results) => process.stdout.write(`${JSON.stringify(results)}\n`));
