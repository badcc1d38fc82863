// The CLI's start (issue #18): whole `switchyard` processes against a bare `node -e 0`, interleaved
// in one run, with the code cache warm (as every run after the first is) in a temporary cache
// directory; then what each command loads and the size of the installed package.
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { atMost, below, median, report, root, timeCommand } from "./lib.mjs";

const CLI = `${root}apps/cli/`;
const BIN = `${CLI}bin/switchyard.cjs`;
const EXAMPLE = `${root}examples/config`;

/** The commands timed, with their goals as ratios to `node -e 0` (issue #18). */
const COMMANDS = [
  { name: "--version", args: ["--version"], goal: 1.2 },
  { name: "--help", args: ["--help"] },
  { name: "explain SY1001", args: ["explain", "SY1001"], goal: 1.3 },
  { name: "validate examples/config", args: ["validate", EXAMPLE], goal: 2.0 },
  { name: "audit examples/config", args: ["audit", EXAMPLE], goal: 2.0 },
];

function quantile(values, q) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.round(q * (sorted.length - 1))];
}

/** The chunks a source entry point loads (its chunk and their static imports) and their bytes. */
function chunksOf(meta, entryPoint) {
  const start = Object.keys(meta.outputs).find((o) => meta.outputs[o].entryPoint === entryPoint);
  const seen = new Set();
  const visit = (chunk) => {
    if (seen.has(chunk)) return;
    seen.add(chunk);
    for (const i of meta.outputs[chunk].imports)
      if (i.kind === "import-statement" && !i.external) visit(i.path);
  };
  if (start !== undefined) visit(start);
  return { count: seen.size, bytes: [...seen].reduce((n, c) => n + meta.outputs[c].bytes, 0) };
}

const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

/** Time the CLI's start and print its figures; `runs` interleaved runs of each command. */
export function cliStart({ runs = 15 } = {}) {
  if (!existsSync(`${CLI}dist/cli.cjs`)) throw new Error("build the CLI first: pnpm build");
  const cache = mkdtempSync(join(tmpdir(), "sy-bench-cache-"));
  const env = { ...process.env, SWITCHYARD_CACHE_DIR: cache };
  delete env.SWITCHYARD_NO_COMPILE_CACHE;
  const options = { env, cwd: root };
  try {
    // One run of each fills the cache, as the first run after an install does.
    for (const c of COMMANDS) timeCommand(process.execPath, [BIN, ...c.args], options);
    const node = [];
    const times = COMMANDS.map(() => []);
    for (let i = 0; i < runs; i++) {
      node.push(timeCommand(process.execPath, ["-e", "0"], options));
      for (const [j, c] of COMMANDS.entries())
        times[j].push(timeCommand(process.execPath, [BIN, ...c.args], options));
    }
    const base = median(node);
    console.log(
      `      node -e 0: median ${base.toFixed(0)} ms, p10–p90 ${quantile(node, 0.1).toFixed(0)}–${quantile(node, 0.9).toFixed(0)} ms (${runs} interleaved runs)`,
    );
    COMMANDS.forEach((c, j) => {
      const t = times[j];
      const detail = `${median(t).toFixed(0)} ms, p10–p90 ${quantile(t, 0.1).toFixed(0)}–${quantile(t, 0.9).toFixed(0)} ms`;
      if (c.goal === undefined)
        console.log(`      ${c.name} vs node -e 0: ${(median(t) / base).toFixed(2)}× (${detail})`);
      else report(`${c.name} vs node -e 0 (wall, median)`, median(t) / base, "×", atMost(c.goal), detail);
    });
  } finally {
    rmSync(cache, { recursive: true, force: true });
  }

  // What each command loads, from the build's metafile.
  const meta = JSON.parse(readFileSync(`${CLI}dist/meta.json`, "utf8"));
  const start = chunksOf(meta, "src/cli.ts");
  const rows = [`start (--version, --help) ${start.count} chunks ${kb(start.bytes)}`];
  for (const name of readdirSync(`${CLI}src/commands`, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)) {
    const own = chunksOf(meta, `src/commands/${name}/run.ts`);
    rows.push(`${name} +${own.count} chunks ${kb(own.bytes)}`);
  }
  const files = readdirSync(`${CLI}dist`).filter((f) => f.endsWith(".cjs"));
  const total = files.reduce((n, f) => n + statSync(`${CLI}dist/${f}`).size, 0);
  console.log(`      bundle: ${files.length} files, ${kb(total)}; ${rows.join("; ")}`);

  const [pack] = JSON.parse(
    execFileSync("npm", ["pack", "--dry-run", "--json", "--ignore-scripts"], { cwd: CLI, encoding: "utf8" }),
  );
  report(
    "installed @switchyard/cli package, unpacked",
    pack.unpackedSize / 1024,
    "KB",
    below(2048, " KB"),
    `${pack.entryCount} files, tarball ${kb(pack.size)}`,
  );
}
