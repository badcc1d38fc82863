#!/usr/bin/env node
// The switchyard command. The CLI is CommonJS chunks in dist/ (one per command, shared chunks for
// the libraries; scripts/build.mjs); this launcher loads the entry chunk, which loads the chunk of
// the command that runs. CommonJS throughout, so that no ES module loader starts.
//
// Compiled code is cached so that a start after the first skips parsing and compiling:
// - Node >= 22.1: Node's own compile cache (module.enableCompileCache), which checks its files.
// - Older Node (20): V8's code cache, one file per chunk, made here. A chunk's file name carries a
//   hash of its content, so a cache file is named after the chunk, the Node version and the arch.
//   V8 rejects a cache from another V8 or with other flags; it also checks the payload's checksum
//   because the launcher asks it to (see withChecksums).
// The cache lives in $SWITCHYARD_CACHE_DIR, else $XDG_CACHE_HOME/switchyard (~/.cache/switchyard).
// SWITCHYARD_NO_COMPILE_CACHE=1 turns it off; SWITCHYARD_DEBUG_CACHE=1 reports each chunk's cache
// (hit, miss, rejected, written, not written) or Node's cache status on stderr. Any cache problem (missing, unreadable or read-only directory, a damaged file, one
// from another Node, two processes writing at once) falls back to a plain load.
"use strict";
const {
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} = require("node:fs");
const { homedir } = require("node:os");
const { basename, dirname, join } = require("node:path");

const DIST = join(__dirname, "..", "dist");
const env = process.env;
const debug = env.SWITCHYARD_DEBUG_CACHE
  ? (line) => process.stderr.write(`switchyard cache: ${line}\n`)
  : undefined;

function cacheDirectory() {
  if (env.SWITCHYARD_NO_COMPILE_CACHE) return undefined;
  return env.SWITCHYARD_CACHE_DIR || join(env.XDG_CACHE_HOME || join(homedir(), ".cache"), "switchyard");
}

function run(cli, after) {
  cli.main(process.argv.slice(2)).then((code) => {
    process.exitCode = code;
    // After the run, so the cache also holds the functions this run compiled lazily.
    if (after) after();
  });
}

/** A content-hashed chunk name (`chunk-5BVSN4ZC.cjs`): only those are cached. */
const HASHED = /-[A-Z0-9]{8}\.cjs$/;
/** A cache file not written for this long is pruned when the cache is next written. */
const PRUNE_AFTER_MS = 30 * 24 * 3600 * 1000;

/**
 * V8 checks a code cache's version, flags, source length and payload length, but checks the
 * payload's checksum only with --verify-snapshot-checksum (a damaged payload otherwise crashes the
 * process). The flag is set only while a chunk is compiled or its cache made, so Node's own
 * built-in modules (cached without a checksum) still load from their cache.
 */
function withChecksums(v8, action) {
  v8.setFlagsFromString("--verify-snapshot-checksum");
  try {
    return action();
  } finally {
    v8.setFlagsFromString("--no-verify-snapshot-checksum");
  }
}

function readCache(file) {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

function writeCache(file, data) {
  // A whole file or none: written aside, then renamed over (two writers each rename a whole file).
  const temp = `${file}.${process.pid}-${Math.random().toString(36).slice(2)}.tmp`;
  try {
    writeFileSync(temp, data, { mode: 0o600 });
    renameSync(temp, file);
  } catch (error) {
    try {
      unlinkSync(temp);
    } catch {}
    throw error;
  }
}

function pruneCache(dir, keep) {
  const now = Date.now();
  for (const name of readdirSync(dir)) {
    if (keep.has(name) || !(name.endsWith(".v8cache") || name.endsWith(".tmp"))) continue;
    const path = join(dir, name);
    try {
      if (now - statSync(path).mtimeMs > PRUNE_AFTER_MS) unlinkSync(path);
    } catch {}
  }
}

function runWithCodeCache(dir) {
  const { Script } = require("node:vm");
  const v8 = require("node:v8");
  const tag = `${process.version}-${process.arch}`;
  const modules = new Map();
  const toWrite = [];

  function load(file) {
    const known = modules.get(file);
    if (known !== undefined) return known.exports;
    const module = { exports: {} };
    modules.set(file, module);
    const source = readFileSync(file, "utf8");
    const wrapper = `(function (exports, require, module, __filename, __dirname) {${source}\n})`;
    const name = basename(file);
    let script;
    if (HASHED.test(name)) {
      const cacheFile = join(dir, `${name.slice(0, -4)}-${tag}.v8cache`);
      const cachedData = readCache(cacheFile);
      script = withChecksums(v8, () => new Script(wrapper, { filename: file, cachedData }));
      const state = cachedData === undefined ? "miss" : script.cachedDataRejected ? "rejected" : "hit";
      if (debug) debug(`${name} ${state}`);
      if (state !== "hit") toWrite.push({ script, cacheFile, name });
    } else {
      script = new Script(wrapper, { filename: file });
    }
    const here = dirname(file);
    const requireHere = (id) => (id.startsWith("./") ? load(join(here, id)) : require(id));
    script.runInThisContext().call(module.exports, module.exports, requireHere, module, file, here);
    return module.exports;
  }

  function save() {
    if (toWrite.length === 0) return;
    try {
      mkdirSync(dir, { recursive: true });
    } catch (error) {
      if (debug) debug(`not written: ${error.code ?? error.message}`);
      return;
    }
    for (const { script, cacheFile, name } of toWrite) {
      try {
        writeCache(
          cacheFile,
          withChecksums(v8, () => script.createCachedData()),
        );
        if (debug) debug(`${name} written`);
      } catch (error) {
        if (debug) debug(`${name} not written: ${error.code ?? error.message}`);
      }
    }
    try {
      pruneCache(dir, new Set(toWrite.map((w) => basename(w.cacheFile))));
    } catch {}
  }

  run(load(join(DIST, "cli.cjs")), save);
}

const cacheDir = cacheDirectory();
const nodeModule = require("node:module");
// SWITCHYARD_CACHE_LOADER=v8 takes the V8 code cache path on any Node (for its tests).
if (
  cacheDir !== undefined &&
  typeof nodeModule.enableCompileCache === "function" &&
  env.SWITCHYARD_CACHE_LOADER !== "v8"
) {
  try {
    const { status, message } = nodeModule.enableCompileCache(join(cacheDir, "node"));
    if (debug) {
      const names = Object.entries(nodeModule.constants?.compileCacheStatus ?? {});
      debug(
        `node compile cache ${names.find(([, value]) => value === status)?.[0] ?? status}${message ? `: ${message}` : ""}`,
      );
    }
  } catch (error) {
    if (debug) debug(`node compile cache not enabled: ${error.message}`);
  }
  run(require(join(DIST, "cli.cjs")));
} else if (cacheDir === undefined) {
  run(require(join(DIST, "cli.cjs")));
} else {
  runWithCodeCache(cacheDir);
}
