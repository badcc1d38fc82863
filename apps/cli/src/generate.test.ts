import { existsSync } from "node:fs";
import { appendFile, mkdir, readdir, readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigFile } from "@switchyard/config-schema/load";
import { parseGeneratedHeader } from "@switchyard/litellm-generator";
import { syntheticConfigTexts } from "@switchyard/synthetic-data";
import { describe, expect, it } from "vitest";
import { copyExample, runCli, tempDir } from "./test-support/run.js";

const OUT = "config/litellm-unified.yaml";

async function generated(): Promise<string> {
  const cwd = await copyExample("config");
  expect((await runCli(["generate"], cwd)).code).toBe(0);
  return cwd;
}

describe("generate", () => {
  it("writes a LiteLLM config that validates, with a Switchyard header", async () => {
    const cwd = await copyExample("config");
    const { code, stdout, stderr } = await runCli(["generate", "--config-dir", "config"], cwd);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toContain(`Wrote ${OUT} (it did not exist).`);
    const text = await readFile(join(cwd, OUT), "utf8");
    expect(parseGeneratedHeader(text)).toBeDefined();
    const loaded = await loadConfigFile("litellm", join(cwd, OUT));
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    expect(loaded.value?.model_list.length).toBeGreaterThan(0);
    expect((await runCli(["validate"], cwd)).code).toBe(0);
  });

  it("--check exits 0 when the file is current, and a second write changes nothing", async () => {
    const cwd = await generated();
    const check = await runCli(["generate", "--check"], cwd);
    expect(check).toMatchObject({ code: 0, stdout: `✔ ${OUT} is up to date\n` });
    const again = await runCli(["generate", "--json"], cwd);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, changed: false, previousStatus: "current" });
  });

  it("--check exits 1 with 'sources changed' and the diff after a source edit", async () => {
    const cwd = await generated();
    await writeFile(
      join(cwd, "config/model-mappings.yaml"),
      (await readFile(join(cwd, "config/model-mappings.yaml"), "utf8")).replace("rpm: 500", "rpm: 600"),
    );
    const { code, stdout } = await runCli(["generate", "--check"], cwd);
    expect(code).toBe(1);
    expect(stdout).toContain("error[SY4102]");
    expect(stdout).toContain("sources changed");
    expect(stdout).toContain(`--- a/${OUT}`);
    expect(stdout).toMatch(/^-\s+rpm: 500$/m);
    expect(stdout).toMatch(/^\+\s+rpm: 600$/m);
  });

  it("--check exits 1 with 'edited by hand'; writing refuses without --force and keeps a backup with it", async () => {
    const cwd = await generated();
    const path = join(cwd, OUT);
    const edited = (await readFile(path, "utf8")).replace("drop_params: true", "drop_params: false");
    await writeFile(path, edited);
    const check = await runCli(["generate", "--check"], cwd);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("edited by hand");

    const refused = await runCli(["generate"], cwd);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("error[SY4110]");
    expect(await readFile(path, "utf8")).toBe(edited);

    const forced = await runCli(["generate", "--force", "--json"], cwd);
    expect(forced.code).toBe(0);
    const result = JSON.parse(forced.stdout) as { previousStatus: string; backupPath: string };
    expect(result.previousStatus).toBe("hand-edited");
    expect(await readFile(result.backupPath, "utf8")).toBe(edited);
    expect((await runCli(["generate", "--check"], cwd)).code).toBe(0);
  });

  it("--diff prints the diff and writes nothing", async () => {
    const cwd = await copyExample("config");
    const missing = await runCli(["generate", "--diff"], cwd);
    expect(missing.code).toBe(0);
    expect(missing.stdout).toMatch(/^--- \/dev\/null\n\+\+\+ b\/config\/litellm-unified\.yaml\n/);
    expect(missing.stderr).toContain("does not exist");
    expect(existsSync(join(cwd, OUT))).toBe(false);

    await runCli(["generate"], cwd);
    await appendFile(join(cwd, "config/providers.yaml"), "# a comment changes the sources hash\n");
    const before = await readFile(join(cwd, OUT), "utf8");
    const diff = await runCli(["generate", "--diff"], cwd);
    expect(diff.code).toBe(0);
    expect(diff.stdout).toMatch(/^-# sources: sha256:/m);
    expect(diff.stderr).toContain("sources changed");
    expect(await readFile(join(cwd, OUT), "utf8")).toBe(before);
  });

  it("a diff beyond the edit limit is not computed: --check and --diff say 'too large' instead", async () => {
    // One provider serving 1,100 public names: a new base_url path changes 1,100 api_base lines (2,200 edits).
    const texts = syntheticConfigTexts({ providers: 1, modelsPerProvider: 1100, mappings: 1100 });
    const cwd = await tempDir();
    await mkdir(join(cwd, "config"));
    for (const [name, text] of Object.entries(texts)) await writeFile(join(cwd, "config", name), text);
    expect((await runCli(["generate"], cwd)).code).toBe(0);
    const providers = join(cwd, "config/providers.yaml");
    await writeFile(providers, (await readFile(providers, "utf8")).replace(":8001/v1", ":8001/openai/v1"));

    const check = await runCli(["generate", "--check"], cwd);
    expect(check.code).toBe(1);
    expect(check.stdout).toContain("error[SY4102]");
    expect(check.stdout).toMatch(
      /^files differ \(\d+ lines vs \d+\), diff too large to show \(more than 2000 changed lines\)$/m,
    );
    expect(check.stdout).not.toContain("@@");

    // --diff: stdout stays a patch (here none), so a pipe never reads the sentence as one.
    const diff = await runCli(["generate", "--diff"], cwd);
    expect(diff).toMatchObject({ code: 0, stdout: "" });
    expect(diff.stderr).toContain("sources changed");
    expect(diff.stderr).toContain("diff too large to show");
  });

  it("--check uses the same options as writing: a file written with --prometheus is current only with it", async () => {
    const cwd = await copyExample("config");
    const written = await runCli(["generate", "--prometheus"], cwd);
    expect(written.code).toBe(0);
    expect(written.stdout).toContain(
      "flags override the config set (model-mappings.yaml's gateway:): --prometheus true (gateway.prometheus: false)",
    );
    const check = await runCli(["generate", "--check", "--prometheus"], cwd);
    expect(check.code).toBe(0);
    expect(check.stdout).toContain(
      "whose flags override model-mappings.yaml's gateway section: --prometheus true",
    );
    const without = await runCli(["generate", "--check"], cwd);
    expect(without.code).toBe(1);
    expect(without.stdout).toContain("error[SY4105]");
  });

  it("what shapes the proxy lives in the gateway section: a bare generate and --check reproduce it", async () => {
    const cwd = await copyExample("config");
    const mappings = join(cwd, "config/model-mappings.yaml");
    const text = await readFile(mappings, "utf8");
    await writeFile(
      mappings,
      text
        .replace("master_key: os.environ/LITELLM_MASTER_KEY", "master_key: os.environ/MY_PROXY_KEY")
        .replace("prometheus: false", "prometheus: true")
        .replace("drop_params: true", "drop_params: false"),
    );
    expect((await runCli(["generate"], cwd)).code).toBe(0);
    const out = await readFile(join(cwd, OUT), "utf8");
    expect(out).toContain("master_key: os.environ/MY_PROXY_KEY");
    expect(out).toContain("drop_params: false");
    expect(out).toMatch(/callbacks:\n\s+- prometheus/);
    const check = await runCli(["generate", "--check"], cwd);
    expect(check.code).toBe(0);
    expect(check.stdout).not.toContain("override");
  });

  it("--out writes elsewhere, and --check reads it from there", async () => {
    const cwd = await copyExample("config");
    const { code, stdout } = await runCli(["generate", "config", "--out", "deploy/litellm.yaml"], cwd);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    await mkdir(join(cwd, "deploy"));
    expect((await runCli(["generate", "config", "-o", "deploy/litellm.yaml"], cwd)).code).toBe(0);
    expect(existsSync(join(cwd, OUT))).toBe(false);
    expect((await runCli(["generate", "--check", "--out", "deploy/litellm.yaml"], cwd)).code).toBe(0);
    const missing = await runCli(["generate", "--check"], cwd);
    expect(missing.code).toBe(1);
    expect(missing.stdout).toContain("does not exist");
  });

  it("refuses to generate from a set with errors, writing nothing", async () => {
    const cwd = await copyExample("broken/unknown-key-typo");
    const { code, stdout, stderr } = await runCli(["generate"], cwd);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    // The refusal carries its catalogued code and hint, as every finding does, then the errors.
    expect(stderr).toMatch(
      /^error\[SY4001\]: No LiteLLM config generated: the config set in config has 1 error \(below\)\n(.*\n)*? {4}= hint: Run `switchyard validate`, fix the errors it lists, then generate again\.\n/,
    );
    expect(stderr).toContain("error[SY1030]");
    expect(existsSync(join(cwd, OUT))).toBe(false);
    const json = JSON.parse((await runCli(["generate", "--json"], cwd)).stdout) as {
      ok: boolean;
      diagnostics: { code: string }[];
    };
    expect(json.ok).toBe(false);
    expect(json.diagnostics.map((d) => d.code)).toEqual(["SY4001", "SY1030"]);
  });

  it("prunes old backups after writing, by the default policy (the last 10, daily 7, weekly 4)", async () => {
    const cwd = await generated();
    const path = join(cwd, OUT);
    const text = await readFile(path, "utf8");
    // Twelve backups within one day of 2020: the last 10 rule keeps the newest nine of them (the
    // tenth slot goes to the backup this write makes), and the daily rule keeps the oldest.
    const stamps = Array.from({ length: 12 }, (_, hour) => `20200101_${String(hour).padStart(2, "0")}0000`);
    for (const stamp of stamps) await writeFile(`${path}.backup-${stamp}`, text);
    await appendFile(join(cwd, "config/providers.yaml"), "# changed\n");

    const { code, stdout } = await runCli(["generate", "--json"], cwd);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { prunedBackups: string[]; backupPath: string };
    expect(result.prunedBackups).toEqual([`${OUT}.backup-20200101_020000`, `${OUT}.backup-20200101_010000`]);
    const left = (await readdir(join(cwd, "config"))).filter((n) => n.includes(".backup-"));
    expect(left).toHaveLength(11);
    expect(left).toContain("litellm-unified.yaml.backup-20200101_000000");

    await appendFile(join(cwd, "config/providers.yaml"), "# changed again\n");
    const human = await runCli(["generate"], cwd);
    expect(human.stdout).toMatch(
      /removed 1 old backup .*:\n {4}config\/litellm-unified\.yaml\.backup-20200101_030000\n/,
    );
  });

  it("rejects --check with --diff, and --force with either", async () => {
    expect((await runCli(["generate", "--check", "--diff"])).code).toBe(2);
    const force = await runCli(["generate", "--diff", "--force"]);
    expect(force.code).toBe(2);
    expect(force.stderr).toContain("--force applies only when writing");
  });
});
