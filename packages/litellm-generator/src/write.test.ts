import { chmod, readFile, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { loadConfigSet } from "@switchyard/config-schema/load";
import { withFileLock } from "@switchyard/config-schema/write";
import { describe, expect, test } from "vitest";
import { configDir, yaml } from "../test/helpers.js";
import { checkGenerated } from "./check.js";
import { writeLiteLLMConfig } from "./write.js";

const PROVIDERS = yaml`
  schema_version: "2.0.0"
  providers:
    vllm:
      type: vllm
      base_url: http://127.0.0.1:8001/v1
      models: [{ name: qwen2.5-7b }, { name: qwen2.5-14b }]
`;
const MAPPINGS = yaml`
  schema_version: "2.0.0"
  exact_matches:
    qwen: { provider: vllm, model: qwen2.5-7b }
`;

async function freshDir(): Promise<string> {
  return configDir({ "providers.yaml": PROVIDERS, "model-mappings.yaml": MAPPINGS });
}

async function writeIn(dir: string, options: Parameters<typeof writeLiteLLMConfig>[1] = {}) {
  return writeLiteLLMConfig(await loadConfigSet(dir, { cwd: dir }), { cwd: dir, ...options });
}

describe("writeLiteLLMConfig", () => {
  test("writes <configDir>/litellm-unified.yaml, which then checks as current", async () => {
    const dir = await freshDir();
    const result = await writeIn(dir);
    expect(result).toMatchObject({
      ok: true,
      changed: true,
      previousStatus: "missing",
      outputPath: join(dir, "litellm-unified.yaml"),
    });
    if (!result.ok) return;
    expect(await readFile(result.outputPath, "utf8")).toBe(result.generation.text);
    expect(result.backupPath).toBeUndefined();
    const check = await checkGenerated({ configDir: dir, cwd: dir });
    expect(check.ok && check.status).toBe("current");
  });

  test("a new file that receives a secret from a 0600 passthrough is created 0600 (#10 item 6)", async () => {
    const dir = await configDir({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml": MAPPINGS,
      "litellm-passthrough.yaml": yaml`
        litellm_settings:
          cache: true
          cache_params: { type: redis, host: redis.internal, port: 6379, password: hunter2-literal }
      `,
    });
    await chmod(join(dir, "litellm-passthrough.yaml"), 0o600);
    const result = await writeIn(dir);
    expect(result.ok).toBe(true);
    if (!result.ok) return;
    expect(await readFile(result.outputPath, "utf8")).toContain("hunter2-literal");
    expect((await stat(result.outputPath)).mode & 0o777).toBe(0o600);
  });

  test("a rewrite that receives a secret turns a 0644 file 0600 and reports it (#10 item 6)", async () => {
    const dir = await freshDir();
    const first = await writeIn(dir);
    if (!first.ok) throw new Error("generation failed");
    await chmod(first.outputPath, 0o644);
    await writeFile(
      join(dir, "litellm-passthrough.yaml"),
      "router_settings:\n  redis_password: hunter2-literal\n",
      { mode: 0o600 },
    );
    const second = await writeIn(dir);
    expect(second.ok).toBe(true);
    if (!second.ok) return;
    expect(await readFile(second.outputPath, "utf8")).toContain("hunter2-literal");
    expect((await stat(second.outputPath)).mode & 0o777).toBe(0o600);
    expect(second.modeTightened).toEqual({ from: 0o644, to: 0o600 });
    // The backup of the 0644 version held no secret; a later rewrite of the 0600 file reports nothing.
    await writeFile(join(dir, "model-mappings.yaml"), MAPPINGS.replace("qwen2.5-7b", "qwen2.5-14b"));
    const third = await writeIn(dir);
    expect(third.ok && third.changed && third.modeTightened).toBe(undefined);
  });

  test("a new file without a secret gets the usual mode; a rewrite keeps the replaced file's", async () => {
    const dir = await freshDir();
    const first = await writeIn(dir);
    if (!first.ok) throw new Error("generation failed");
    expect((await stat(first.outputPath)).mode & 0o077).not.toBe(0);
    await chmod(first.outputPath, 0o640);
    await writeFile(join(dir, "model-mappings.yaml"), MAPPINGS.replace("qwen2.5-7b", "qwen2.5-14b"));
    const second = await writeIn(dir);
    expect(second.ok && second.changed).toBe(true);
    expect((await stat(first.outputPath)).mode & 0o777).toBe(0o640);
  });

  test("an unchanged generation writes nothing and makes no backup", async () => {
    const dir = await freshDir();
    await writeIn(dir);
    const again = await writeIn(dir);
    expect(again).toMatchObject({ ok: true, changed: false, previousStatus: "current" });
    expect(again.ok && again.backupPath).toBeUndefined();
  });

  test("regenerating after a source change backs up the previous file", async () => {
    const dir = await freshDir();
    const first = await writeIn(dir);
    await writeFile(
      join(dir, "model-mappings.yaml"),
      `${MAPPINGS}  big: { provider: vllm, model: qwen2.5-14b }\n`,
    );
    const second = await writeIn(dir);
    expect(second).toMatchObject({ ok: true, changed: true, previousStatus: "sources-changed" });
    if (!first.ok || !second.ok) return;
    expect(await readFile(second.outputPath, "utf8")).toContain("  - model_name: big\n");
    // Writing never computes a diff (issue #9): the header's hashes decide.
    expect(second).not.toHaveProperty("diff");
    expect(second.backupPath).toBeDefined();
    expect(await readFile(second.backupPath!, "utf8")).toBe(first.generation.text);
  });

  test("a hand-edited file is not overwritten without force; with force it is, and backed up", async () => {
    const dir = await freshDir();
    const first = await writeIn(dir);
    if (!first.ok) throw new Error("write failed");
    const edited = first.generation.text.replace("model_name: qwen", "model_name: qwen-renamed");
    await writeFile(first.outputPath, edited);

    const refused = await writeIn(dir);
    expect(refused.ok).toBe(false);
    expect(!refused.ok && refused.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["SY4110", "litellm-unified.yaml was not overwritten: the file was edited by hand"],
    ]);
    expect(await readFile(first.outputPath, "utf8")).toBe(edited);

    const forced = await writeIn(dir, { force: true });
    expect(forced).toMatchObject({ ok: true, changed: true, previousStatus: "hand-edited" });
    if (!forced.ok) return;
    expect(await readFile(forced.backupPath!, "utf8")).toBe(edited);
    expect(await readFile(forced.outputPath, "utf8")).toBe(first.generation.text);
  });

  test("a file Switchyard did not generate is not overwritten without force", async () => {
    const dir = await freshDir();
    await writeFile(join(dir, "litellm-unified.yaml"), "model_list: []\n");
    const refused = await writeIn(dir);
    expect(!refused.ok && refused.diagnostics[0]!.code).toBe("SY4110");
    expect(await readFile(join(dir, "litellm-unified.yaml"), "utf8")).toBe("model_list: []\n");
  });

  test("nothing is written when generation is refused", async () => {
    const dir = await configDir({
      "providers.yaml": PROVIDERS,
      "model-mappings.yaml": MAPPINGS.replace("provider: vllm", "provider: vlm"),
    });
    const result = await writeIn(dir);
    expect(!result.ok && result.diagnostics.map((d) => d.code)).toEqual(["SY4002"]);
    await expect(readFile(join(dir, "litellm-unified.yaml"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("an explicit output path is honoured", async () => {
    const dir = await freshDir();
    const out = await configDir({});
    const result = await writeIn(dir, { outputPath: join(out, "proxy.yaml") });
    expect(result.ok && result.outputPath).toBe(join(out, "proxy.yaml"));
    await expect(readFile(join(dir, "litellm-unified.yaml"))).rejects.toMatchObject({ code: "ENOENT" });
  });

  test("I/O failures and a held lock become SY4111 instead of exceptions", async () => {
    const dir = await freshDir();
    const missingDir = await writeIn(dir, { outputPath: join(dir, "no-such-dir", "litellm.yaml") });
    expect(!missingDir.ok && missingDir.diagnostics[0]!.code).toBe("SY4111");

    const output = join(dir, "litellm-unified.yaml");
    const locked = await withFileLock(output, () => writeIn(dir, { lockTimeoutMs: 0 }));
    expect(locked.ok).toBe(false);
    if (locked.ok) return;
    expect(locked.diagnostics[0]).toMatchObject({ code: "SY4111" });
    expect(locked.diagnostics[0]!.message).toContain(`is locked by pid ${process.pid}`);
  });
});
