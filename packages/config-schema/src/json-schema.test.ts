/**
 * The committed JSON Schemas (schemas/*.schema.json) are generated from the zod schemas.
 *
 * They are goldens (test-utils' `expectGolden`): a normal run fails when one is stale or missing;
 * `pnpm run generate:schemas` (UPDATE_GOLDENS=1) rewrites those that differ, prints each diff and
 * fails, so a changed schema is reviewed before it is committed. The tests also prove the output is valid draft 2020-12, documents every property, and
 * that ajv and zod reach the same verdict on every example and on many broken documents.
 */
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { expectGolden } from "@switchyard/test-utils";
import { Ajv2020, type AnySchemaObject, type ValidateFunction } from "ajv/dist/2020.js";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import {
  generateJsonSchema,
  generateJsonSchemas,
  SCHEMA_PACKAGE_VERSION,
  schemaFileName,
  schemaUrl,
  yamlLanguageServerComment,
} from "./json-schema.js";
import { loadConfigText } from "./load.js";
import { CONFIG_FILE_KINDS, CONFIG_FILES, type ConfigFileKind, kindOfFileName } from "./schemas/files.js";
import { parseYaml } from "./yaml/parse.js";

const SCHEMAS_DIR = fileURLToPath(new URL("../schemas/", import.meta.url));
const EXAMPLES_DIR = fileURLToPath(new URL("../../../examples/", import.meta.url));

function compile(kind: ConfigFileKind): ValidateFunction {
  const ajv = new Ajv2020({ strict: true, allowUnionTypes: true, allErrors: true });
  return ajv.compile(generateJsonSchema(kind) as AnySchemaObject);
}
const validators = new Map(CONFIG_FILE_KINDS.map((kind) => [kind, compile(kind)]));

/** Both verdicts on one value. */
function verdicts(kind: ConfigFileKind, data: unknown): { zod: boolean; ajv: boolean } {
  return { zod: CONFIG_FILES[kind].schema.safeParse(data).success, ajv: validators.get(kind)!(data) };
}

type Json = Record<string, unknown>;

/** Every place in a JSON Schema, with its JSON-pointer-like path. */
function* walk(node: unknown, path = "#"): Generator<{ node: Json; path: string }> {
  if (Array.isArray(node)) {
    for (const [i, item] of node.entries()) yield* walk(item, `${path}/${i}`);
    return;
  }
  if (node === null || typeof node !== "object") return;
  yield { node: node as Json, path };
  for (const [key, value] of Object.entries(node)) yield* walk(value, `${path}/${key}`);
}

describe("committed JSON Schema files", () => {
  const generated = generateJsonSchemas();

  it("are the goldens of generateJsonSchemas() (`pnpm run generate:schemas` rewrites them and shows the diff)", () => {
    // Every file is compared (and, under UPDATE_GOLDENS=1, rewritten) before the first failure is
    // thrown, so one update run rewrites every stale schema and shows every diff.
    const failures: string[] = [];
    for (const [name, text] of Object.entries(generated)) {
      try {
        expectGolden(text, join(SCHEMAS_DIR, name), `packages/config-schema/schemas/${name}`);
      } catch (error) {
        failures.push((error as Error).message);
      }
    }
    expect(failures, failures.join("\n\n")).toEqual([]);
    const committed = readdirSync(SCHEMAS_DIR)
      .filter((name) => name.endsWith(".json"))
      .sort();
    expect(committed, "schemas/ holds exactly one file per config kind (delete a stale one)").toEqual(
      Object.keys(generated).sort(),
    );
  });

  it("name one file per kind after the kind, with the URL as $id", () => {
    for (const kind of CONFIG_FILE_KINDS) {
      const schema = JSON.parse(generated[`${kind}.schema.json`]!) as Json;
      expect(schema.$id).toBe(schemaUrl(kind));
      expect(schema.$schema).toBe("https://json-schema.org/draft/2020-12/schema");
      expect(schema.title).toBe(CONFIG_FILES[kind].fileName);
    }
  });
});

describe("schema URLs", () => {
  const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as {
    version: string;
    files: string[];
  };
  const yamlUnder = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) return yamlUnder(path);
      return /\.ya?ml$/.test(entry.name) ? [path] : [];
    });

  it("are pinned to this package's version, so each names a release that serves it", () => {
    expect(SCHEMA_PACKAGE_VERSION).toBe(pkg.version);
    for (const kind of CONFIG_FILE_KINDS) {
      expect(schemaUrl(kind)).toBe(
        `https://unpkg.com/@switchyard/config-schema@${pkg.version}/schemas/${kind}.schema.json`,
      );
    }
  });

  it("name a file the published package contains (unpkg maps the path after the version to it)", () => {
    expect(pkg.files).toContain("schemas");
    for (const kind of CONFIG_FILE_KINDS) {
      const path = new URL(schemaUrl(kind)).pathname.replace(/^\/@switchyard\/config-schema@[^/]+\//, "");
      expect(path).toBe(`schemas/${schemaFileName(kind)}`);
      expect(existsSync(join(SCHEMAS_DIR, schemaFileName(kind))), path).toBe(true);
    }
  });

  it("in every shipped example's modeline are the pinned ones (scripts/pin-schema-urls.mjs rewrites them)", () => {
    const stale: string[] = [];
    for (const path of yamlUnder(EXAMPLES_DIR)) {
      for (const line of readFileSync(path, "latin1").split("\n")) {
        if (!line.includes("yaml-language-server:")) continue;
        const kind = CONFIG_FILE_KINDS.find((k) => line.includes(`/${schemaFileName(k)}`));
        if (kind === undefined || line.replace(/\r$/, "") !== yamlLanguageServerComment(kind))
          stale.push(path);
      }
    }
    expect(stale).toEqual([]);
  });
});

describe("generated JSON Schema", () => {
  it.each(CONFIG_FILE_KINDS)("%s compiles as draft 2020-12 under ajv's strict mode", (kind) => {
    expect(() => compile(kind)).not.toThrow();
  });

  it.each(CONFIG_FILE_KINDS)("%s describes every property and the root", (kind) => {
    const schema = generateJsonSchema(kind);
    const missing: string[] = [];
    if (typeof schema.description !== "string") missing.push("#");
    for (const { node, path } of walk(schema)) {
      const properties = node.properties;
      if (properties === null || typeof properties !== "object" || Array.isArray(properties)) continue;
      for (const [name, property] of Object.entries(properties as Record<string, Json>)) {
        if (typeof property.description !== "string" || property.description.trim() === "") {
          missing.push(`${path}/properties/${name}`);
        }
      }
    }
    expect(missing, `properties without a description in ${kind}`).toEqual([]);
  });

  it("uses only patterns that mean the same with and without the unicode flag", () => {
    const patterns = new Set<string>();
    for (const kind of CONFIG_FILE_KINDS) {
      for (const { node } of walk(generateJsonSchema(kind)))
        if (typeof node.pattern === "string") patterns.add(node.pattern);
    }
    expect(patterns.size).toBeGreaterThanOrEqual(4);
    const samples = [
      "http://127.0.0.1:11434",
      "https://api.openai.com/v1?x=1#y",
      "2026-01-31",
      "2026-01-31T09:00:00+02:00",
      "2.0.0",
      "1.0.0-beta.1+build.5",
      "qwen*",
      "ollama",
      "a.b_c-d",
    ];
    // Astral characters, lone surrogates and whitespace are where `u` changes `\S`, `[^…]` and `.`.
    const noise = fc.oneof(
      fc.string({ unit: "binary", maxLength: 4 }),
      fc.constantFrom("😀", "\ud800", "\udc00", "\u2028", "\u00a0", " "),
    );
    const candidate = fc
      .tuple(fc.constantFrom(...samples), fc.nat(40), noise)
      .map(([sample, at, inserted]) => sample.slice(0, at) + inserted + sample.slice(at));
    for (const pattern of patterns) {
      const plain = new RegExp(pattern);
      const unicode = new RegExp(pattern, "u");
      for (const sample of samples)
        expect(unicode.test(sample), `${pattern} on ${sample}`).toBe(plain.test(sample));
      fc.assert(
        fc.property(
          fc.oneof(candidate, fc.string({ unit: "binary" })),
          (text) => unicode.test(text) === plain.test(text),
        ),
        { numRuns: 150 },
      );
    }
  });
});

/** Minimal but complete valid documents of every kind. */
const VALID: Record<ConfigFileKind, Json> = {
  providers: {
    schema_version: "2.0.0",
    providers: {
      ollama: {
        type: "ollama",
        base_url: "http://127.0.0.1:11434",
        status: "active",
        models: [{ name: "llama3.1:8b", context_length: 8192, mode: "chat", tags: ["local"] }],
        timeouts: { connect_seconds: 5, request_seconds: 600, stream_seconds: 30 },
        max_retries: 2,
        description: "Local Ollama — 😀",
      },
      openai: {
        type: "openai",
        base_url: "https://api.openai.com/v1",
        api_key: "os.environ/OPENAI_API_KEY",
        models: [{ name: "gpt-4o" }],
        rpm: 500,
        tpm: 30_000,
      },
    },
  },
  "model-mappings": {
    schema_version: "2.0.0",
    exact_matches: { llama: { provider: "ollama", model: "llama3.1:8b", fallbacks: ["gpt-4o"] } },
    patterns: [{ pattern: "qwen*", provider: "ollama", model: "qwen*", health_check_model: "qwen2.5:7b" }],
    fallback_chains: { "gpt-4o": ["llama"] },
    load_balancing: {
      balanced: {
        strategy: "simple-shuffle",
        deployments: [{ provider: "ollama", model: "llama3.1:8b", weight: 2 }],
      },
    },
    routing: {
      strategy: "least-busy",
      num_retries: 3,
      timeout_seconds: 30,
      allowed_fails: 1,
      cooldown_seconds: 0,
    },
  },
  ports: {
    schema_version: "2.0.0",
    services: {
      litellm: {
        port: 4000,
        protocol: "tcp",
        health_url: "http://127.0.0.1:4000/health",
        depends_on: ["redis"],
      },
      redis: { port: 6379, required: true, expected_processes: ["redis-server"] },
    },
  },
  "feature-flags": {
    schema_version: "2.0.0",
    flags: {
      "new-router": {
        enabled: true,
        rollout_percentage: 25.5,
        whitelist: ["alice"],
        start_date: "2026-01-31",
        end_date: "2026-02-28T09:00:00Z",
        owner: "platform",
      },
    },
  },
  litellm: {
    model_list: [
      {
        model_name: "llama",
        litellm_params: {
          model: "ollama_chat/llama3.1:8b",
          api_base: "http://127.0.0.1:11434",
          custom: { passed: true },
        },
        model_info: { id: "ollama-llama", mode: "chat" },
      },
    ],
    router_settings: {
      routing_strategy: "simple-shuffle",
      redis_port: "6379",
      fallbacks: [{ llama: ["gpt-4o"] }],
    },
    litellm_settings: {
      drop_params: true,
      cache: true,
      cache_params: { type: "redis", ttl: 600 },
      anything: 1,
    },
    general_settings: { master_key: "os.environ/LITELLM_MASTER_KEY" },
    environment_variables: { TZ: "UTC" },
  },
};

type Mutation = [name: string, kind: ConfigFileKind, mutate: (doc: Json) => void, code: string];

/** Walk to the object at a path and let `edit` change it. */
function at(path: (string | number)[], edit: (target: Json) => void): (doc: Json) => void {
  return (doc) => {
    let current: unknown = doc;
    for (const segment of path) current = (current as Json)[segment];
    edit(current as Json);
  };
}
const set = (path: (string | number)[], key: string, value: unknown) =>
  at(path, (target) => {
    target[key] = value;
  });
const remove = (path: (string | number)[], key: string) =>
  at(path, (target) => {
    delete target[key];
  });
const rename = (path: (string | number)[], from: string, to: string) =>
  at(path, (target) => {
    target[to] = target[from];
    delete target[from];
  });

const OLLAMA = ["providers", "ollama"];
const MODEL = [...OLLAMA, "models", 0];
const FLAG = ["flags", "new-router"];
const DEPLOYMENT = ["model_list", 0];

/** Documents that break one rule each: both validators must refuse them, the loader with `code`. */
const BROKEN: Mutation[] = [
  ["schema_version missing", "providers", remove([], "schema_version"), "SY1020"],
  ["schema_version not semver", "providers", set([], "schema_version", "2.0"), "SY1021"],
  ["schema_version a number", "ports", set([], "schema_version", 2), "SY1021"],
  ["unknown top-level key", "providers", set([], "provider", {}), "SY1030"],
  ["providers a list", "providers", set([], "providers", []), "SY1032"],
  ["provider id with a leading dash", "providers", rename(["providers"], "ollama", "-ollama"), "SY1035"],
  ["provider id with a space", "providers", rename(["providers"], "ollama", "my ollama"), "SY1035"],
  ["unknown provider key", "providers", rename(OLLAMA, "base_url", "base_ur"), "SY1030"],
  ["provider type missing", "providers", remove(OLLAMA, "type"), "SY1031"],
  ["provider type unknown", "providers", set(OLLAMA, "type", "olama"), "SY1033"],
  ["base_url without scheme", "providers", set(OLLAMA, "base_url", "127.0.0.1:11434"), "SY1035"],
  ["base_url with a space", "providers", set(OLLAMA, "base_url", "http://local host"), "SY1035"],
  ["status unknown", "providers", set(OLLAMA, "status", "enabled"), "SY1033"],
  ["models a map", "providers", set(OLLAMA, "models", { a: 1 }), "SY1032"],
  ["model name missing", "providers", remove(MODEL, "name"), "SY1031"],
  ["model name empty", "providers", set(MODEL, "name", ""), "SY1034"],
  ["context_length zero", "providers", set(MODEL, "context_length", 0), "SY1034"],
  ["context_length fractional", "providers", set(MODEL, "context_length", 1.5), "SY1032"],
  ["context_length a quoted number", "providers", set(MODEL, "context_length", "8192"), "SY1032"],
  ["context_length beyond safe integers", "providers", set(MODEL, "context_length", 2 ** 60), "SY1034"],
  ["model mode unknown", "providers", set(MODEL, "mode", "chatt"), "SY1033"],
  ["empty tag", "providers", set(MODEL, "tags", [""]), "SY1034"],
  ["empty api_key", "providers", set(OLLAMA, "api_key", ""), "SY1034"],
  ["unknown timeout key", "providers", set([...OLLAMA, "timeouts"], "read_seconds", 1), "SY1030"],
  ["negative timeout", "providers", set([...OLLAMA, "timeouts"], "connect_seconds", -1), "SY1034"],
  ["negative max_retries", "providers", set(OLLAMA, "max_retries", -1), "SY1034"],
  ["infinite rpm", "providers", set(["providers", "openai"], "rpm", Number.POSITIVE_INFINITY), "SY1032"],
  ["NaN tpm", "providers", set(["providers", "openai"], "tpm", Number.NaN), "SY1032"],
  [
    "exact match provider not an id",
    "model-mappings",
    set(["exact_matches", "llama"], "provider", "_x"),
    "SY1035",
  ],
  ["exact match unknown key", "model-mappings", set(["exact_matches", "llama"], "fallback", []), "SY1030"],
  ["regex as a glob", "model-mappings", set(["patterns", 0], "pattern", "^qwen.*$"), "SY1035"],
  ["pattern missing provider", "model-mappings", remove(["patterns", 0], "provider"), "SY1031"],
  ["no deployments", "model-mappings", set(["load_balancing", "balanced"], "deployments", []), "SY1034"],
  [
    "zero weight",
    "model-mappings",
    set(["load_balancing", "balanced", "deployments", 0], "weight", 0),
    "SY1034",
  ],
  ["routing strategy unknown", "model-mappings", set(["routing"], "strategy", "round-robin"), "SY1033"],
  ["too many retries", "model-mappings", set(["routing"], "num_retries", 21), "SY1034"],
  ["empty fallback chain", "model-mappings", set(["fallback_chains"], "gpt-4o", []), "SY1034"],
  ["empty public name", "model-mappings", set(["fallback_chains"], "", ["llama"]), "SY1035"],
  ["port zero", "ports", set(["services", "redis"], "port", 0), "SY1034"],
  ["port too large", "ports", set(["services", "redis"], "port", 70_000), "SY1034"],
  ["port missing", "ports", remove(["services", "redis"], "port"), "SY1031"],
  ["protocol unknown", "ports", set(["services", "redis"], "protocol", "sctp"), "SY1033"],
  ["health_url not a URL", "ports", set(["services", "litellm"], "health_url", "localhost/health"), "SY1035"],
  ["service id invalid", "ports", rename(["services"], "redis", ".redis"), "SY1035"],
  ["depends_on not an id", "ports", set(["services", "litellm"], "depends_on", ["red is"]), "SY1035"],
  ["required not a boolean", "ports", set(["services", "redis"], "required", "yes"), "SY1032"],
  ["rollout over 100", "feature-flags", set(FLAG, "rollout_percentage", 101), "SY1034"],
  ["rollout negative", "feature-flags", set(FLAG, "rollout_percentage", -1), "SY1034"],
  ["impossible month", "feature-flags", set(FLAG, "start_date", "2026-13-01"), "SY1035"],
  ["date with a slash", "feature-flags", set(FLAG, "end_date", "2026/01/31"), "SY1035"],
  ["enabled a string", "feature-flags", set(FLAG, "enabled", "true"), "SY1032"],
  ["enabled missing", "feature-flags", remove(FLAG, "enabled"), "SY1031"],
  ["empty flag name", "feature-flags", rename(["flags"], "new-router", ""), "SY1035"],
  ["empty whitelist entry", "feature-flags", set(FLAG, "whitelist", [""]), "SY1034"],
  ["model_list missing", "litellm", remove([], "model_list"), "SY1031"],
  ["deployment without litellm_params", "litellm", remove(DEPLOYMENT, "litellm_params"), "SY1031"],
  ["empty litellm model", "litellm", set([...DEPLOYMENT, "litellm_params"], "model", ""), "SY1034"],
  ["deployment model_name a number", "litellm", set(DEPLOYMENT, "model_name", 42), "SY1032"],
  ["routing strategy unknown", "litellm", set(["router_settings"], "routing_strategy", "fastest"), "SY1033"],
  ["redis_port a boolean", "litellm", set(["router_settings"], "redis_port", true), "SY1032"],
  ["cache type unknown", "litellm", set(["litellm_settings", "cache_params"], "type", "memcached"), "SY1033"],
  ["zero request timeout", "litellm", set(["litellm_settings"], "request_timeout", 0), "SY1034"],
  ["fallbacks as a map", "litellm", set(["router_settings"], "fallbacks", { llama: ["gpt-4o"] }), "SY1032"],
  ["environment variable a list", "litellm", set(["environment_variables"], "PORT", [4000]), "SY1032"],
  [
    "self-hosted provider without base_url",
    "providers",
    remove(["providers", "ollama"], "base_url"),
    "SY1031",
  ],
  [
    "model_prefix of another type",
    "providers",
    set(["providers", "ollama"], "model_prefix", "openai"),
    "SY1033",
  ],
  [
    "deployment setting its own api_base",
    "model-mappings",
    set(["load_balancing", "balanced", "deployments", 0], "litellm_params", { api_base: "http://x" }),
    "SY1036",
  ],
];

describe("ajv and zod agree", () => {
  it.each(CONFIG_FILE_KINDS)("both accept the valid %s document, and the loader does too", (kind) => {
    expect(verdicts(kind, VALID[kind])).toEqual({ zod: true, ajv: true });
    const loaded = loadConfigText(kind, stringify(VALID[kind]), CONFIG_FILES[kind].fileName);
    expect(loaded.diagnostics).toEqual([]);
  });

  it("has a broken variant for every kind, 30 or more in all", () => {
    expect(BROKEN.length).toBeGreaterThanOrEqual(30);
    expect(new Set(BROKEN.map(([, kind]) => kind))).toEqual(new Set(CONFIG_FILE_KINDS));
  });

  it.each(BROKEN)("both refuse: %s (%s), and the loader reports it", (_, kind, mutate, code) => {
    const doc = structuredClone(VALID[kind]);
    mutate(doc);
    expect(verdicts(kind, doc)).toEqual({ zod: false, ajv: false });
    const loaded = loadConfigText(kind, stringify(doc), CONFIG_FILES[kind].fileName);
    expect(loaded.diagnostics.map((d) => d.code)).toContain(code);
    expect(loaded.value).toBeUndefined();
  });

  const yamlFiles = (dir: string): string[] =>
    existsSync(dir) && statSync(dir).isDirectory()
      ? readdirSync(dir)
          .filter((name) => /\.ya?ml$/.test(name))
          .map((name) => join(dir, name))
      : [];
  const exampleFiles = [
    ...yamlFiles(join(EXAMPLES_DIR, "config")),
    ...(existsSync(join(EXAMPLES_DIR, "broken"))
      ? readdirSync(join(EXAMPLES_DIR, "broken")).flatMap((name) =>
          yamlFiles(join(EXAMPLES_DIR, "broken", name)),
        )
      : []),
  ].filter((path) => kindOfFileName(path.split(/[\\/]/).pop()!) !== undefined);

  it("finds the example files (examples/config and examples/broken)", () => {
    expect(exampleFiles.length).toBeGreaterThan(20);
  });

  it.each(exampleFiles)("on the example %s", (path) => {
    const kind = kindOfFileName(path.split(/[\\/]/).pop()!)!;
    const source = parseYaml(readFileSync(path), { file: path });
    if (source.data === undefined) return; // not YAML that parses: nothing for a schema to judge
    const { zod, ajv } = verdicts(kind, source.data);
    expect(ajv, `ajv and zod disagree on ${path}`).toBe(zod);
  });
});
