import { describe, expect, it } from "vitest";
import { base, check, lines, relatedLines, yaml } from "../test-support.js";

describe("SY2060 unknown-service-dependency", () => {
  it("reports an unknown dependency with the nearest service", () => {
    const report = check({
      ...base,
      ports: base.ports.replace("depends_on: [ollama, vllm]", "depends_on: [olama, vllm]"),
    });
    expect(lines(report)).toEqual([
      "config/ports.yaml:11:18 error SY2060 Service 'litellm' depends on 'olama', which ports.yaml does not define — did you mean 'ollama'?",
    ]);
    expect(relatedLines(report, "SY2060")).toEqual([
      "config/ports.yaml:3:3 service 'ollama' is defined here",
    ]);
  });
});

describe("SY2061 service-dependency-cycle", () => {
  it("reports each cycle once with every edge, and self-dependencies", () => {
    const report = check({
      ...base,
      ports: yaml`
        schema_version: "2.0.0"
        services:
          litellm: {port: 4000, depends_on: [redis]}
          redis: {port: 6379, depends_on: [proxy]}
          proxy: {port: 8080, depends_on: [litellm]}
          lonely: {port: 9000, depends_on: [lonely]}
      `,
      providers: 'schema_version: "2.0.0"\nproviders: {}\n',
      "model-mappings": 'schema_version: "2.0.0"\n',
    });
    expect(lines(report)).toEqual([
      "config/ports.yaml:3:38 error SY2061 Service dependency cycle: litellm → redis → proxy → litellm",
      "config/ports.yaml:6:37 error SY2061 Service 'lonely' depends on itself",
    ]);
    expect(relatedLines(report, "SY2061")).toEqual([
      "config/ports.yaml:4:36 'redis' depends on 'proxy' here",
      "config/ports.yaml:5:36 'proxy' depends on 'litellm' here",
    ]);
  });
});
