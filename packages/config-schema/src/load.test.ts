import { execFileSync } from "node:child_process";
import { mkdir, open, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { z } from "zod";
import { VALID_PROVIDERS } from "../test/valid-providers.js";
import type { Diagnostic } from "./diagnostics/diagnostic.js";
import { loadConfigFile, loadConfigSet, loadConfigText } from "./load.js";
import type { ConfigFileKind } from "./schemas/files.js";
import { ProvidersFileSchema } from "./schemas/providers.js";

/** `code line:column` of each diagnostic. */
function located(diagnostics: readonly Diagnostic[]): string[] {
  return diagnostics.map((d) => `${d.code} ${d.range?.start.line}:${d.range?.start.column}`);
}

function load<K extends ConfigFileKind = "providers">(text: string, kind: K = "providers" as K) {
  return loadConfigText(kind, text, `${kind}.yaml`);
}

/** VALID_PROVIDERS with one line (1-based) replaced; the replacement may span several lines. */
function providersWithLine(line: number, replacement: string): string {
  const lines = VALID_PROVIDERS.split("\n");
  lines[line - 1] = replacement;
  return lines.join("\n");
}

describe("loadConfigText: valid input", () => {
  it("returns the typed value and no diagnostics", () => {
    const loaded = load(VALID_PROVIDERS);
    expect(loaded.diagnostics).toEqual([]);
    expect(loaded.version).toEqual({ status: "current", version: "2.0.0" });
    expect(loaded.value?.providers.ollama?.models[0]?.context_length).toBe(8192);
  });
});

describe("loadConfigText: schema_version (SY1020–SY1023)", () => {
  it("reports a missing schema_version (SY1020) at the first key", () => {
    const loaded = load(`# providers\n${VALID_PROVIDERS.split("\n").slice(1).join("\n")}`);
    expect(located(loaded.diagnostics)).toEqual(["SY1020 2:1"]);
    expect(loaded.value).toBeUndefined();
  });

  it("reports an unquoted number (SY1021) as written, with the quoting hint", () => {
    const loaded = load(providersWithLine(1, "schema_version: 2.0"));
    expect(located(loaded.diagnostics)).toEqual(["SY1021 1:17"]);
    expect(loaded.diagnostics[0]!.message).toBe(
      "schema_version 2.0 is not a semantic version string (YAML reads it as the number 2)",
    );
    expect(loaded.diagnostics[0]!.hint).toContain('"2.0.0"');
    expect(loaded.version).toEqual({ status: "invalid" });
  });

  it("reports an invalid string (SY1021)", () => {
    const loaded = load(providersWithLine(1, 'schema_version: "two"'));
    expect(located(loaded.diagnostics)).toEqual(["SY1021 1:17"]);
  });

  it("reports an older known version (SY1022) and does not validate against the current schema", () => {
    const loaded = load(providersWithLine(4, "    type: not-a-type").replace('"2.0.0"', '"1.2.0"'));
    expect(located(loaded.diagnostics)).toEqual(["SY1022 1:17"]);
    expect(loaded.version).toEqual({ status: "outdated", version: "1.2.0" });
    expect(loaded.diagnostics[0]!.message).toBe(
      "providers.yaml is schema 1.2.0; the current is 2.0.0 — run `switchyard migrate --auto`",
    );
    expect(loaded.diagnostics[0]!.hint).toContain("`switchyard migrate --check`");
  });

  it("reports an older unknown version (SY1022) as unknown", () => {
    const loaded = load(VALID_PROVIDERS.replace('"2.0.0"', '"1.5.0"'));
    expect(located(loaded.diagnostics)).toEqual(["SY1022 1:17"]);
    expect(loaded.version).toEqual({ status: "unknown", version: "1.5.0" });
  });

  it("reports a version with numbers beyond the safe integer range (SY1021) instead of crashing", () => {
    const loaded = load(VALID_PROVIDERS.replace('"2.0.0"', '"99999999999999999999.0.0"'));
    expect(located(loaded.diagnostics)).toEqual(["SY1021 1:17"]);
    expect(loaded.diagnostics[0]!.message).toBe(
      'schema_version "99999999999999999999.0.0" has numbers too large for a version',
    );
  });

  it("reports a mapping as schema_version (SY1021)", () => {
    const loaded = load(providersWithLine(1, "schema_version: {major: 2}"));
    expect(loaded.diagnostics[0]!.message).toBe(
      "schema_version {major: 2} is not a semantic version string (YAML reads it as a mapping)",
    );
  });

  it("reports a newer version (SY1023)", () => {
    const loaded = load(VALID_PROVIDERS.replace('"2.0.0"', '"3.0.0"'));
    expect(located(loaded.diagnostics)).toEqual(["SY1023 1:17"]);
    expect(loaded.version).toEqual({ status: "newer", version: "3.0.0" });
  });
});

describe("loadConfigText: schema errors, each at its exact position", () => {
  it("reports an unknown key (SY1030) at the key with the nearest valid name", () => {
    const loaded = load(providersWithLine(5, "    base_ur: http://127.0.0.1:11434"));
    expect(located(loaded.diagnostics)).toEqual(["SY1031 3:3", "SY1030 5:5"]);
    expect(loaded.diagnostics[1]).toMatchObject({
      message: "Unknown key 'base_ur' in providers.ollama — did you mean 'base_url'?",
      suggestion: "base_url",
      path: ["providers", "ollama", "base_ur"],
    });
    expect(loaded.diagnostics[0]!.message).toBe("Missing required key 'base_url' in providers.ollama");
  });

  it("lists the allowed keys when no name is close", () => {
    const loaded = load(`${VALID_PROVIDERS}zzzzzz: 1\n`);
    expect(located(loaded.diagnostics)).toEqual(["SY1030 15:1"]);
    expect(loaded.diagnostics[0]!.hint).toBe("Allowed keys here: schema_version, providers.");
  });

  it("reports a missing key (SY1031) at the key of the entry that lacks it", () => {
    const loaded = load(providersWithLine(4, ""));
    expect(located(loaded.diagnostics)).toEqual(["SY1031 3:3"]);
    expect(loaded.diagnostics[0]!.path).toEqual(["providers", "ollama", "type"]);
    expect(loaded.diagnostics[0]!.message).toBe("Missing required key 'type' in providers.ollama");
  });

  it("reports a missing key inside a list item at the item", () => {
    const loaded = load(providersWithLine(14, "      - context_length: 1"));
    expect(located(loaded.diagnostics)).toEqual(["SY1031 14:9"]);
  });

  it("reports a missing top-level key at the start of the document", () => {
    const loaded = load('# c\nschema_version: "2.0.0"\n');
    expect(located(loaded.diagnostics)).toEqual(["SY1031 2:1"]);
    expect(loaded.diagnostics[0]!.range!.end).toEqual(loaded.diagnostics[0]!.range!.start);
  });

  it("reports a wrong type (SY1032) at the value", () => {
    const loaded = load(providersWithLine(8, '        context_length: "8192"'));
    expect(located(loaded.diagnostics)).toEqual(["SY1032 8:25"]);
    expect(loaded.diagnostics[0]!.message).toBe(
      'Expected a number at providers.ollama.models[0].context_length, got the string "8192"',
    );
    expect(loaded.diagnostics[0]!.hint).toBe("Remove the quotes so YAML reads a number.");
  });

  it("reports an empty entry (SY1032) at its key", () => {
    const loaded = load(providersWithLine(3, "  ollama:\n  other:"));
    const diagnostic = loaded.diagnostics.find((d) => d.path?.[1] === "ollama");
    expect(diagnostic && located([diagnostic])).toEqual(["SY1032 3:3"]);
    expect(diagnostic!.message).toBe("Expected a mapping at providers.ollama, got null");
  });

  it("reports a mistyped enum value (SY1033) with the suggestion", () => {
    const loaded = load(providersWithLine(4, "    type: olama"));
    expect(located(loaded.diagnostics)).toEqual(["SY1033 4:11"]);
    expect(loaded.diagnostics[0]).toMatchObject({
      message: `Invalid value "olama" at providers.ollama.type — did you mean 'ollama'?`,
      suggestion: "ollama",
    });
    expect(loaded.diagnostics[0]!.hint).toMatch(/^Allowed values: ollama, vllm, /);
  });

  it("reports an out-of-range number (SY1034)", () => {
    const loaded = load(providersWithLine(8, "        context_length: 0"));
    expect(located(loaded.diagnostics)).toEqual(["SY1034 8:25"]);
    expect(loaded.diagnostics[0]!.message).toBe(
      "providers.ollama.models[0].context_length must be greater than 0, got 0",
    );
  });

  it("reports a port out of range in ports.yaml (SY1034)", () => {
    const loaded = load('schema_version: "2.0.0"\nservices:\n  litellm:\n    port: 70000\n', "ports");
    expect(located(loaded.diagnostics)).toEqual(["SY1034 4:11"]);
    expect(loaded.diagnostics[0]!.message).toBe("services.litellm.port must be at most 65535, got 70000");
  });

  it("reports a bad URL format (SY1035)", () => {
    const loaded = load(providersWithLine(5, "    base_url: 127.0.0.1:11434"));
    expect(located(loaded.diagnostics)).toEqual(["SY1035 5:15"]);
    expect(loaded.diagnostics[0]!.message).toBe(
      'providers.ollama.base_url is not an http(s) URL: "127.0.0.1:11434"',
    );
  });

  it("reports a bad record key (SY1035) at the key", () => {
    const loaded = load(providersWithLine(3, "  -ollama:"));
    expect(located(loaded.diagnostics)).toEqual(["SY1035 3:3"]);
    expect(loaded.diagnostics[0]!.message).toBe("Key '-ollama' in providers is not a valid id");
  });

  it("reports a regex where a glob belongs (SY1035)", () => {
    const text = 'schema_version: "2.0.0"\npatterns:\n  - pattern: "^qwen.*$"\n    provider: ollama\n';
    const loaded = load(text, "model-mappings");
    expect(located(loaded.diagnostics)).toEqual(["SY1035 3:14"]);
    expect(loaded.diagnostics[0]!.hint).toMatch(/globs, not regular expressions/);
  });

  it("reports a union type error (SY1032) with both accepted types", () => {
    const loaded = load("model_list: []\nrouter_settings:\n  redis_port: true\n", "litellm");
    expect(located(loaded.diagnostics)).toEqual(["SY1032 3:15"]);
    expect(loaded.diagnostics[0]!.message).toBe(
      "Expected a number or a string at router_settings.redis_port, got boolean true",
    );
  });

  it("reports a duplicate model (SY1037) at the second entry, pointing back at the first", () => {
    const loaded = load(providersWithLine(14, "      - name: gpt-4o\n      - name: gpt-4o"));
    expect(located(loaded.diagnostics)).toEqual(["SY1037 15:15"]);
    expect(loaded.diagnostics[0]!.related?.[0]?.range?.start.line).toBe(14);
    expect(loaded.value).toBeUndefined();
  });
});

describe("loadConfigText: secrets", () => {
  const secret = "sk-proj-abcdefghijklmnopqrstuvwxyz0123456789";

  it("reports a literal secret (SY1040) at the value and never prints it whole", () => {
    const loaded = load(providersWithLine(12, `    api_key: ${secret}`));
    expect(located(loaded.diagnostics)).toEqual(["SY1040 12:14"]);
    expect(loaded.diagnostics[0]!.severity).toBe("warning");
    expect(loaded.value).toBeDefined();
    const printed = JSON.stringify(loaded.diagnostics);
    expect(printed).not.toContain(secret);
    expect(printed).not.toContain(secret.slice(0, 12));
    expect(loaded.diagnostics[0]!.hint).toContain("os.environ/OPENAI_API_KEY");
  });

  it("does not print a secret of the wrong type either", () => {
    const loaded = load("model_list: []\ngeneral_settings:\n  master_key: 123456789012345\n", "litellm");
    expect(located(loaded.diagnostics)).toEqual(["SY1032 3:15"]);
    expect(JSON.stringify(loaded.diagnostics)).not.toContain("123456789012345");
  });

  it("does not call a documented dummy key a literal secret (as the audit's SY5103 does not)", () => {
    expect(located(load(providersWithLine(12, "    api_key: EMPTY")).diagnostics)).toEqual([]);
    expect(located(load(providersWithLine(12, "    api_key: sk-no-key-required")).diagnostics)).toEqual([]);
  });

  it("reports a literal database_url (a credential field) without echoing it", () => {
    const loaded = load(
      "model_list: []\ngeneral_settings:\n  database_url: postgresql://llm:hunter2pw@db/llm\n",
      "litellm",
    );
    expect(located(loaded.diagnostics)).toEqual(["SY1040 3:17"]);
    expect(JSON.stringify(loaded.diagnostics)).not.toContain("hunter2pw");
  });

  it.each([
    // biome-ignore lint/suspicious/noTemplateCurlyInString: the shell syntax LiteLLM does not expand
    ["${OPENAI_API_KEY}", "OPENAI_API_KEY"],
    ["$OPENAI_API_KEY", "OPENAI_API_KEY"],
  ])("reports %s (SY1041) with the os.environ form", (value, name) => {
    const loaded = load(providersWithLine(12, `    api_key: "${value}"`));
    expect(located(loaded.diagnostics)).toEqual(["SY1041 12:14"]);
    expect(loaded.diagnostics[0]!.suggestion).toBe(`os.environ/${name}`);
  });

  it("reports an os.environ reference whose name no shell can export, as an error (SY1043)", () => {
    const loaded = load(providersWithLine(12, "    api_key: os.environ/1-BAD"));
    expect(located(loaded.diagnostics)).toEqual(["SY1043 12:14"]);
    expect(loaded.diagnostics[0]!.severity).toBe("error");
    // The name is shown as written (a name is no secret) ...
    expect(loaded.diagnostics[0]!.message).toBe(
      "Environment reference to '1-BAD', a name no shell can export",
    );
    // ... but a key pasted where the name goes is redacted.
    const pasted = `sk-proj-${"Ab1Cd2Ef3Gh4".repeat(4)}`;
    const leaked = load(providersWithLine(12, `    api_key: os.environ/${pasted}`));
    expect(leaked.diagnostics.map((d) => d.code)).toContain("SY1043");
    for (const d of leaked.diagnostics) expect(d.message).not.toContain(pasted.slice(8, 20));
  });
});

describe("loadConfigText: prototype safety", () => {
  it("refuses __proto__ (SY1007), leaves Object.prototype alone and still validates the rest", () => {
    const loaded = load(`${VALID_PROVIDERS}__proto__: {polluted: true}\n`);
    expect(located(loaded.diagnostics)).toEqual(["SY1007 15:1"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(loaded.value).toBeUndefined();
  });

  it("drops a provider keyed __proto__ or constructor before zod sees it", () => {
    const text = providersWithLine(
      3,
      "  constructor:\n    polluted: true\n  __proto__:\n    polluted: true\n  ollama:",
    );
    const loaded = load(text);
    expect(located(loaded.diagnostics)).toEqual(["SY1007 3:3", "SY1007 5:3"]);
    expect(Object.keys((loaded.data as { providers: object }).providers)).toEqual(["ollama", "openai"]);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it("zod itself never pollutes when parsing a record keyed __proto__", () => {
    const hostile = JSON.parse(
      '{"schema_version":"2.0.0","providers":{"__proto__":{"polluted":true,"type":"ollama","base_url":"http://x","models":[]}}}',
    ) as unknown;
    const parsed = ProvidersFileSchema.safeParse(hostile);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    if (parsed.success) {
      expect(Object.getPrototypeOf(parsed.data.providers)).toBe(Object.prototype);
      expect(Object.hasOwn(parsed.data.providers, "__proto__")).toBe(false);
    }
    const record = z
      .record(z.string(), z.object({ polluted: z.boolean() }))
      .parse(JSON.parse('{"__proto__":{"polluted":true}}'));
    expect(Object.getPrototypeOf(record)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});

describe("loadConfigFile and loadConfigSet on real files", () => {
  let root: string;
  beforeAll(async () => {
    root = await tempDir("switchyard-load-");
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  async function dirWith(name: string, files: Record<string, string | Uint8Array>): Promise<string> {
    const dir = join(root, name);
    await mkdir(dir, { recursive: true });
    for (const [file, content] of Object.entries(files)) await writeFile(join(dir, file), content);
    return dir;
  }

  const VALID_MAPPINGS =
    'schema_version: "2.0.0"\nexact_matches:\n  llama:\n    provider: ollama\n    model: llama3.1:8b\n';

  it("loads a valid set and shows paths relative to cwd", async () => {
    const dir = await dirWith("valid", {
      "providers.yaml": VALID_PROVIDERS,
      "model-mappings.yaml": VALID_MAPPINGS,
    });
    const set = await loadConfigSet(dir, { cwd: root });
    expect(set.diagnostics).toEqual([]);
    expect(set.files.providers?.file).toBe(join("valid", "providers.yaml"));
    expect(set.files.providers?.path).toBe(join(dir, "providers.yaml"));
    expect(set.files["model-mappings"]?.value?.exact_matches?.llama?.provider).toBe("ollama");
  });

  it("with kinds, reads only those files: an unreadable generated file is not even parsed", async () => {
    const dir = await dirWith("kinds", {
      "providers.yaml": VALID_PROVIDERS,
      "model-mappings.yaml": VALID_MAPPINGS,
      "litellm-unified.yaml": "model_list: [unclosed\n",
    });
    const all = await loadConfigSet(dir, { cwd: root });
    expect(all.files.litellm).toBeDefined();
    expect(all.diagnostics.some((d) => d.file === join("kinds", "litellm-unified.yaml"))).toBe(true);
    const sources = await loadConfigSet(dir, { cwd: root, kinds: ["providers", "model-mappings"] });
    expect(Object.keys(sources.files).sort()).toEqual(["model-mappings", "providers"]);
    expect(sources.diagnostics).toEqual([]);
    // A required kind left out is not reported missing.
    const mappingsOnly = await loadConfigSet(dir, { cwd: root, kinds: ["model-mappings"] });
    expect(mappingsOnly.diagnostics).toEqual([]);
  });

  it("reports a missing directory (SY1010)", async () => {
    const set = await loadConfigSet(join(root, "does-not-exist"), { cwd: root });
    expect(set.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["SY1010", "Cannot read directory does-not-exist: no such file or directory"],
    ]);
    expect(set.files).toEqual({});
  });

  it("reports a missing required file (SY1011) and a misnamed one (SY1012) with the right name", async () => {
    const dir = await dirWith("misnamed", {
      "providers.yml": VALID_PROVIDERS,
      "model-mapping.yaml": VALID_MAPPINGS,
      "notes.yaml": "a: 1\n",
    });
    const set = await loadConfigSet(dir, { cwd: root });
    expect(set.diagnostics.map((d) => [d.code, d.file, d.suggestion])).toEqual([
      ["SY1012", join("misnamed", "model-mapping.yaml"), "model-mappings.yaml"],
      ["SY1011", join("misnamed", "model-mappings.yaml"), undefined],
      ["SY1011", join("misnamed", "providers.yaml"), undefined],
      ["SY1012", join("misnamed", "providers.yml"), "providers.yaml"],
    ]);
  });

  it("reports a config file that is a directory (SY1010)", async () => {
    const dir = await dirWith("dir-as-file", { "model-mappings.yaml": VALID_MAPPINGS });
    await mkdir(join(dir, "providers.yaml"));
    const set = await loadConfigSet(dir, { cwd: root });
    expect(set.diagnostics.map((d) => [d.code, d.message])).toEqual([
      ["SY1010", `Cannot read ${join("dir-as-file", "providers.yaml")}: it is a directory`],
    ]);
  });

  it("reads bytes, so encoding errors carry positions", async () => {
    const dir = await dirWith("latin1", {
      "providers.yaml": Buffer.concat([
        Buffer.from('schema_version: "2.0.0"\n# caf'),
        Buffer.from([0xe9]),
        Buffer.from("\n"),
      ]),
    });
    const loaded = await loadConfigFile("providers", join(dir, "providers.yaml"), { cwd: root });
    expect(located(loaded.diagnostics)).toEqual(["SY1005 2:6"]);
  });

  it("refuses a file over the cap (SY1006) by its size, without reading it", async () => {
    const path = join(root, "huge.yaml");
    const handle = await open(path, "w");
    await handle.truncate(64 * 1024 * 1024 * 1024); // a sparse 64 GiB file: reading it would never finish
    await handle.close();
    const started = performance.now();
    const loaded = await loadConfigFile("providers", path, { cwd: root });
    expect(performance.now() - started).toBeLessThan(2000);
    expect(located(loaded.diagnostics)).toEqual(["SY1006 1:1"]);
    expect(loaded.diagnostics[0]!.message).toBe(
      `File is ${64 * 1024 ** 3} bytes, over the ${16 * 1024 * 1024}-byte limit`,
    );
    expect(loaded.source.diagnostics).toEqual(loaded.diagnostics);
  });

  it.skipIf(process.platform === "win32")(
    "refuses an endless device without reading it (SY1010)",
    async () => {
      const loaded = await loadConfigFile("providers", "/dev/zero", { maxBytes: 4096 });
      expect(loaded.diagnostics.map((d) => [d.code, d.message])).toEqual([
        ["SY1010", "Cannot read /dev/zero: it is a character device, not a regular file"],
      ]);
    },
  );

  it.skipIf(process.platform === "win32")(
    "refuses a FIFO named providers.yaml at once (#10 item 2)",
    async () => {
      const dir = await dirWith("fifo", {});
      execFileSync("mkfifo", [join(dir, "providers.yaml")]);
      const set = await loadConfigSet(dir, { cwd: dir });
      expect(set.diagnostics.filter((d) => d.code === "SY1010").map((d) => d.message)).toEqual([
        "Cannot read providers.yaml: it is a FIFO (named pipe), not a regular file",
      ]);
    },
  );

  it("accepts a file of exactly the cap", async () => {
    const dir = await dirWith("exact", { "providers.yaml": VALID_PROVIDERS });
    const size = Buffer.byteLength(VALID_PROVIDERS);
    const loaded = await loadConfigFile("providers", join(dir, "providers.yaml"), { maxBytes: size });
    expect(loaded.diagnostics).toEqual([]);
    const over = await loadConfigFile("providers", join(dir, "providers.yaml"), { maxBytes: size - 1 });
    expect(over.diagnostics.map((d) => d.code)).toEqual(["SY1006"]);
  });

  it("reports a missing file (SY1010) without a stale parse diagnostic", async () => {
    const loaded = await loadConfigFile("ports", join(root, "nope", "ports.yaml"), { cwd: root });
    expect(loaded.diagnostics.map((d) => d.code)).toEqual(["SY1010"]);
    expect(loaded.source.diagnostics.map((d) => d.code)).toEqual(["SY1010"]);
  });
});
