#!/usr/bin/env node
/**
 * Pin every schema URL in the repository to this package's version.
 *
 * The `# yaml-language-server: $schema=` lines of the shipped YAML files (examples, `init`'s
 * templates) and the `$id` of the committed JSON Schemas name
 * `https://unpkg.com/@switchyard/config-schema@<version>/schemas/…`, the URL that serves the schemas
 * of exactly that release. After `changeset version` bumps package.json, this rewrites them (and
 * `SCHEMA_PACKAGE_VERSION` in src/json-schema.ts) to the new version; the tests fail until it ran.
 * Usage: `node packages/config-schema/scripts/pin-schema-urls.mjs` (run by `pnpm version-packages`).
 */
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const packageDir = fileURLToPath(new URL("..", import.meta.url));
const repoRoot = join(packageDir, "..", "..");
const { version } = JSON.parse(readFileSync(join(packageDir, "package.json"), "utf8"));
const URL_PATTERN = /https:\/\/unpkg\.com\/@switchyard\/config-schema(?:@[^/\s"]+)?\/schemas\//g;
const pinned = `https://unpkg.com/@switchyard/config-schema@${version}/schemas/`;

/** Files under `dir` (recursively, no node_modules/dist) whose name matches `pattern`. */
function files(dir, pattern) {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory())
      return ["node_modules", "dist", ".turbo"].includes(entry.name) ? [] : files(path, pattern);
    return pattern.test(entry.name) ? [path] : [];
  });
}

let changed = 0;
function rewrite(path, edit) {
  const text = readFileSync(path, "latin1");
  const next = edit(text);
  if (next !== text) {
    writeFileSync(path, next, "latin1");
    changed += 1;
  }
}

const inRepo = (dir, pattern) => (existsSync(join(repoRoot, dir)) ? files(join(repoRoot, dir), pattern) : []);
const targets = [
  ...inRepo("examples", /(\.ya?ml|expected\.txt)$/),
  ...[
    join(repoRoot, "README.md"),
    ...inRepo("packages", /\.md$/),
    ...inRepo("apps", /\.md$/),
    ...inRepo("docs", /\.md$/),
  ],
  ...files(join(repoRoot, "apps", "cli", "src", "templates"), /\.ya?ml$/),
  ...files(join(packageDir, "schemas"), /\.json$/),
];
for (const path of targets) rewrite(path, (text) => text.replace(URL_PATTERN, pinned));
rewrite(join(packageDir, "src", "json-schema.ts"), (text) =>
  text.replace(
    /export const SCHEMA_PACKAGE_VERSION = "[^"]*";/,
    `export const SCHEMA_PACKAGE_VERSION = "${version}";`,
  ),
);
console.log(`Pinned schema URLs to ${version}: ${changed} file(s) rewritten.`);
