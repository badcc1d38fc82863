import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { hasErrors } from "@switchyard/config-schema/diagnostics";
import { loadConfigSet, loadConfigText } from "@switchyard/config-schema/load";
import { syntheticConfigTexts } from "@switchyard/synthetic-data";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineRule } from "./rule.js";
import { rules } from "./rules/index.js";
import { base, check, configSet, lines, relatedLines, yaml } from "./test-support.js";
import { validateConfigSet } from "./validate.js";

let root: string;

beforeAll(async () => {
  root = await tempDir("switchyard-consistency-");
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

/** Write a config directory and load it as the CLI does, with paths shown relative to `root`. */
async function loadDir(name: string, files: Record<string, string>) {
  const dir = join(root, name);
  await rm(dir, { recursive: true, force: true });
  const { mkdir } = await import("node:fs/promises");
  await mkdir(dir, { recursive: true });
  for (const [file, text] of Object.entries(files)) await writeFile(join(dir, file), text);
  return loadConfigSet(dir, { cwd: root });
}

const baseFiles = {
  "providers.yaml": base.providers,
  "model-mappings.yaml": base["model-mappings"],
  "ports.yaml": base.ports,
};

describe("done-when cases", () => {
  it("a provider typo in model-mappings.yaml is an error at file:line:col with did-you-mean", async () => {
    const set = await loadDir("typo", {
      ...baseFiles,
      "model-mappings.yaml": base["model-mappings"].replace(
        "provider: ollama\n    model: llama3.1:8b",
        "provider: olama\n    model: llama3.1:8b",
      ),
    });
    const report = validateConfigSet(set);
    expect(hasErrors(report.diagnostics)).toBe(true);
    expect(lines(report)).toEqual([
      // The set has no feature-flags.yaml: one info line says which checks that skipped.
      "typo/feature-flags.yaml:0:0 info SY2090 feature-flags.yaml is absent (optional): skipped 2 checks that read it (SY2070, SY2071)",
      "typo/model-mappings.yaml:4:15 error SY2001 Exact match 'local-chat' names provider 'olama', which providers.yaml does not define — did you mean 'ollama'?",
    ]);
    expect(report.diagnostics.find((d) => d.code === "SY2001")?.suggestion).toBe("ollama");
  });

  it("a two-model fallback loop lists both models and both lines", async () => {
    const set = await loadDir("loop", {
      ...baseFiles,
      "model-mappings.yaml": base["model-mappings"].replace(
        "  gpt-4o:\n    provider: openai\n",
        "  gpt-4o:\n    provider: openai\n    fallbacks: [local-chat]\n",
      ),
    });
    const report = validateConfigSet(set);
    expect(lines(report)).toEqual([
      "loop/feature-flags.yaml:0:0 info SY2090 feature-flags.yaml is absent (optional): skipped 2 checks that read it (SY2070, SY2071)",
      "loop/model-mappings.yaml:6:17 error SY2012 Fallback cycle: local-chat → gpt-4o → local-chat",
    ]);
    expect(relatedLines(report, "SY2012")).toEqual([
      "loop/model-mappings.yaml:9:17 'gpt-4o' falls back to 'local-chat' here",
    ]);
  });
});

describe("inline suppressions", () => {
  const typo = (comment: string, above = false) => {
    const line = "    provider: opnai";
    const text = above ? `    ${comment}\n${line}` : `${line}  ${comment}`;
    return { ...base, "model-mappings": base["model-mappings"].replace("    provider: openai", text) };
  };

  it("hides a finding on the same line and records it", () => {
    const report = check(typo("# switchyard-ignore SY2001: the provider is added by the deploy overlay"));
    expect(report.diagnostics).toEqual([]);
    expect(report.suppressed.map((s) => [s.diagnostic.code, s.suppression.reason])).toEqual([
      ["SY2001", "the provider is added by the deploy overlay"],
    ]);
  });

  it("hides a finding on the line below an own-line comment", () => {
    expect(check(typo("# switchyard-ignore SY2001: overlay", true)).diagnostics).toEqual([]);
  });

  it("requires a reason: without one the finding stays and SY1091 is reported", () => {
    expect(lines(check(typo("# switchyard-ignore SY2001")))).toEqual(
      [
        "config/model-mappings.yaml:8:22 error SY1091 Suppression of SY2001 gives no reason, so it is not applied",
        "config/model-mappings.yaml:8:15 error SY2001 Exact match 'gpt-4o' names provider 'opnai', which providers.yaml does not define — did you mean 'openai'?",
      ].sort((a, b) => a.localeCompare(b, "en", { numeric: true })),
    );
  });

  it("reports an unused suppression (SY1090), and one naming an unknown code (SY1093)", () => {
    const mappings = base["model-mappings"]
      .replace("    model: qwen-coder", "    model: qwen-coder  # switchyard-ignore SY2003: pinned tag")
      .replace("    provider: vllm", "    provider: vllm  # switchyard-ignore SY2300: typo in the code");
    expect(lines(check({ ...base, "model-mappings": mappings }))).toEqual([
      "config/model-mappings.yaml:10:21 warning SY1093 Suppression names SY2300, which is not a Switchyard code — did you mean 'SY2030'?",
      "config/model-mappings.yaml:11:24 warning SY1090 Suppression of SY2003 is unused: no such finding on line 11",
    ]);
  });

  it("leaves suppressions of other commands' codes alone", () => {
    const mappings = base["model-mappings"].replace(
      "    model: qwen-coder",
      "    model: qwen-coder  # switchyard-ignore SY5001: audit accepts this",
    );
    expect(check({ ...base, "model-mappings": mappings }).diagnostics).toEqual([]);
  });
});

describe("settings (.switchyard.yaml)", () => {
  const disabled = {
    ...base,
    providers: base.providers.replace("type: vllm\n", "type: vllm\n    status: disabled\n"),
  };

  it("changes a rule's severity", () => {
    const report = check(disabled, { settingsText: "rules:\n  SY2002: error\n" });
    expect(report.diagnostics.map((d) => [d.code, d.severity])).toEqual([["SY2002", "error"]]);
  });

  it("turns a rule off without reporting its inline suppressions as unused", () => {
    const mappings = base["model-mappings"].replace(
      "    provider: vllm",
      "    provider: vllm  # switchyard-ignore SY2002: being migrated",
    );
    const report = check(
      { ...disabled, "model-mappings": mappings },
      { settingsText: "rules:\n  SY2002: off\n" },
    );
    expect(report.diagnostics).toEqual([]);
    expect(report.suppressed).toEqual([]);
  });

  it("suppresses by file and path with a reason, and reports expired and unused entries in the settings file", () => {
    const settingsText = yaml`
      suppressions:
        - code: SY2002
          file: model-mappings.yaml
          path: exact_matches.coder
          reason: vllm is being migrated
        - code: SY2002
          file: model-mappings.yaml
          path: exact_matches.gpt-4o
          reason: stale
        - code: SY2002
          file: model-mappings.yaml
          reason: old
          expires: 2020-01-01
    `;
    const report = check(disabled, { settingsText, now: new Date("2026-01-01T00:00:00Z") });
    expect(lines(report)).toEqual([
      "config/.switchyard.yaml:6:5 warning SY1090 Suppression of SY2002 is unused: no such finding in config/model-mappings.yaml at exact_matches.gpt-4o",
      "config/.switchyard.yaml:10:5 warning SY1092 Suppression of SY2002 expired on 2020-01-01, so it no longer applies",
    ]);
    expect(report.suppressed.map((s) => s.suppression.reason)).toEqual(["vllm is being migrated"]);
  });

  it("reports problems of the settings file itself, located in it", () => {
    const report = check(base, {
      settingsText: "rules:\n  SY2002: warn\n  SY1001: off\n  SY2999: info\noption: {}\n",
    });
    expect(lines(report)).toEqual([
      'config/.switchyard.yaml:2:11 error SY1033 Invalid value "warn" at rules.SY2002',
      "config/.switchyard.yaml:3:3 warning SY1095 Severity override names SY1001, which cannot be changed",
      "config/.switchyard.yaml:4:3 warning SY1093 Severity override names SY2999, which is not a Switchyard code — did you mean 'SY2099'?",
      "config/.switchyard.yaml:5:1 error SY1030 Unknown key 'option' in (top level) — did you mean 'options'?",
    ]);
  });

  it("reads .switchyard.yaml from the config directory", async () => {
    const set = await loadDir("settings", {
      "providers.yaml": disabled.providers,
      "model-mappings.yaml": base["model-mappings"],
      "ports.yaml": base.ports,
      ".switchyard.yaml": "rules:\n  SY2002: info\n",
    });
    expect(validateConfigSet(set).diagnostics.map((d) => [d.file, d.code, d.severity])).toEqual([
      ["settings/feature-flags.yaml", "SY2090", "info"],
      ["settings/model-mappings.yaml", "SY2002", "info"],
    ]);
    expect(validateConfigSet(set, { settings: false }).diagnostics.map((d) => d.severity)).toEqual([
      "info",
      "warning",
    ]);
  });
});

describe("schema-broken files", () => {
  it("still get the rules that can run on what parsed", () => {
    const mappings = base["model-mappings"].replace(
      "    provider: openai",
      "    provider: opnai\n    fallback: [x]",
    );
    const report = check({ ...base, "model-mappings": mappings });
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY2001", "SY1030"]);
  });

  it("skip files written for another schema version (their shape is not this version's)", () => {
    const mappings = base["model-mappings"]
      .replace('"2.0.0"', '"1.0.0"')
      .replace("provider: openai", "provider: opnai");
    expect(check({ ...base, "model-mappings": mappings }).diagnostics.map((d) => d.code)).toEqual(["SY1022"]);
  });

  it("never crash on hostile shapes", () => {
    const shapes = [
      "exact_matches: [1, 2]\npatterns: {a: 1}\nload_balancing: [x]\nfallback_chains: 3\n",
      "exact_matches:\n  a: null\n  b: [1]\n  c: {provider: [x], model: {}, fallbacks: {x: 1}}\n",
      "load_balancing:\n  g: {deployments: [null, 1, {provider: 1, weight: {}}]}\npatterns: [null, {pattern: 1}]\n",
    ];
    for (const shape of shapes) {
      const report = check({ ...base, "model-mappings": `schema_version: "2.0.0"\n${shape}` });
      expect(report.diagnostics.some((d) => d.code === "SY2099")).toBe(false);
    }
    const ports =
      'schema_version: "2.0.0"\nservices:\n  a: {port: "x", depends_on: 5, providers: {a: 1}}\n  b: 7\n';
    const flags =
      'schema_version: "2.0.0"\nflags:\n  f: {whitelist: 1, blacklist: [null], start_date: 5}\n  g: []\n';
    const providers = 'schema_version: "2.0.0"\nproviders:\n  p: {base_url: 5, models: {}}\n  q: null\n';
    const report = check({
      providers,
      ports,
      "feature-flags": flags,
      "model-mappings": base["model-mappings"],
    });
    expect(report.diagnostics.some((d) => d.code === "SY2099")).toBe(false);
  });
});

describe("rule registry behaviour", () => {
  it("reports a schema finding and a rule's more precise one at the same place only once", () => {
    const mappings = `${base["model-mappings"]}load_balancing:\n  chat:\n    deployments:\n      - {provider: ollama, model: llama3.1:8b, weight: 0}\n`;
    expect(check({ ...base, "model-mappings": mappings }).diagnostics.map((d) => d.code)).toEqual(["SY2050"]);
  });

  it("turns a failing rule into SY2099 and still runs the others", () => {
    const broken = defineRule({
      id: "SY2098",
      name: "always-fails",
      title: "Fails.",
      severity: "error",
      cause: "A test.",
      fix: "None.",
      check() {
        throw new Error("boom");
      },
    });
    const typo = base["model-mappings"].replace("provider: openai", "provider: opnai");
    const report = check({ ...base, "model-mappings": typo }, { rules: [broken, ...rules] });
    expect(report.diagnostics.map((d) => [d.code, d.message.slice(0, 40)])).toEqual([
      ["SY2099", "Rule SY2098 (always-fails) failed: boom"],
      ["SY2001", "Exact match 'gpt-4o' names provider 'opn"],
    ]);
  });

  it("never mutates the set and returns the set's own diagnostics too", () => {
    const set = configSet({ ...base, providers: base.providers.replace("type: vllm", "type: vlm") });
    const before = JSON.stringify(set.diagnostics);
    const report = validateConfigSet(set, { settings: false });
    expect(JSON.stringify(set.diagnostics)).toBe(before);
    expect(report.diagnostics.map((d) => d.code)).toContain("SY1033");
  });
});

describe("scale", () => {
  it("builds a synthetic set with no findings", () => {
    const texts = syntheticConfigTexts({ providers: 20, modelsPerProvider: 3, mappings: 500 });
    const set = configSet({
      providers: texts["providers.yaml"],
      "model-mappings": texts["model-mappings.yaml"],
      ports: texts["ports.yaml"],
    });
    expect(validateConfigSet(set, { settings: false }).diagnostics).toEqual([]);
  });

  it("walks a 50,000-model fallback chain without overflowing the stack and reports it once", () => {
    const n = 50_000;
    const entries: string[] = ['schema_version: "2.0.0"', "exact_matches:"];
    for (let i = 0; i < n; i++) {
      entries.push(
        `  m${i}: {provider: openai, model: gpt-4o${i + 1 < n ? `, fallbacks: [m${i + 1}]` : ""}}`,
      );
    }
    const mappings = loadConfigText(
      "model-mappings",
      `${entries.join("\n")}\n`,
      "config/model-mappings.yaml",
    );
    const providers = loadConfigText("providers", base.providers, "config/providers.yaml");
    const set = { dir: "/nonexistent", files: { providers, "model-mappings": mappings }, diagnostics: [] };
    const report = validateConfigSet(set, { settings: false });
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY2013"]);
    expect(report.diagnostics[0]?.message).toBe(
      `Fallback chain from 'm0' can take ${n - 1} attempts, over the limit of 5: m0 → m1 → m2 → m3 → m4 → m5 → m6 → m7 → … → m49997 → m49998 → m49999 (50000 names)`,
    );
    expect(report.diagnostics[0]?.related).toHaveLength(20);
  }, 120_000);
});

describe("files written for an older schema", () => {
  const LEGACY = join(import.meta.dirname, "../../../examples/legacy-v1");

  it("examples/legacy-v1 gets one SY1022 per file pointing at `migrate --auto`, and nothing the migration removes", async () => {
    const set = await loadConfigSet(LEGACY, { cwd: LEGACY });
    // What the loader alone says: the current schema's errors (46 when this test was written).
    expect(set.diagnostics.length).toBeGreaterThan(20);
    const report = validateConfigSet(set, { cwd: LEGACY, settings: false });
    expect(report.diagnostics.map((d) => `${d.code} ${d.file}:${d.range?.start.line} ${d.message}`)).toEqual([
      "SY1022 feature-flags.yaml:10 feature-flags.yaml is schema 1.0.0; the current is 2.0.0 — run `switchyard migrate --auto`",
      "SY1022 model-mappings.yaml:16 model-mappings.yaml is schema 1.0.0; the current is 2.0.0 — run `switchyard migrate --auto`",
      // ports.yaml has no marker (1.0.0 allowed that): the set's other files tell its version; it is
      // located at its first key.
      "SY1022 ports.yaml:14 ports.yaml is schema 1.0.0; the current is 2.0.0 — run `switchyard migrate --auto`",
      "SY1022 providers.yaml:23 providers.yaml is schema 1.0.0; the current is 2.0.0 — run `switchyard migrate --auto`",
    ]);
  });

  it("a 1.1.0 file among current ones gets its SY1022, and the current files are still checked", async () => {
    const set = await loadDir("one-legacy", {
      ...baseFiles,
      "model-mappings.yaml": base["model-mappings"].replace(/schema_version: "2\.0\.0"/, 'version: "1.1"'),
    });
    const report = validateConfigSet(set, { settings: false });
    expect(report.diagnostics.map((d) => `${d.code} ${d.message}`)).toEqual([
      "SY2090 feature-flags.yaml is absent (optional): skipped 2 checks that read it (SY2070, SY2071)",
      "SY1022 model-mappings.yaml is schema 1.1.0; the current is 2.0.0 — run `switchyard migrate --auto`",
    ]);
  });

  it("a lone file without any version marker is still a current file missing its schema_version", async () => {
    const set = await loadDir("lone-unmarked", {
      ...baseFiles,
      "ports.yaml": base.ports.replace(/schema_version: "2\.0\.0"\n/, ""),
    });
    const report = validateConfigSet(set, { settings: false });
    expect(report.diagnostics.map((d) => d.code)).toEqual(["SY2090", "SY1020"]);
  });
});
