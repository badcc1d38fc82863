import { execFileSync } from "node:child_process";
import { mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { commonDirOf, gitDirOf, trackedPaths } from "./git-index.js";

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

describe("trackedPaths in a linked work tree (`git worktree add`)", () => {
  it("reads the object format from the repository's config through `commondir` (a SHA-256 repository)", async () => {
    const dir = await tempDir("sy-git-worktree-");
    const main = join(dir, "main");
    const linked = join(dir, "linked");
    const git = (cwd: string, ...args: string[]) =>
      execFileSync("git", ["-C", cwd, "-c", "user.name=t", "-c", "user.email=t@example.com", ...args]);
    await mkdir(main);
    execFileSync("git", ["init", "-q", "--object-format=sha256", main]);
    await writeFile(join(main, "providers.yaml"), "x: 1\n");
    git(main, "add", "providers.yaml");
    git(main, "commit", "-q", "-m", "config");
    git(main, "worktree", "add", "-q", linked);
    await writeFile(join(linked, "ports.yaml"), "y: 2\n");
    await writeFile(join(linked, "model-mappings.yaml"), "z: 3\n");
    git(linked, "add", "ports.yaml");
    // The linked tree's git directory has its own index but no config: that is the shared one's.
    const gitDir = await gitDirOf(linked);
    expect(gitDir).toBe(join(main, ".git", "worktrees", "linked"));
    expect(await commonDirOf(gitDir!)).toBe(join(main, ".git"));
    expect(await commonDirOf(join(main, ".git"))).toBe(join(main, ".git"));
    expect(await trackedPaths(gitDir!)).toEqual(new Set(["ports.yaml", "providers.yaml"]));
    expect(await trackedPaths(gitDir!, ["providers.yaml", "ports.yaml", "model-mappings.yaml"])).toEqual(
      new Set(["providers.yaml", "ports.yaml"]),
    );
  });
});
