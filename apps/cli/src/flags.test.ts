import { readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { rolloutBucket } from "@switchyard/feature-flags";
import { describe, expect, it } from "vitest";
import { requireBuiltCli, runBuilt } from "./test-support/built.js";
import { copyExample, runCli } from "./test-support/run.js";

const FILE = "config/feature-flags.yaml";

async function setup(): Promise<{ cwd: string; before: string }> {
  const cwd = await copyExample("config");
  return { cwd, before: await readFile(join(cwd, FILE), "utf8") };
}

describe("switchyard flags", () => {
  it("list and list --tag, in text and JSON", async () => {
    const { cwd } = await setup();
    const all = await runCli(["flags", "list"], cwd);
    expect(all.code).toBe(0);
    expect(all.stdout).toContain("semantic-cache  v1  25 %  [cache]");
    expect(all.stdout).toContain("cloud-fallback  v1  off (disabled)  [routing]");
    const tagged = await runCli(["flags", "list", "--tag", "routing", "--json"], cwd);
    expect(JSON.parse(tagged.stdout).flags.map((f: { name: string }) => f.name)).toEqual(["cloud-fallback"]);
  });

  it("get shows a flag; eval answers with the reason and bucket", async () => {
    const { cwd } = await setup();
    const got = JSON.parse((await runCli(["flags", "get", "semantic-cache", "--json"], cwd)).stdout);
    expect(got).toMatchObject({ name: "semantic-cache", version: 1, flag: { rollout_percentage: 25 } });
    const evaluated = await runCli(
      ["flags", "eval", "semantic-cache", "--user", "alice", "--attr", "plan=pro", "--json"],
      cwd,
    );
    expect(evaluated.code).toBe(0);
    const bucket = rolloutBucket("semantic-cache", "alice");
    expect(JSON.parse(evaluated.stdout)).toMatchObject({
      value: bucket <= 25,
      reason: "SPLIT",
      bucket,
      version: 1,
      context: { userId: "alice", properties: { plan: "pro" } },
    });
    const text = await runCli(["flags", "eval", "cloud-fallback", "--user", "ops-oncall"], cwd);
    expect(text.stdout).toBe("cloud-fallback: off (DISABLED: the flag is disabled), version 1\n");
    const overridden = await runCli(["flags", "eval", "cloud-fallback", "--json"], cwd, {
      FEATURE_CLOUD_FALLBACK: "true",
    });
    expect(JSON.parse(overridden.stdout)).toMatchObject({ value: true, reason: "OVERRIDE" });
  });

  it("the built CLI: FEATURE_* variables that do not apply are warnings beside the answer (SY7010, SY7011), in text and --json", async () => {
    requireBuiltCli();
    const { cwd } = await setup();
    const env = {
      FEATURE_SEMANTIC_CACHE_ROLLOUT: "150",
      FEATURE_CLOUD_FALLBACK: "maybe",
      FEATURE_NO_SUCH_FLAG: "true",
    };
    const args = ["flags", "eval", "semantic-cache", "--user", "alice"];
    const text = await runBuilt(args, { cwd, env });
    expect(text.code).toBe(0);
    // The file's rollout answers (the 150 was ignored), and the user is told why.
    expect(text.stdout).toMatch(
      /^semantic-cache: (on|off) \(SPLIT: bucket \d+ of the rollout\), version 1\n$/,
    );
    expect(text.stderr).toContain("SY7010");
    expect(text.stderr).toContain("FEATURE_SEMANTIC_CACHE_ROLLOUT must be a percentage from 0 to 100");
    expect(text.stderr).toContain("FEATURE_CLOUD_FALLBACK must be true or false");
    expect(text.stderr).toContain("SY7011");
    expect(text.stderr).toContain("FEATURE_NO_SUCH_FLAG names no flag");
    const json = await runBuilt([...args, "--json"], { cwd, env });
    expect(json.code).toBe(0);
    const answer = JSON.parse(json.stdout);
    expect(answer).toMatchObject({ flag: "semantic-cache", reason: "SPLIT", version: 1 });
    expect(answer.diagnostics.map((d: { code: string; severity: string }) => [d.code, d.severity])).toEqual([
      ["SY7010", "warning"],
      ["SY7011", "warning"],
      ["SY7010", "warning"],
    ]);
    // `list` applies the same overrides, so it says the same.
    const listed = await runBuilt(["flags", "list", "--json"], { cwd, env });
    expect(JSON.parse(listed.stdout).diagnostics).toHaveLength(3);
    // Valid overrides alone: no warning.
    const clean = await runBuilt(["flags", "eval", "cloud-fallback", "--json"], {
      cwd,
      env: { FEATURE_CLOUD_FALLBACK: "true" },
    });
    expect(JSON.parse(clean.stdout)).toMatchObject({ value: true, reason: "OVERRIDE" });
    expect(JSON.parse(clean.stdout).diagnostics).toBeUndefined();
    expect(clean.stderr).toBe("");
  });

  it("enable, rollout, whitelist and blacklist edit the file keeping every comment, and bump the version", async () => {
    const { cwd, before } = await setup();
    expect((await runCli(["flags", "enable", "cloud-fallback"], cwd)).code).toBe(0);
    expect((await runCli(["flags", "rollout", "semantic-cache", "50"], cwd)).code).toBe(0);
    expect((await runCli(["flags", "whitelist", "add", "cloud-fallback", "qa-bot"], cwd)).code).toBe(0);
    expect((await runCli(["flags", "blacklist", "add", "semantic-cache", "ci-bot"], cwd)).code).toBe(0);
    const removed = await runCli(
      ["flags", "whitelist", "remove", "cloud-fallback", "ops-oncall", "--json"],
      cwd,
    );
    expect(JSON.parse(removed.stdout)).toMatchObject({ changed: true, previousVersion: 3, version: 4 });
    const after = await readFile(join(cwd, FILE), "utf8");
    // Every comment line of the original is still there, in order.
    const comments = (t: string) => t.split("\n").filter((l) => l.trimStart().startsWith("#"));
    expect(comments(after)).toEqual(comments(before));
    expect(after).toContain("    rollout_percentage: 50\n");
    expect(after).toContain("    whitelist: [qa-bot]\n");
    expect(after).toContain("    blacklist: [ci-bot]\n");
    expect(after).toContain("  cloud-fallback:\n    enabled: true\n    version: 4\n");
    const backups = (await readdir(join(cwd, "config"))).filter((n) =>
      n.startsWith("feature-flags.yaml.backup-"),
    );
    expect(backups.length).toBeGreaterThan(0);
    const again = await runCli(["flags", "enable", "cloud-fallback"], cwd);
    expect(again.stdout).toBe("cloud-fallback: already enabled; nothing to change.\n");
  });

  it("bad names and percentages get located diagnostics and exit 1, never a stack trace", async () => {
    const { cwd, before } = await setup();
    const unknown = await runCli(["flags", "enable", "semantic-cach"], cwd);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toContain(
      "error[SY7001]: No flag 'semantic-cach' in config/feature-flags.yaml — did you mean 'semantic-cache'?",
    );
    expect(unknown.stderr).toMatch(/config\/feature-flags\.yaml:14:1/);
    const percent = await runCli(["flags", "rollout", "semantic-cache", "150"], cwd);
    expect(percent.code).toBe(1);
    expect(percent.stderr).toContain(
      "error[SY7002]: Invalid rollout percentage '150' for flag 'semantic-cache'",
    );
    expect(percent.stderr).toMatch(/config\/feature-flags\.yaml:17:5/);
    const json = JSON.parse(
      (await runCli(["flags", "rollout", "semantic-cache", "abc", "--json"], cwd)).stdout,
    );
    expect(json.diagnostics[0]).toMatchObject({ code: "SY7002", file: "config/feature-flags.yaml" });
    expect(await readFile(join(cwd, FILE), "utf8")).toBe(before);
    const action = await runCli(["flags", "enabel", "x"], cwd);
    expect(action.code).toBe(2);
    expect(action.stderr).toContain("Unknown flags action 'enabel' — did you mean 'enable'?");
  });

  it("an invalid flag file is reported with its own diagnostics and nothing is written", async () => {
    const { cwd } = await setup();
    await writeFile(join(cwd, FILE), "schema_version: '2.0.0'\nflags:\n  x:\n    enabled: maybe\n");
    const result = await runCli(["flags", "enable", "x"], cwd);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain("config/feature-flags.yaml:4:14");
  });
});

describe("switchyard flags without a flag file", () => {
  it("says which file is missing and exits 2", async () => {
    const cwd = await copyExample("config");
    const { rm } = await import("node:fs/promises");
    await rm(join(cwd, FILE));
    const result = await runCli(["flags", "list"], cwd);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain("Cannot read config/feature-flags.yaml: no such file or directory");
  });
});
