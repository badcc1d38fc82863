import { readFile, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { auditDir, cleanupStacks, makeStack, plantedOpenAiKey } from "../test/helpers.js";
import { auditConfigDir } from "./audit-dir.js";
import {
  createBaseline,
  DEFAULT_BASELINE_FILE,
  formatBaseline,
  readBaseline,
  writeBaseline,
} from "./baseline.js";
import { auditExitCode } from "./gate.js";

afterAll(cleanupStacks);

const twoFindings = {
  "model-mappings.yaml": (t: string) =>
    t
      .replace("    provider: openai\n    fallbacks: [llama3.1:8b]\n", "    provider: openai\n")
      .replace("num_retries: 2", "num_retries: 10"),
};

async function baselined(dir: string) {
  const path = join(dir, "baseline.json");
  await writeBaseline(path, await auditDir(dir));
  const read = await readBaseline(path, { cwd: dir });
  if (!read.ok || !read.loaded) throw new Error("baseline not read");
  return read.loaded;
}

describe("baseline", () => {
  it("keys entries by check, file and YAML path, never by line", async () => {
    const dir = await makeStack({ files: twoFindings });
    const baseline = createBaseline(await auditDir(dir));
    expect(baseline.entries.map(({ id, file, location }) => ({ id, file, location }))).toEqual([
      { id: "SY5304", file: "model-mappings.yaml", location: "exact_matches.gpt-4o-mini" },
      { id: "SY5306", file: "model-mappings.yaml", location: "routing.num_retries" },
    ]);
    expect(formatBaseline(baseline)).not.toMatch(/"(?:line|range|column)"/);
  });

  it("hides known findings, even after lines move, and reports only new ones", async () => {
    const dir = await makeStack({ files: twoFindings });
    const baseline = await baselined(dir);
    const path = join(dir, "model-mappings.yaml");
    await writeFile(path, `# a comment\n# another\n\n${await readFile(path, "utf8")}`);
    const again = await auditDir(dir, { baseline });
    expect(again.findings).toEqual([]);
    expect(again.baseline).toEqual({ file: "baseline.json", known: 2, new: 0, stale: [] });
    expect(again.overall).toBe(100);
    expect(auditExitCode(again)).toBe(0);

    const litellm = join(dir, "litellm-unified.yaml");
    await writeFile(
      join(dir, "model-mappings.yaml"),
      (await readFile(path, "utf8")).replace("timeout_seconds: 120", "timeout_seconds: 3600"),
    );
    const withNew = await auditDir(dir, { baseline });
    expect(withNew.findings.map((f) => f.id)).toEqual(["SY5303"]);
    expect(withNew.baseline).toMatchObject({ known: 2, new: 1 });
    expect(await readFile(litellm, "utf8")).toContain("AUTO-GENERATED");
  });

  it("reports entries that no longer match as stale, except for checks that did not run", async () => {
    const dir = await makeStack({ files: twoFindings });
    const baseline = await baselined(dir);
    const path = join(dir, "model-mappings.yaml");
    await writeFile(path, (await readFile(path, "utf8")).replace("num_retries: 10", "num_retries: 2"));
    const result = await auditDir(dir, { baseline });
    expect(result.baseline.stale).toMatchObject([{ id: "SY5306", location: "routing.num_retries" }]);
    expect(result.baseline.known).toBe(1);
    expect((await auditDir(dir, { baseline, quick: true })).baseline.stale).toEqual([]);
  });

  it("is found at the default path, and a bad one makes the audit fail to run (exit 3)", async () => {
    const dir = await makeStack({ files: twoFindings });
    await writeBaseline(join(dir, DEFAULT_BASELINE_FILE), await auditDir(dir));
    const result = await auditConfigDir(dir, { cwd: dir, now: new Date("2026-01-15T12:00:00Z") });
    expect(result.baseline).toMatchObject({
      file: join(".switchyard", "audit-baseline.json"),
      known: 2,
      new: 0,
    });

    await writeFile(join(dir, "broken.json"), "{ not json");
    const broken = await auditConfigDir(dir, { cwd: dir, baseline: "broken.json" });
    expect(broken.status).toBe("error");
    expect(broken.problems).toMatchObject([
      { code: "SY5004", message: expect.stringContaining("is not valid JSON") },
    ]);
    expect(auditExitCode(broken)).toBe(3);

    const missing = await auditConfigDir(dir, { cwd: dir, baseline: "nope.json" });
    expect(missing.problems).toMatchObject([
      { code: "SY5004", message: "Baseline nope.json does not exist" },
    ]);
  });

  it("never writes a secret into the baseline", async () => {
    const key = plantedOpenAiKey();
    const dir = await makeStack({
      files: { "providers.yaml": (t) => t.replace("os.environ/OPENAI_API_KEY", key) },
    });
    const { write } = await writeBaseline(join(dir, "b.json"), await auditDir(dir));
    const text = await readFile(write.path, "utf8");
    expect(text).toContain('"id": "SY5101"');
    expect(text).not.toContain(key);
  });
});
