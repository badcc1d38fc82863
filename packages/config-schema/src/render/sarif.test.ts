import { readFileSync } from "node:fs";
import AjvModule from "ajv";
import type { Log } from "sarif";
import { describe, expect, test } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { schemaCatalogue } from "../diagnostics/schema-catalogue.js";
import { loadConfigText } from "../load.js";
import { lineHashes } from "./line-hash.js";
import { renderSarif, SARIF_FINGERPRINT_KEY, SARIF_MAX_RESULTS, toSarif } from "./sarif.js";

// The official SARIF 2.1.0 schema (draft-07); see test/fixtures/README.md for its source.
const sarifSchema = JSON.parse(
  readFileSync(new URL("../../test/fixtures/sarif-schema-2.1.0.json", import.meta.url), "utf8"),
) as object;
// ajv is CommonJS: under NodeNext its class is the default export's `default`.
const ajv = new AjvModule.default({ strict: false, validateFormats: false, allErrors: true });
const validateSarif = ajv.compile(sarifSchema);

function expectValid(log: unknown): void {
  const valid = validateSarif(log);
  expect(validateSarif.errors ?? [], JSON.stringify(validateSarif.errors, null, 2)).toEqual([]);
  expect(valid).toBe(true);
}

const PROVIDERS = `schema_version: "2.0.0"
providers:
  ollama:
    type: olama
    base_ur: http://localhost:11434
    models: []
    api_key: sk-proj-abcdefghijklmnopqrstuvwxyz0123456789
`;

function realDiagnostics(): Diagnostic[] {
  const file = loadConfigText("providers", PROVIDERS, "config/providers.yaml");
  return [
    ...file.diagnostics,
    {
      code: "SY2003",
      severity: "error",
      message: "Model 'fast' refers to unknown provider 'olama'",
      file: "config/model-mappings.yaml",
      range: { start: { line: 4, column: 15, offset: 50 }, end: { line: 4, column: 20, offset: 55 } },
      path: ["models", "fast", "provider"],
      related: [
        {
          message: "providers are declared here",
          file: "config/providers.yaml",
          range: file.diagnostics[0]!.range!,
        },
        {
          message: "in this file too",
          range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 5, offset: 4 } },
        },
        { message: "no place at all" },
      ],
    },
    {
      code: "SY1011",
      severity: "error",
      message: "Required file ports.yaml is missing",
      file: "config/ports.yaml",
    },
    {
      code: "SY2099",
      severity: "info",
      message: "The config set has no litellm.yaml",
      hint: "Run `switchyard generate`.",
    },
  ];
}

describe("toSarif", () => {
  test("real diagnostics validate against the official SARIF 2.1.0 schema", () => {
    const log = toSarif(realDiagnostics(), { catalogue: schemaCatalogue, toolVersion: "0.1.0" });
    expectValid(log);
    expectValid(JSON.parse(renderSarif(realDiagnostics())));
    expectValid(toSarif([]));
  });

  test("the schema check can fail: a zero start line and a result without a message are rejected", () => {
    const log = toSarif(realDiagnostics()) as unknown as { runs: { results: Record<string, unknown>[] }[] };
    const broken = structuredClone(log);
    const result = broken.runs[0]!.results[0]!;
    (
      result.locations as { physicalLocation: { region: { startLine: number } } }[]
    )[0]!.physicalLocation.region.startLine = 0;
    delete result.message;
    expect(validateSarif(broken)).toBe(false);
  });

  test("what GitHub code scanning needs: schema, driver, rules for the codes that occur, levels, regions", () => {
    const log = toSarif(realDiagnostics(), { catalogue: schemaCatalogue, toolVersion: "0.1.0" });
    expect(log.$schema).toBe("https://json.schemastore.org/sarif-2.1.0.json");
    expect(log.version).toBe("2.1.0");
    const run = log.runs[0]!;
    expect(run.columnKind).toBe("utf16CodeUnits");
    expect(run.tool.driver).toMatchObject({
      name: "switchyard",
      version: "0.1.0",
      informationUri: "https://github.com/switchyard-dev/switchyard",
    });
    const ruleIds = run.tool.driver.rules.map((r) => r.id);
    expect(ruleIds).toEqual(["SY1011", "SY1030", "SY1031", "SY1033", "SY1040", "SY2003", "SY2099"]);
    for (const result of run.results) expect(run.tool.driver.rules[result.ruleIndex]!.id).toBe(result.ruleId);

    const unknownKeyRule = run.tool.driver.rules.find((r) => r.id === "SY1030")!;
    const entry = schemaCatalogue.get("SY1030")!;
    expect(unknownKeyRule).toMatchObject({
      name: entry.name,
      shortDescription: { text: entry.title },
      fullDescription: { text: entry.cause },
      defaultConfiguration: { level: "error" },
    });
    expect(unknownKeyRule.help!.text).toContain(entry.fix);
    expect(unknownKeyRule.help!.markdown).toContain(`**Fix.** ${entry.fix}`);
    // A code the catalogue does not know still gets a rule.
    expect(run.tool.driver.rules.find((r) => r.id === "SY2003")).toMatchObject({
      name: "SY2003",
      defaultConfiguration: { level: "error" },
    });

    const unknownKey = run.results.find((r) => r.ruleId === "SY1030")!;
    expect(unknownKey.level).toBe("error");
    expect(unknownKey.message.text).toBe(
      "Unknown key 'base_ur' in providers.ollama — did you mean 'base_url'?\nHint: Rename it to 'base_url'.",
    );
    expect(unknownKey.locations).toEqual([
      {
        physicalLocation: {
          artifactLocation: { uri: "config/providers.yaml", uriBaseId: "%SRCROOT%" },
          region: { startLine: 5, startColumn: 5, endLine: 5, endColumn: 12 },
        },
      },
    ]);
    expect(unknownKey.properties).toEqual({ yamlPath: "providers.ollama.base_ur" });
    expect(run.results.find((r) => r.ruleId === "SY1040")!.level).toBe("warning");
  });

  test("related locations: own file, the diagnostic's file for a bare range, none without either", () => {
    const run = toSarif(realDiagnostics()).runs[0]!;
    const related = run.results.find((r) => r.ruleId === "SY2003")!.relatedLocations!;
    expect(related.map((l) => l.id)).toEqual([1, 2, 3]);
    expect(related[0]!.physicalLocation!.artifactLocation.uri).toBe("config/providers.yaml");
    expect(related[1]!.physicalLocation!.artifactLocation.uri).toBe("config/model-mappings.yaml");
    expect(related[2]).toEqual({ id: 3, message: { text: "no place at all" } });
  });

  test("no range: the whole first line of the file; a path that is no file, or no file: a notification", () => {
    // config/ports.yaml (SY1011, a missing required file) is no file; the others are.
    const sourceRoot = {
      cwd: "/repo",
      root: "/repo",
      isFile: (path: string) => path !== "/repo/config/ports.yaml",
    };
    const run = toSarif(
      [
        ...realDiagnostics(),
        { code: "SY1006", severity: "error", message: "File is too large", file: "config/providers.yaml" },
      ],
      { sourceRoot, sources: new Map([["config/providers.yaml", PROVIDERS]]) },
    ).runs[0]!;
    expect(run.results.some((r) => r.ruleId === "SY1011")).toBe(false);
    const missing = run.invocations[0]!.toolExecutionNotifications!.find(
      (n) => n.associatedRule?.id === "SY1011",
    )!;
    expect(missing.message.text).toBe("SY1011: config/ports.yaml: Required file ports.yaml is missing");
    const wholeFile = run.results.find((r) => r.ruleId === "SY1006")!;
    expect(wholeFile.locations[0]!.physicalLocation!.region).toEqual({
      startLine: 1,
      startColumn: 1,
      endLine: 1,
      endColumn: 'schema_version: "2.0.0"'.length + 1,
    });
    expect(run.results.some((r) => r.ruleId === "SY2099")).toBe(false);
    expect(run.invocations[0]).toMatchObject({
      executionSuccessful: true,
      toolExecutionNotifications: [
        {
          level: "note",
          message: { text: "SY2099: The config set has no litellm.yaml\nHint: Run `switchyard generate`." },
          associatedRule: { id: "SY2099", index: run.tool.driver.rules.findIndex((r) => r.id === "SY2099") },
        },
        {
          level: "error",
          message: { text: "SY1011: config/ports.yaml: Required file ports.yaml is missing" },
          associatedRule: { id: "SY1011", index: 1 },
        },
      ],
    });
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual([
      "SY1006",
      "SY1011",
      "SY1030",
      "SY1031",
      "SY1033",
      "SY1040",
      "SY2003",
      "SY2099",
    ]);
  });

  test("URIs are relative with forward slashes and percent-encoded; absolute paths become file URIs", () => {
    const at = (file: string) =>
      toSarif([{ code: "SY1", severity: "error", message: "m", file }]).runs[0]!.results[0]!;
    const uri = (file: string) => at(file).locations[0]!.physicalLocation!.artifactLocation;
    expect(uri("config\\providers.yaml")).toEqual({ uri: "config/providers.yaml", uriBaseId: "%SRCROOT%" });
    expect(uri("./providers.yaml")).toEqual({ uri: "providers.yaml", uriBaseId: "%SRCROOT%" });
    expect(uri("my config/a#1:b.yaml")).toEqual({
      uri: "my%20config/a%231%3Ab.yaml",
      uriBaseId: "%SRCROOT%",
    });
    expect(uri("/etc/switchyard/providers.yaml")).toEqual({ uri: "file:///etc/switchyard/providers.yaml" });
    expect(uri("C:\\cfg\\providers.yaml")).toEqual({ uri: "file:///C:/cfg/providers.yaml" });
  });

  test("run from a subfolder, paths are relative to the repository root, which %SRCROOT% names", () => {
    const log = toSarif(realDiagnostics(), {
      sourceRoot: { cwd: "/work/repo/infra", root: "/work/repo" },
    });
    const run = log.runs[0]!;
    expect(run.originalUriBaseIds).toEqual({
      "%SRCROOT%": {
        uri: "file:///work/repo/",
        description: { text: "The root of the repository (the git top level, or GITHUB_WORKSPACE)." },
      },
    });
    expect(run.invocations[0]!.workingDirectory).toEqual({ uri: "file:///work/repo/infra/" });
    const uris = run.results.map((r) => r.locations[0]!.physicalLocation!.artifactLocation);
    expect(uris.length).toBeGreaterThan(0);
    for (const uri of uris) {
      expect(uri.uriBaseId).toBe("%SRCROOT%");
      expect(uri.uri).toMatch(/^infra\/config\/[a-z-]+\.yaml$/);
    }
    // Outside the repository: an absolute file URI.
    const outside = toSarif(
      [{ code: "SY1", severity: "error", message: "m", file: "../../elsewhere/a.yaml" }],
      {
        sourceRoot: { cwd: "/work/repo/infra", root: "/work/repo" },
      },
    ).runs[0]!.results[0]!;
    expect(outside.locations[0]!.physicalLocation!.artifactLocation).toEqual({
      uri: "file:///work/elsewhere/a.yaml",
    });
    expectValid(log);
  });

  test("every result has a full region, and each related location is linked from the message text", () => {
    const run = toSarif(realDiagnostics(), { sources: new Map([["config/providers.yaml", PROVIDERS]]) })
      .runs[0]!;
    for (const result of run.results) {
      const region = result.locations[0]!.physicalLocation!.region!;
      expect(Object.keys(region).sort()).toEqual(["endColumn", "endLine", "startColumn", "startLine"]);
    }
    const withRelated = run.results.find((r) => r.ruleId === "SY2003")!;
    expect(withRelated.message.text).toBe(
      "Model 'fast' refers to unknown provider 'olama'\nSee [providers are declared here](1); [in this file too](2).",
    );
  });

  test("brackets in messages are escaped, so only our links read as links", () => {
    const result = toSarif([
      {
        code: "SY1032",
        severity: "error",
        message: "Expected a mapping at models[0]",
        file: "providers.yaml",
        related: [
          {
            message: "the list [here]",
            file: "providers.yaml",
            range: { start: { line: 1, column: 1, offset: 0 }, end: { line: 1, column: 2, offset: 1 } },
          },
        ],
      },
    ]).runs[0]!.results[0]!;
    expect(result.message.text).toBe("Expected a mapping at models\\[0\\]\nSee [the list \\[here\\]](1).");
  });

  test("primaryLocationLineHash is the upload action's hash of the result's first line", () => {
    const run = toSarif(realDiagnostics(), { sources: new Map([["config/providers.yaml", PROVIDERS]]) })
      .runs[0]!;
    const hashes = lineHashes(PROVIDERS);
    const inProviders = run.results.filter(
      (r) => r.locations[0]!.physicalLocation!.artifactLocation.uri === "config/providers.yaml",
    );
    expect(inProviders.length).toBeGreaterThan(2);
    for (const result of inProviders) {
      const line = result.locations[0]!.physicalLocation!.region!.startLine;
      expect(result.partialFingerprints!.primaryLocationLineHash).toBe(hashes[line - 1]);
    }
    // Without the file's text there is nothing to hash: the upload action fills it in.
    const bare = toSarif(realDiagnostics()).runs[0]!.results[0]!;
    expect(bare.partialFingerprints!.primaryLocationLineHash).toBeUndefined();
  });

  test("the partial fingerprint follows code + file + YAML path, not the line", () => {
    const base: Diagnostic = {
      code: "SY1030",
      severity: "error",
      message: "Unknown key 'base_ur'",
      file: "providers.yaml",
      path: ["providers", "ollama", "base_ur"],
      range: { start: { line: 5, column: 5, offset: 60 }, end: { line: 5, column: 12, offset: 67 } },
    };
    const print = (d: Diagnostic) =>
      toSarif([d]).runs[0]!.results[0]!.partialFingerprints![SARIF_FINGERPRINT_KEY]!;
    const moved = {
      ...base,
      range: { start: { line: 9, column: 5, offset: 99 }, end: { line: 9, column: 12, offset: 106 } },
    };
    expect(print(moved)).toBe(print(base));
    expect(print(moved)).toMatch(/^[0-9a-f]{32}$/);
    expect(print({ ...base, path: ["providers", "vllm", "base_ur"] })).not.toBe(print(base));
    expect(print({ ...base, code: "SY1031" })).not.toBe(print(base));
  });

  test(`more than ${SARIF_MAX_RESULTS} results: errors are kept first and the cut is reported`, () => {
    const diagnostics: Diagnostic[] = Array.from({ length: SARIF_MAX_RESULTS + 2 }, (_, i) => ({
      code: "SY1040",
      severity: "warning",
      message: `warning ${i}`,
      file: `a/${String(i).padStart(5, "0")}.yaml`,
    }));
    diagnostics.push({ code: "SY1030", severity: "error", message: "late error", file: "z/last.yaml" });
    const log = toSarif(diagnostics);
    const run = log.runs[0]!;
    expect(run.results).toHaveLength(SARIF_MAX_RESULTS);
    expect(run.results.at(-1)!.message.text).toBe("late error");
    expect(run.properties).toEqual({ truncated: true, omittedResults: 3 });
    expect(run.invocations[0]!.toolExecutionNotifications![0]!.message.text).toMatch(
      /^3 of 5003 results were left out/,
    );
    expectValid(log);
  });

  test("the log type stays assignable to @types/sarif's Log", () => {
    const log: Log = toSarif(realDiagnostics(), { catalogue: schemaCatalogue });
    expect(log.runs).toHaveLength(1);
  });

  test("a small log in full, in its key order", () => {
    const text = renderSarif(
      [
        {
          code: "SY1033",
          severity: "warning",
          message: 'Invalid value "olama"',
          file: "providers.yaml",
          range: { start: { line: 4, column: 11, offset: 50 }, end: { line: 4, column: 16, offset: 55 } },
          suggestion: "ollama",
        },
      ],
      { toolVersion: "9.9.9", sourceRoot: { cwd: "/repo/infra", root: "/repo" } },
    );
    expect(text).toMatchInlineSnapshot(`
      "{
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
          {
            "tool": {
              "driver": {
                "name": "switchyard",
                "version": "9.9.9",
                "informationUri": "https://github.com/switchyard-dev/switchyard",
                "rules": [
                  {
                    "id": "SY1033",
                    "name": "SY1033",
                    "shortDescription": {
                      "text": "Switchyard diagnostic SY1033."
                    },
                    "fullDescription": {
                      "text": "Switchyard diagnostic SY1033."
                    },
                    "help": {
                      "text": "Run \`switchyard explain SY1033\` for the full entry.",
                      "markdown": "Run \`switchyard explain SY1033\` for the full entry."
                    },
                    "defaultConfiguration": {
                      "level": "warning"
                    }
                  }
                ]
              }
            },
            "originalUriBaseIds": {
              "%SRCROOT%": {
                "uri": "file:///repo/",
                "description": {
                  "text": "The root of the repository (the git top level, or GITHUB_WORKSPACE)."
                }
              }
            },
            "invocations": [
              {
                "executionSuccessful": true,
                "workingDirectory": {
                  "uri": "file:///repo/infra/"
                }
              }
            ],
            "results": [
              {
                "ruleId": "SY1033",
                "ruleIndex": 0,
                "level": "warning",
                "message": {
                  "text": "Invalid value \\"olama\\" — did you mean 'ollama'?"
                },
                "locations": [
                  {
                    "physicalLocation": {
                      "artifactLocation": {
                        "uri": "infra/providers.yaml",
                        "uriBaseId": "%SRCROOT%"
                      },
                      "region": {
                        "startLine": 4,
                        "startColumn": 11,
                        "endLine": 4,
                        "endColumn": 16
                      }
                    }
                  }
                ],
                "partialFingerprints": {
                  "switchyard/v1": "264e1e0ff5d4c47d7ed4b2753f9e452b"
                }
              }
            ],
            "columnKind": "utf16CodeUnits"
          }
        ]
      }
      "
    `);
  });
});
