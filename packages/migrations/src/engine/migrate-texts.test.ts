import { loadConfigText } from "@switchyard/config-schema/load";
import { syntheticLegacySet } from "@switchyard/synthetic-data";
import { describe, expect, it } from "vitest";
import { MigrationRegistry } from "../migrations/registry.js";
import { migrateConfigTexts, resolveTargetVersion } from "./migrate-texts.js";

const LEGACY_PROVIDERS = `# providers
version: "1.0"
providers:
  qwen:
    type: vllm
    url: http://127.0.0.1:8001/v1   # GPU box
    enabled: yes
    health_check_interval: "15"
    models: [qwen]
  dolphin:
    type: vllm
    url: http://127.0.0.1:8001/v1
    models:
      - dolphin
  other-port:
    type: vllm
    url: http://127.0.0.1:8002/v1
    models: [small]
  off:
    type: vllm
    url: http://127.0.0.1:8001/v1
    enabled: false
    models: [x]
  third:
    type: vllm
    url: http://127.0.0.1:8001
    enabled: true
    models: [y]
`;

function migrated(texts: Record<string, string>, to?: string): Record<string, string> {
  const result = migrateConfigTexts(texts, to === undefined ? {} : { to });
  expect(result.diagnostics).toEqual([]);
  expect(result.ok).toBe(true);
  return Object.fromEntries(result.files.map((f) => [f.fileName, f.after]));
}

describe("migrateConfigTexts", () => {
  it("applies the one-active-vLLM rule: keeps the first per host and port, disables and names the rest", () => {
    const result = migrateConfigTexts({ "providers.yaml": LEGACY_PROVIDERS });
    expect(result.ok).toBe(true);
    const warnings = result.notes.filter((n) => n.code === "SY3020");
    expect(warnings.map((w) => w.message)).toEqual([
      "Disabled vLLM provider 'dolphin': only one active vLLM provider per 127.0.0.1:8001 from schema 2.0.0 on; 'qwen' (listed first) stays active",
      "Disabled vLLM provider 'third': only one active vLLM provider per 127.0.0.1:8001 from schema 2.0.0 on; 'qwen' (listed first) stays active",
    ]);
    expect(warnings[0]).toMatchObject({
      severity: "warning",
      file: "providers.yaml",
      path: ["providers", "dolphin"],
    });
    expect(warnings[0]!.range?.start.line).toBe(10);
    const after = result.files[0]!.after;
    const loaded = loadConfigText("providers", after, "providers.yaml");
    expect(loaded.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
    const providers = loaded.value!.providers;
    expect(
      Object.fromEntries(Object.entries(providers).map(([id, p]) => [id, p.status ?? "active"])),
    ).toEqual({
      qwen: "active",
      dolphin: "disabled",
      "other-port": "active",
      off: "disabled",
      third: "disabled",
    });
    expect(after).toContain(
      "    base_url: http://127.0.0.1:8001/v1   # GPU box\n    status: active\n    models: [{name: qwen}]",
    );
    expect(result.removed).toEqual([
      { file: "providers.yaml", path: ["providers", "qwen", "health_check_interval"], value: 15 },
    ]);
  });

  it("is idempotent: a migrated set is current and unchanged", () => {
    const once = migrated(syntheticLegacySet(50));
    const again = migrateConfigTexts(once);
    expect(again.status).toBe("current");
    expect(again.files.every((f) => !f.changed && f.after === f.before)).toBe(true);
  });

  it("gives the same bytes stepwise (one run per version) as in one run", () => {
    const legacy = syntheticLegacySet(30);
    const direct = migrated(legacy);
    let set = legacy;
    for (const version of ["1.1.0", "1.2.0", "2.0.0"]) set = migrated(set, version);
    expect(set).toEqual(direct);
  });

  it("gives the same bytes when a migrated set is taken down to 1.0.0 and up again", () => {
    const current = migrated(syntheticLegacySet(30));
    const down = migrated(current, "1.0.0");
    expect(down["providers.yaml"]).toContain('version: "1.0"');
    expect(migrated(down)).toEqual(current);
    const middle = migrated(current, "1.2");
    expect(migrated(middle)).toEqual(current);
  });

  it("warns once that a downgrade through 2.0.0 cannot undo everything", () => {
    const current = migrated(syntheticLegacySet(10));
    const result = migrateConfigTexts(current, { to: "1.2.0" });
    expect(result.notes.filter((n) => n.code === "SY3022")).toHaveLength(1);
  });

  it("refuses a set with a file newer than this Switchyard, touching nothing", () => {
    const set = { ...syntheticLegacySet(5), "ports.yaml": 'schema_version: "2.1.0"\nservices: {}\n' };
    const result = migrateConfigTexts(set);
    expect(result).toMatchObject({ ok: false, status: "refused", files: [] });
    expect(result.diagnostics).toEqual([
      expect.objectContaining({
        code: "SY3001",
        file: "ports.yaml",
        message:
          "ports.yaml is written for schema 2.1.0, newer than this Switchyard knows (2.0.0); nothing was changed",
        range: expect.objectContaining({ start: expect.objectContaining({ line: 1 }) }),
      }),
    ]);
  });

  it("reports unreadable and unknown version markers", () => {
    expect(
      migrateConfigTexts({ "ports.yaml": "schema_version: 2.0\nservices: {}\n" }).diagnostics[0],
    ).toMatchObject({ code: "SY3003" });
    expect(
      migrateConfigTexts({ "ports.yaml": 'schema_version: "1.5.0"\nservices: {}\n' }).diagnostics[0],
    ).toMatchObject({ code: "SY3002" });
  });

  it("passes parse errors through as config-schema diagnostics", () => {
    const result = migrateConfigTexts({ "ports.yaml": "services:\n  a: 1\n  a: 2\n" });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "SY1002", file: "ports.yaml" });
  });

  it("refuses an alias bomb before expanding it, and migrates ordinary aliases", () => {
    const bomb = ['version: "1.0"', "a: &a [x, x, x, x, x, x, x, x, x]"];
    for (let i = 1; i < 8; i++)
      bomb.push(
        `l${i}: &l${i} [${Array(9)
          .fill(i === 1 ? "*a" : `*l${i - 1}`)
          .join(", ")}]`,
      );
    const result = migrateConfigTexts({ "feature-flags.yaml": `${bomb.join("\n")}\nflags: {}\n` });
    expect(result.ok).toBe(false);
    expect(result.diagnostics[0]).toMatchObject({ code: "SY1004" });

    const aliased = "flags:\n  a: &on\n    enabled: yes\n  b: *on\n";
    const migrated = migrateConfigTexts({ "feature-flags.yaml": aliased });
    expect(migrated.files[0]?.after).toBe(
      'schema_version: "2.0.0"\nflags:\n  a: &on\n    enabled: true\n  b: *on\n',
    );
  });

  it("fails naming the step when a file is invalid at a step's target version", () => {
    const result = migrateConfigTexts({
      "providers.yaml": "providers:\n  a:\n    type: olama\n    url: http://x:1\n    models: [m]\n",
    });
    expect(result).toMatchObject({
      ok: false,
      status: "failed",
      failedStep: { fileName: "providers.yaml", from: "1.0.0", to: "1.1.0" },
    });
    expect(result.diagnostics[0]).toMatchObject({ code: "SY3006", path: ["providers", "a", "type"] });
    expect(result.diagnostics[0]!.message).toMatch(
      /^After step 1\.0\.0 → 1\.1\.0, providers\.yaml is not valid: providers\.a\.type: /,
    );
    expect(result.diagnostics[0]!.range?.start.line).toBe(3);
  });

  it("stops everything when a step fails midway (failure injection)", () => {
    const result = migrateConfigTexts(syntheticLegacySet(5), {
      afterStep: (event) => {
        if (event.fileName === "model-mappings.yaml" && event.to === "1.2.0") throw new Error("injected");
      },
    });
    expect(result).toMatchObject({
      ok: false,
      files: [],
      failedStep: { fileName: "model-mappings.yaml", from: "1.1.0", to: "1.2.0" },
    });
    expect(result.diagnostics[0]!.message).toBe(
      "Step 1.1.0 → 1.2.0 failed for model-mappings.yaml: injected",
    );
  });

  it("reports a construct a step cannot edit in place (SY3007)", () => {
    const result = migrateConfigTexts({
      "providers.yaml":
        "providers:\n  a:\n    type: ollama\n    url: http://x:1\n    base_url: http://y:2\n    models: [m]\n",
    });
    // 1.x rejects base_url first, at 1.0.0 → 1.1.0.
    expect(result.diagnostics[0]).toMatchObject({ code: "SY3006" });
    const both = migrateConfigTexts(
      {
        "providers.yaml":
          'schema_version: "1.2.0"\nproviders:\n  a:\n    type: ollama\n    url: http://x:1\n    models: [&m m]\n',
      },
      {},
    );
    expect(both.diagnostics[0]).toMatchObject({ code: "SY3007" });
    expect(both.diagnostics[0]!.message).toMatch(
      /^Step 1\.2\.0 → 2\.0\.0 failed for providers\.yaml: .*anchor/,
    );
  });

  it("migrates files of one set from different versions, each along its own path", () => {
    const current = migrated(syntheticLegacySet(10));
    const mixed = { ...current, "ports.yaml": syntheticLegacySet(10)["ports.yaml"]! };
    const result = migrateConfigTexts(mixed);
    expect(result.from).toBe("mixed");
    expect(result.files.map((f) => [f.fileName, f.changed, f.versions.length])).toEqual([
      ["providers.yaml", false, 1],
      ["model-mappings.yaml", false, 1],
      ["ports.yaml", true, 4],
      ["feature-flags.yaml", false, 1],
    ]);
    expect(result.files[2]!.after).toBe(current["ports.yaml"]);
  });

  it("keeps a byte-order mark and CRLF line endings", () => {
    const text = '\uFEFFversion: "1.0"\r\nflags:\r\n  a:\r\n    enabled: yes\r\n    rollout: "10%"\r\n';
    const result = migrateConfigTexts({ "feature-flags.yaml": text });
    expect(result.files[0]!.after).toBe(
      '\uFEFFschema_version: "2.0.0"\r\nflags:\r\n  a:\r\n    enabled: true\r\n    rollout_percentage: 10\r\n',
    );
  });

  it("ignores the generated LiteLLM file and unknown names, and fails on an empty set", () => {
    const result = migrateConfigTexts({ "litellm-unified.yaml": "model_list: []\n", "notes.yaml": "a: 1\n" });
    expect(result.diagnostics[0]).toMatchObject({ code: "SY3010" });
  });

  it("can use another registry, and names the gap it lacks", () => {
    const registry = new MigrationRegistry([
      { from: "1.0.0", to: "1.1.0", description: "first", up: () => undefined },
      { from: "1.2.0", to: "2.0.0", description: "last", up: () => undefined },
    ]);
    const result = migrateConfigTexts(syntheticLegacySet(3), { registry });
    expect(result.diagnostics[0]).toMatchObject({ code: "SY3004", file: "providers.yaml" });
    expect(result.diagnostics[0]!.message).toBe(
      "No migration path from 1.0.0 to 2.0.0: nothing migrates 1.1.0 → 1.2.0",
    );
  });
});

describe("resolveTargetVersion", () => {
  it("accepts current, latest, full and short versions and refuses the rest", () => {
    expect(resolveTargetVersion(undefined)).toEqual({ ok: true, version: "2.0.0" });
    expect(resolveTargetVersion("latest")).toEqual({ ok: true, version: "2.0.0" });
    expect(resolveTargetVersion("1.2")).toEqual({ ok: true, version: "1.2.0" });
    expect(resolveTargetVersion("v1.1.0")).toEqual({ ok: true, version: "1.1.0" });
    const newer = resolveTargetVersion("3.0.0");
    expect(!newer.ok && newer.diagnostic.message).toBe(
      "Unknown target schema version '3.0.0': this Switchyard knows versions up to 2.0.0",
    );
    expect(resolveTargetVersion("1.5.0").ok).toBe(false);
  });
});
