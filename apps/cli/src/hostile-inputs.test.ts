/**
 * Issue #10 regressions, run against the built CLI process (`bin/switchyard.cjs` → `dist/cli.cjs`):
 * hostile files must give a located diagnostic and a documented exit code, never a hang, a leak or a
 * crash. turbo builds before testing; by hand, run `npx tsup` in apps/cli first.
 */
import { execFileSync } from "node:child_process";
import { rm, symlink } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltRun, requireBuiltCli, runBuilt } from "./test-support/built.js";
import { copyExample } from "./test-support/run.js";

/** The commands issue #10 found hanging, each run in the directory that holds the config set. */
const COMMANDS: readonly (readonly string[])[] = [
  ["validate", "config"],
  ["audit", "config"],
  ["generate", "--check", "--config-dir", "config"],
];

/** A documented exit code (0–3; never 70, an internal error) and no kill by the guard. */
function finished(run: BuiltRun): void {
  expect(run.killed, `hung; stderr so far: ${run.stderr}`).toBe(false);
  expect([0, 1, 2, 3]).toContain(run.code);
}

beforeAll(requireBuiltCli);

describe("#10 item 2: every config read is bounded, regular files only", () => {
  it.each(["providers.yaml", ".switchyard.yaml"])(
    "a FIFO named %s does not hang validate, audit or generate --check",
    async (name) => {
      const cwd = await copyExample("config");
      await rm(join(cwd, "config", name), { force: true });
      execFileSync("mkfifo", [join(cwd, "config", name)]);
      for (const args of COMMANDS) {
        const run = await runBuilt(args, { cwd });
        finished(run);
        expect(run.code, args.join(" ")).not.toBe(0);
        expect(`${run.stdout}${run.stderr}`, args.join(" ")).toContain(
          `Cannot read config/${name}: it is a FIFO (named pipe), not a regular file`,
        );
      }
    },
  );

  it.each([".switchyard.yaml", "litellm-passthrough.yaml"])(
    "%s pointing at /dev/zero is refused without being read",
    async (name) => {
      const cwd = await copyExample("config");
      await symlink("/dev/zero", join(cwd, "config", name));
      for (const args of name === ".switchyard.yaml" ? COMMANDS : [COMMANDS[2]!]) {
        const run = await runBuilt(args, { cwd });
        finished(run);
        expect(`${run.stdout}${run.stderr}`, args.join(" ")).toContain(
          `Cannot read config/${name}: it is a character device, not a regular file`,
        );
      }
    },
  );
});
