import { describe, expect, it } from "vitest";
import { base, check, lines, relatedLines, yaml } from "../test-support.js";

describe("SY2020 duplicate-service-port", () => {
  it("reports services on one host, port and protocol, including wildcard binds", () => {
    const report = check({
      ...base,
      ports: yaml`
        schema_version: "2.0.0"
        services:
          a: {port: 9000}
          b: {port: 9000, host: localhost}
          c: {port: 9000, protocol: udp}
          d: {port: 9001, host: 10.0.0.5}
          e: {port: 9001, host: 0.0.0.0}
          f: {port: 9002, host: 10.0.0.5}
          g: {port: 9002, host: 10.0.0.6}
      `,
    });
    expect(lines(report).filter((l) => l.includes("SY2020"))).toEqual([
      "config/ports.yaml:4:13 error SY2020 Services 'a' and 'b' both listen on 127.0.0.1:9000/tcp",
      "config/ports.yaml:7:13 error SY2020 Services 'd' and 'e' both listen on 10.0.0.5:9001/tcp",
    ]);
    expect(relatedLines(report, "SY2020")).toEqual([
      "config/ports.yaml:3:13 'a' uses the same port here",
      "config/ports.yaml:6:13 'd' uses the same port here",
    ]);
  });
});

describe("SY2020 with config-schema's host model (where the old copies disagreed)", () => {
  it("clashes by the kernel's rules: 0.0.0.0 leaves ::1 free, :: takes everything, a mapped IPv4 is its IPv4", () => {
    const report = check({
      ...base,
      ports: yaml`
        schema_version: "2.0.0"
        services:
          v4-all: {port: 9100, host: 0.0.0.0}
          v6-loop: {port: 9100, host: "::1"}
          dual: {port: 9101, host: "[::]"}
          other: {port: 9101, host: 10.0.0.5}
          mapped: {port: 9102, host: "::ffff:127.0.0.1"}
          plain: {port: 9102, host: 127.0.0.1}
          named: {port: 9103, host: localhost}
          six: {port: 9103, host: "::1"}
      `,
    });
    expect(lines(report).filter((l) => l.includes("SY2020"))).toEqual([
      "config/ports.yaml:6:17 error SY2020 Services 'dual' and 'other' both listen on 10.0.0.5:9101/tcp",
      "config/ports.yaml:8:17 error SY2020 Services 'mapped' and 'plain' both listen on 127.0.0.1:9102/tcp",
      "config/ports.yaml:10:15 error SY2020 Services 'named' and 'six' both listen on [::1]:9103/tcp",
    ]);
  });

  it("is what `explain SY6001` finds: port-registry's old clash code is an alias of SY2020", async () => {
    const { consistencyCatalogue } = await import("../catalogue.js");
    const { findCatalogueEntry } = await import("@switchyard/config-schema/diagnostics");
    expect(findCatalogueEntry(consistencyCatalogue, "SY6001")?.code).toBe("SY2020");
  });
});

describe("SY2021 provider-port-mismatch", () => {
  it("reports a base_url port that differs from its service's, with both places and the fixed URL", () => {
    const report = check({ ...base, ports: base.ports.replace("port: 8001", "port: 8002") });
    expect(lines(report)).toEqual([
      "config/providers.yaml:11:15 error SY2021 Provider 'vllm' has base_url port 8001, but service 'vllm' in ports.yaml, which hosts it, listens on 8002",
    ]);
    const [finding] = report.diagnostics;
    expect(finding?.suggestion).toBe("http://127.0.0.1:8002/v1");
    expect(finding?.hint).toBe(
      "Use `base_url: http://127.0.0.1:8002/v1`, or set the port of service 'vllm' to 8001 (vllm listens on 8001 by default).",
    );
    expect(relatedLines(report, "SY2021")).toEqual([
      "config/ports.yaml:7:11 service 'vllm' listens on 8002 here",
    ]);
  });
});

describe("SY2022 unregistered-provider-port", () => {
  it("notes a self-hosted provider whose port no service registers", () => {
    const report = check({
      ...base,
      ports: base.ports.replace(/ {2}vllm:\n.*\n.*\n/, "").replace("[ollama, vllm]", "[ollama]"),
    });
    expect(lines(report)).toEqual([
      "config/providers.yaml:11:15 info SY2022 Provider 'vllm' listens on port 8001, which no service in ports.yaml registers",
    ]);
  });

  it("counts a service on the same port as registered, and ignores cloud and disabled providers", () => {
    const ports = base.ports.replace("providers: [vllm]", "providers: []");
    expect(check({ ...base, ports }).diagnostics).toEqual([]);
    const { ports: _, ...withoutPorts } = base;
    expect(check(withoutPorts).diagnostics).toEqual([]);
  });
});

describe("SY2023 shared-provider-port", () => {
  const providers = yaml`
    schema_version: "2.0.0"
    providers:
      vllm-a:
        type: vllm
        base_url: http://127.0.0.1:8001/v1
        models: [{name: a}]
      vllm-b:
        type: vllm
        base_url: http://localhost:8001/v1
        models: [{name: b}]
      vllm-c:
        type: vllm
        status: disabled
        base_url: http://127.0.0.1:8001/v1
        models: [{name: c}]
      openai-1:
        type: openai
        base_url: https://api.openai.com/v1
        models: [{name: gpt-4o}]
      openai-2:
        type: openai
        base_url: https://api.openai.com/v1
        models: [{name: gpt-4o}]
  `;

  it("reports two active self-hosted providers on one host and port (localhost = 127.0.0.1)", () => {
    const report = check({ providers, "model-mappings": 'schema_version: "2.0.0"\n' });
    expect(lines(report)).toEqual([
      "config/providers.yaml:9:15 error SY2023 Active providers 'vllm-a' and 'vllm-b' both use 127.0.0.1:8001; only one server can listen there",
    ]);
    expect(relatedLines(report, "SY2023")).toEqual([
      "config/providers.yaml:5:15 'vllm-a' uses 127.0.0.1:8001 here",
    ]);
  });

  const provider = (id: string, type: string, url: string, model: string) =>
    `  ${id}:\n    type: ${type}\n    base_url: ${url}\n    models: [{name: ${model}}]\n`;
  const providersOf = (...entries: string[]) => `schema_version: "2.0.0"\nproviders:\n${entries.join("")}`;
  const codesOf = (files: Record<string, string>) =>
    check({ "model-mappings": 'schema_version: "2.0.0"\n', ...files }).diagnostics.map((d) => d.code);

  it("leaves a remote host alone: several accounts of one HTTPS API (LiteLLM's own proxy_server_config.yaml)", () => {
    const remote = "https://exampleopenaiendpoint-production.up.railway.app/";
    const files = {
      providers: providersOf(
        provider("fake-a", "openai_compatible", remote, "fake"),
        provider("fake-b", "openai_compatible", remote, "my-fake-model"),
        provider("fake-c", "openai_compatible", remote, "bad-model"),
      ),
    };
    expect(codesOf(files)).not.toContain("SY2023");
  });

  it("covers a remote host when ports.yaml says the stack runs there", () => {
    const files = {
      providers: providersOf(
        provider("vllm-a", "vllm", "http://gpu.example.com:8001/v1", "a"),
        provider("vllm-b", "vllm", "http://gpu.example.com:8001/v1", "b"),
      ),
      ports:
        'schema_version: "2.0.0"\nservices:\n  vllm:\n    host: gpu.example.com\n    port: 8001\n    providers: [vllm-a, vllm-b]\n',
    };
    expect(codesOf(files)).toContain("SY2023");
  });

  it.each([
    ["a public host no service of ports.yaml names", "http://gpu.example.com:8001/v1", false],
    ["a private IPv4 address", "http://192.168.1.20:8001/v1", true],
    ["a unique-local IPv6 address", "http://[fd12:3456::7]:8001/v1", true],
    ["a link-local IPv6 address", "http://[fe80::1]:8001/v1", true],
    ["a public IPv6 address", "http://[2001:db8::7]:8001/v1", false],
    ["a compose service name", "http://vllm:8001/v1", true],
    ["a .internal name", "http://gpu.internal:8001/v1", true],
  ])("on %s: flagged %s", (_, url, flagged) => {
    const files = {
      providers: providersOf(provider("vllm-a", "vllm", url, "a"), provider("vllm-b", "vllm", url, "b")),
    };
    expect(codesOf(files).includes("SY2023")).toBe(flagged);
  });

  it("does not count two entries for one server: Ollama twice (two LiteLLM prefixes), or one vLLM model twice", () => {
    const ollama = providersOf(
      provider("ollama", "ollama", "http://127.0.0.1:11434", "llama3"),
      provider("ollama-2", "ollama", "http://localhost:11434", "llama3"),
    );
    expect(codesOf({ providers: ollama })).not.toContain("SY2023");
    const vllm = providersOf(
      provider("vllm", "vllm", "http://10.0.0.7:8001/v1", "qwen"),
      provider("vllm-2", "vllm", "http://10.0.0.7:8001/v1", "qwen"),
    );
    expect(codesOf({ providers: vllm })).not.toContain("SY2023");
    const two = providersOf(
      provider("vllm", "vllm", "http://10.0.0.7:8001/v1", "qwen"),
      provider("ollama", "ollama", "http://10.0.0.7:8001", "qwen"),
    );
    expect(codesOf({ providers: two })).toContain("SY2023");
  });
});
