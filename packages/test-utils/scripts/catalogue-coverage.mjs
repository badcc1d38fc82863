#!/usr/bin/env node
// Every catalogue code is triggered by at least one test.
//
//   node packages/test-utils/scripts/catalogue-coverage.mjs <emitted-codes-dir>
//
// Enumerates the catalogues of every workspace package (each export of its built dist/index.js that
// is a Map of catalogue entries: code, name, title, severity, cause, fix), reads the codes the test
// run saw emitted (src/setup.ts records them into <dir>/<pid>.txt as "<code>\t<test file>"), and
// exits 1 listing every code no test emitted. Run it after the whole suite (`.ci/run` does).
//
// A code that no test can emit here goes on the reviewed exception list beside this script's
// package (catalogue-coverage-exceptions.json: code → why), never silently: a listed code that a test
// does emit, or that no catalogue holds, also fails, so the list only ever shrinks to the truth.
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

const ROOT = fileURLToPath(new URL("../../../", import.meta.url));
const dir = process.argv[2];
if (!dir) {
  process.stderr.write("usage: catalogue-coverage.mjs <emitted-codes-dir>\n");
  process.exit(2);
}

function isEntry(value) {
  return (
    value !== null &&
    typeof value === "object" &&
    ["code", "name", "title", "severity", "cause", "fix"].every((k) => typeof value[k] === "string")
  );
}

/** code → package that defines it, from every package's built entry point. */
const defined = new Map();
const packages = [];
for (const group of ["packages", "apps"]) {
  for (const name of readdirSync(join(ROOT, group)).sort()) {
    const entry = join(ROOT, group, name, "dist", "index.js");
    const manifest = join(ROOT, group, name, "package.json");
    if (!existsSync(manifest)) continue;
    const pkg = JSON.parse(readFileSync(manifest, "utf8"));
    if (pkg.private === true && !existsSync(entry)) continue;
    if (!existsSync(entry)) {
      if (pkg.exports?.["."] !== undefined) {
        process.stderr.write(`${relative(ROOT, entry)} is missing: build first (pnpm build)\n`);
        process.exit(2);
      }
      continue;
    }
    const module = await import(pathToFileURL(entry).href);
    let found = 0;
    for (const value of Object.values(module)) {
      if (!(value instanceof Map) || value.size === 0 || ![...value.values()].every(isEntry)) continue;
      for (const entry of value.values()) {
        if (!defined.has(entry.code)) defined.set(entry.code, pkg.name);
        found++;
      }
    }
    if (found > 0) packages.push(pkg.name);
  }
}

/** code → test files that saw it emitted. */
const emitted = new Map();
if (existsSync(dir)) {
  for (const file of readdirSync(dir)) {
    for (const line of readFileSync(join(dir, file), "utf8").split("\n")) {
      const [code, test] = line.split("\t");
      if (!code) continue;
      if (!emitted.has(code)) emitted.set(code, new Set());
      emitted.get(code).add(test);
    }
  }
}

/** code → why no test can emit it (reviewed; see the file). */
const exceptionsFile = fileURLToPath(new URL("../catalogue-coverage-exceptions.json", import.meta.url));
const exceptions = new Map(
  Object.entries(existsSync(exceptionsFile) ? JSON.parse(readFileSync(exceptionsFile, "utf8")) : {}).filter(
    ([code]) => !code.startsWith("$"),
  ),
);
const badExceptions = [];
for (const [code, why] of exceptions) {
  if (typeof why !== "string" || why.trim().length < 20)
    badExceptions.push(`  ${code}: give the reason no test can emit it (a sentence)`);
  else if (!defined.has(code)) badExceptions.push(`  ${code}: in no catalogue (remove it from the list)`);
  else if (emitted.has(code)) badExceptions.push(`  ${code}: a test emits it now (remove it from the list)`);
}
if (badExceptions.length > 0) {
  process.stdout.write(`${relative(ROOT, exceptionsFile)}:\n${badExceptions.join("\n")}\n`);
  process.exitCode = 1;
}

const missing = [...defined.keys()].filter((code) => !emitted.has(code) && !exceptions.has(code)).sort();
const unknown = [...emitted.keys()].filter((code) => !defined.has(code)).sort();
const excepted = [...exceptions.keys()].filter((code) => defined.has(code) && !emitted.has(code));
const summary = `${defined.size - missing.length - excepted.length} of ${defined.size} catalogue codes (${packages.length} catalogues: ${packages.join(", ")}) emitted by a test${excepted.length > 0 ? `, ${excepted.length} on the reviewed exception list` : ""}`;
if (unknown.length > 0) {
  process.stdout.write(
    `Seen in tests but in no catalogue (made-up codes of renderer tests, or a code every catalogue forgot):\n${unknown
      .map((c) => `  ${c} (${[...emitted.get(c)].map((f) => relative(ROOT, resolve(f))).join(", ")})`)
      .join("\n")}\n`,
  );
}
if (missing.length > 0) {
  process.stdout.write(
    `${summary}. Never emitted by any test:\n${missing.map((c) => `  ${c} (${defined.get(c)})`).join("\n")}\n` +
      "Add a test that triggers each (through the package's public API), or remove a code that can never be emitted.\n",
  );
  process.exit(1);
}
process.stdout.write(`${summary}.\n`);
