#!/usr/bin/env node
// Every catalogue code is triggered by at least one test.
//
//   node packages/test-utils/scripts/catalogue-coverage.mjs <emitted-codes-dir>
//
// Enumerates the catalogues of every workspace package (each export of its built dist/index.js that
// is a Map of catalogue entries: code, name, title, severity, cause, fix), reads the codes the test
// run saw emitted (src/setup.ts records them into <dir>/<pid>.txt as "<code>\t<test file>"), and
// exits 1 listing every code no test emitted. Run it after the whole suite (`.ci/run` does).
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

const missing = [...defined.keys()].filter((code) => !emitted.has(code)).sort();
const unknown = [...emitted.keys()].filter((code) => !defined.has(code)).sort();
const summary = `${defined.size - missing.length} of ${defined.size} catalogue codes (${packages.length} catalogues: ${packages.join(", ")}) emitted by a test`;
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
