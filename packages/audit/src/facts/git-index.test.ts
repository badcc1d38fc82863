import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { trackedPaths } from "./git-index.js";

describe("trackedPaths with `only`", () => {
  it("answers exactly the asked paths the index tracks, as the whole index does (v2, v3, v4; v4 strips its shared prefix in bytes, not characters)", async () => {
    const dir = await tempDir("sy-git-index-");
    // Same byte lengths, a shared prefix, non-ASCII names and a directory: the byte comparison must
    // tell them apart exactly as decoding each entry would.
    const names = ["a.yaml", "b.yaml", "ä.yaml", "deploy/ports.yaml", "deploy/porte.yaml", "zz/ü/x.yaml"];
    for (const name of names) {
      await mkdir(join(dir, name, ".."), { recursive: true });
      await writeFile(join(dir, name), "x: 1\n");
    }
    execFileSync("git", ["init", "-q", dir]);
    execFileSync("git", ["-C", dir, "add", "a.yaml", "ä.yaml", "deploy/ports.yaml", "zz/ü/x.yaml"]);
    const asked = [
      "a.yaml",
      "b.yaml",
      "ä.yaml",
      "deploy/ports.yaml",
      "deploy/porte.yaml",
      "zz/ü/x.yaml",
      "nope",
    ];
    for (const version of ["2", "3", "4"]) {
      execFileSync("git", ["-C", dir, "update-index", "--index-version", version]);
      const all = await trackedPaths(join(dir, ".git"));
      expect(all).toEqual(new Set(["a.yaml", "ä.yaml", "deploy/ports.yaml", "zz/ü/x.yaml"]));
      const some = await trackedPaths(join(dir, ".git"), asked);
      expect(some).toEqual(new Set(asked.filter((p) => all!.has(p))));
    }
  });
});
