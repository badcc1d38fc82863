#!/usr/bin/env node
// The switchyard command. The CLI is one CommonJS bundle (dist/cli.cjs); this launcher compiles it
// with V8's code cache so that every start after the first skips parsing and compiling the bundle
// (Node 20 has no module.enableCompileCache). The launcher is CommonJS so that no ES module loader
// starts either. The cache lives in $SWITCHYARD_CACHE_DIR, else $XDG_CACHE_HOME/switchyard (default
// ~/.cache/switchyard), keyed by the bundle's size and mtime and by the Node version; V8 itself
// rejects a cache that does not fit. SWITCHYARD_NO_COMPILE_CACHE=1 turns it off. Any cache problem
// falls back to a plain load.
"use strict";
const { mkdirSync, readFileSync, renameSync, statSync, writeFileSync } = require("node:fs");
const { homedir } = require("node:os");
const { dirname, join } = require("node:path");
const { Script } = require("node:vm");

const bundle = join(__dirname, "..", "dist", "cli.cjs");

function cachePath() {
  if (process.env.SWITCHYARD_NO_COMPILE_CACHE) return undefined;
  try {
    const info = statSync(bundle);
    const base =
      process.env.SWITCHYARD_CACHE_DIR ??
      join(process.env.XDG_CACHE_HOME || join(homedir(), ".cache"), "switchyard");
    return join(
      base,
      `cli-${info.size}-${Math.trunc(info.mtimeMs)}-${process.version}-${process.arch}.v8cache`,
    );
  } catch {
    return undefined;
  }
}

function load() {
  const cacheFile = cachePath();
  if (cacheFile === undefined) return { exports: require(bundle) };
  let cachedData;
  try {
    cachedData = readFileSync(cacheFile);
  } catch {}
  const source = readFileSync(bundle, "utf8");
  const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
  const script = new Script(wrapper, { filename: bundle, cachedData });
  const module = { exports: {} };
  script.runInThisContext().call(module.exports, module.exports, require, module, bundle, dirname(bundle));
  const save = () => {
    if (cachedData !== undefined && !script.cachedDataRejected) return;
    try {
      mkdirSync(dirname(cacheFile), { recursive: true });
      const temp = `${cacheFile}.${process.pid}.tmp`;
      writeFileSync(temp, script.createCachedData());
      renameSync(temp, cacheFile);
    } catch {}
  };
  return { exports: module.exports, save };
}

const { exports: cli, save } = load();
cli.main(process.argv.slice(2)).then((code) => {
  process.exitCode = code;
  // Saved after the run, so the cache also holds the functions this run compiled lazily.
  if (save) save();
});
