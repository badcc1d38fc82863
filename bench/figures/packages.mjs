// What users download (issue #17): each public package's tarball as `npm pack` makes it from the
// built tree, and the CLI's install size (it bundles every library: its tarball is all it installs).
// A tarball holds only what users need: dist/, bin/, schemas/, the README, the licence, the
// changelog and package.json (the source maps carry their sources, so src/ is not shipped).
import { execFileSync } from "node:child_process";
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { report, root } from "../lib.mjs";

const NEEDED = /^(dist|bin|schemas)\/|^(README\.md|LICENSE|CHANGELOG\.md|package\.json)$/;

function publicPackages() {
  return ["packages", "apps"].flatMap((group) =>
    readdirSync(join(root, group))
      .map((name) => join(root, group, name))
      .filter((dir) => {
        try {
          return JSON.parse(readFileSync(join(dir, "package.json"), "utf8")).private !== true;
        } catch {
          return false;
        }
      }),
  );
}

const kB = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;

export default {
  kind: "custom",
  name: "packages",
  title: "Published packages (npm pack of the built tree)",
  run() {
    const extra = [];
    let cli;
    for (const dir of publicPackages()) {
      const [pack] = JSON.parse(
        execFileSync("npm", ["pack", "--dry-run", "--json", "--loglevel=error"], {
          cwd: dir,
          encoding: "utf8",
        }),
      );
      const maps = pack.files.filter((f) => f.path.endsWith(".map")).reduce((sum, f) => sum + f.size, 0);
      console.log(
        `      ${pack.name.padEnd(32)} ${kB(pack.size).padStart(8)} packed ${kB(pack.unpackedSize).padStart(9)} unpacked (${kB(maps)} source maps) ${pack.entryCount} files`,
      );
      for (const file of pack.files) if (!NEEDED.test(file.path)) extra.push(`${pack.name}: ${file.path}`);
      if (pack.name === "@switchyard/cli") cli = pack;
    }
    report(
      "packages: files in a tarball that users do not need",
      extra.length,
      "files",
      { text: "= 0", test: (v) => v === 0 },
      extra.slice(0, 3).join(", "),
    );
    if (cli === undefined) throw new Error("@switchyard/cli is not among the public packages");
    report(
      "packages: @switchyard/cli install size (no dependencies)",
      cli.unpackedSize / 1024,
      "kB",
      { text: "< 5120 kB", test: (v) => v < 5120 },
      `${kB(cli.size)} download; dependencies: ${Object.keys(JSON.parse(readFileSync(join(root, "apps/cli/package.json"), "utf8")).dependencies ?? {}).length}`,
    );
  },
};
