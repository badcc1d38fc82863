// A preload for kill tests (`NODE_OPTIONS=--require <this file>`): stalls the write layer at the
// one step a random kill rarely hits, so a test can kill the process exactly there. When a
// `rename` or `link` of node:fs/promises is about to move a temp file onto a name matching
// SWITCHYARD_TEST_STALL (a regular expression tested against the destination's base name), the
// process prints "stalled <from> -> <to>" on stderr and waits forever (until it is killed). The temp
// file is then complete and fsynced, its destination not yet written.
"use strict";
const fsp = require("node:fs/promises");
const { basename } = require("node:path");

const pattern = process.env.SWITCHYARD_TEST_STALL;
if (pattern) {
  const matches = new RegExp(pattern);
  for (const name of ["rename", "link"]) {
    const original = fsp[name];
    fsp[name] = async (from, to) => {
      if (!matches.test(basename(String(to)))) return original(from, to);
      process.stderr.write(`stalled ${name} ${from} -> ${to}\n`);
      setInterval(() => {}, 1 << 30);
      return new Promise(() => {});
    };
  }
}
