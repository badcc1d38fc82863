import * as schema from "@switchyard/config-schema/yaml";
import { describe, expect, it, vi } from "vitest";

// Count the parses parseForMigration makes through config-schema's exports.
const calls = vi.hoisted(() => ({ parseYaml: 0, parseYamlDocument: 0 }));
vi.mock("@switchyard/config-schema/yaml", async (original) => {
  const actual = await original<typeof schema>();
  return {
    ...actual,
    parseYaml: ((input, options) => {
      calls.parseYaml++;
      return actual.parseYaml(input, options);
    }) satisfies typeof actual.parseYaml,
    parseYamlDocument: ((text, options) => {
      calls.parseYamlDocument++;
      return actual.parseYamlDocument(text, options);
    }) satisfies typeof actual.parseYamlDocument,
  };
});

const { parseForMigration } = await import("./load.js");

describe("parseForMigration", () => {
  it("parses a file once, valid or broken (a broken one was parsed twice: 3–4 s of CPU for 150,000 bad lines)", () => {
    const broken = `schema_version: "2.0.0"\nexact_matches: {}\n${"a: b\n".repeat(2000)}`;
    calls.parseYaml = 0;
    calls.parseYamlDocument = 0;
    const refused = parseForMigration(broken, "model-mappings.yaml");
    expect(refused.ok).toBe(false);
    if (!refused.ok) expect(refused.diagnostics.map((d) => d.code)).toContain("SY1002");
    expect(calls.parseYaml + calls.parseYamlDocument).toBe(1);

    calls.parseYaml = 0;
    calls.parseYamlDocument = 0;
    const read = parseForMigration('schema_version: "1.0.0"\nexact_matches: {}\n', "model-mappings.yaml");
    expect(read.ok && read.file.markers).toEqual({ schema_version: "1.0.0" });
    expect(calls.parseYaml + calls.parseYamlDocument).toBe(1);
  });

  it("refuses what validate refuses, with validate's diagnostics", () => {
    const text = 'schema_version: "2.0.0"\nexact_matches:\n  x: {a: 1, a: 2}\n';
    const refused = parseForMigration(text, "model-mappings.yaml");
    const expected = schema
      .parseYaml(text, { file: "model-mappings.yaml" })
      .diagnostics.filter((d) => d.severity === "error");
    expect(refused).toEqual({ ok: false, diagnostics: expected });
  });
});
