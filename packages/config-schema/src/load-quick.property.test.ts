/**
 * The quick loader against the full one (differential): on random ports.yaml texts, valid and
 * invalid, in every style the `yaml` package writes and then damaged at random, the quick loader
 * answers only for a file the full loader accepts without a diagnostic, with the same value, and
 * sends every other file (every invalid one among them) to the full loader (`undefined`).
 */
import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { stringify } from "yaml";
import { loadConfigText } from "./load.js";
import { quickLoadConfigFile, quickLoadConfigText } from "./load-quick.js";

const FILE = "ports.yaml";

/** Counts of the run, so the property cannot hold vacuously (every text sent to the full loader). */
const seen = { quick: 0, fullValid: 0, invalid: 0 };

function agree(text: string | Uint8Array): void {
  const quick = quickLoadConfigText("ports", text);
  const full = loadConfigText("ports", text, FILE);
  const valid = full.value !== undefined && !full.diagnostics.some((d) => d.severity === "error");
  if (!valid) seen.invalid++;
  else if (quick === undefined) seen.fullValid++;
  if (quick === undefined) return;
  seen.quick++;
  // Only a file the full loader accepts without a single diagnostic, with the same content.
  expect(full.diagnostics).toEqual([]);
  expect(full.value).toBeDefined();
  expect(quick).toEqual(full.value);
  // Services in the file's order (the order every report lists them in).
  expect(Object.keys(quick.services)).toEqual(Object.keys(full.value!.services));
}

const ids = fc.constantFrom("litellm", "redis", "vllm", "ollama", "a.b_c-1", "9lives", "-x", "a b", "é", "");
const str = fc.oneof(
  fc.constantFrom("", "x", "127.0.0.1", "0.0.0.0", "::", "tcp", "udp", "TCP", "python3", "yes", "null", "~"),
  fc.constantFrom("http://127.0.0.1:4000/health", "https://h/v1/models", "ftp://h", "http://", "http://a b"),
  fc.constantFrom("os.environ/KEY", "os.environ/per-provider", "os.environ/", "2.0.0", "1.2.0", "15s", "0s"),
  fc.string({ maxLength: 6 }),
);
const num = fc.oneof(
  fc.integer({ min: -2, max: 70000 }),
  fc.constantFrom(0, 1, 80, 4000, 65535, 65536, 0.5, 1.5, -0.1, 100, 101, 1e21),
  fc.double({ noNaN: false }),
);
const scalar = fc.oneof(str, num, fc.boolean(), fc.constant(null));
const anyValue = fc.oneof(
  scalar,
  fc.array(scalar, { maxLength: 3 }),
  fc.dictionary(ids, scalar, { maxKeys: 2 }),
);

/** A field of a service: mostly the right type, sometimes not. */
const service = fc.record(
  {
    port: fc.oneof(num, num, num, anyValue),
    protocol: fc.oneof(fc.constantFrom("tcp", "udp"), anyValue),
    host: fc.oneof(str, anyValue),
    required: fc.oneof(fc.boolean(), anyValue),
    health_url: fc.oneof(str, anyValue),
    expected_processes: fc.oneof(fc.array(str, { maxLength: 3 }), anyValue),
    depends_on: fc.oneof(fc.array(ids, { maxLength: 3 }), anyValue),
    providers: fc.oneof(fc.array(ids, { maxLength: 3 }), anyValue),
    description: fc.oneof(str, anyValue),
    prot: anyValue,
  },
  { requiredKeys: [] },
);
const monitoring = fc.record(
  {
    thresholds: fc.oneof(
      fc.record(
        {
          error_rate: num,
          latency_p95_seconds: num,
          cache_collapse_factor: num,
          cache_baseline_hit_rate: num,
          audit_min_score: num,
          other: num,
        },
        { requiredKeys: [] },
      ),
      anyValue,
    ),
    dashboards: fc.oneof(
      fc.array(fc.constantFrom("overview", "providers", "cache", "server", "x")),
      anyValue,
    ),
    prometheus_url: str,
    scrape_interval: str,
  },
  { requiredKeys: [] },
);
/** What a valid file holds (the generators above, right types and ranges). */
const validId = fc.constantFrom("litellm", "redis", "vllm", "ollama", "a.b_c-1", "9lives", "prometheus");
const validString = fc.oneof(
  fc.constantFrom("x", "127.0.0.1", "0.0.0.0", "::", "python3", "yes", "null", "2.0.0", "a: b", "# no"),
  fc.string({ minLength: 1, maxLength: 8 }),
);
const validService = fc.record(
  {
    port: fc.integer({ min: 1, max: 65535 }),
    protocol: fc.constantFrom("tcp", "udp"),
    host: validString,
    required: fc.boolean(),
    health_url: fc.constantFrom("http://127.0.0.1:4000/health", "https://h/v1/models", "http://[::1]:8/x?y"),
    expected_processes: fc.array(validString, { maxLength: 3 }),
    depends_on: fc.array(validId, { maxLength: 3 }),
    providers: fc.array(validId, { maxLength: 2 }),
    description: fc.string({ maxLength: 12 }),
  },
  { requiredKeys: ["port"] },
);
const validMonitoring = fc.record(
  {
    thresholds: fc.record(
      {
        error_rate: fc.constantFrom(0.05, 1, 0.5),
        latency_p95_seconds: fc.constantFrom(10, 0.25, 3),
        audit_min_score: fc.integer({ min: 0, max: 100 }),
      },
      { requiredKeys: [] },
    ),
    dashboards: fc.array(fc.constantFrom("overview", "providers", "cache", "server"), { maxLength: 4 }),
    scrape_interval: fc.constantFrom("15s", "1m", "500ms"),
  },
  { requiredKeys: [] },
);
const validPorts = fc.record(
  {
    schema_version: fc.constant("2.0.0"),
    services: fc.dictionary(
      validId,
      fc.oneof({ arbitrary: validService, weight: 6 }, { arbitrary: service, weight: 1 }),
      {
        maxKeys: 5,
      },
    ),
    monitoring: validMonitoring,
  },
  { requiredKeys: ["schema_version", "services"] },
);
/** Mostly valid files (some with one bad service), and files with anything anywhere. */
const portsData = fc.oneof(
  { arbitrary: validPorts, weight: 4 },
  {
    arbitrary: fc.record(
      {
        schema_version: fc.oneof(
          fc.constant("2.0.0"),
          fc.constantFrom("1.2.0", "2.0", "3.0.0", "2.0.0-rc.1"),
          num,
        ),
        services: fc.oneof(fc.dictionary(ids, service, { maxKeys: 4 }), anyValue),
        monitoring: fc.oneof(monitoring, anyValue),
        extra: anyValue,
      },
      { requiredKeys: [] },
    ),
    weight: 1,
  },
);

/** How the `yaml` package writes it: block or flow collections, plain or quoted scalars. */
const style = fc.record({
  collections: fc.constantFrom("any", "block", "flow"),
  trailingNewline: fc.boolean(),
  quote: fc.constantFrom("plain", "single", "double"),
  indent: fc.constantFrom(2, 4),
  indentSeq: fc.boolean(),
});

interface Style {
  collections: "any" | "block" | "flow";
  trailingNewline: boolean;
  quote: string;
  indent: number;
  indentSeq: boolean;
}

function write(data: unknown, s: Style): string {
  const text = stringify(data, {
    indent: s.indent,
    indentSeq: s.indentSeq,
    singleQuote: s.quote === "single",
    defaultStringType: s.quote === "double" ? "QUOTE_DOUBLE" : "PLAIN",
    defaultKeyType: "PLAIN",
    lineWidth: 0,
    collectionStyle: s.collections,
  });
  return s.trailingNewline ? text : text.replace(/\n$/, "");
}

/** Damage to a text: a character inserted, removed or replaced where the text is most telling. */
const damage = fc.record({
  at: fc.nat(),
  op: fc.constantFrom("insert", "remove", "replace"),
  // Whitespace, indicators, quotes, a lone CR, a BOM, and plain characters.
  ch: fc.constantFrom(...[..." \t\n:-#'\"[]{},&*!\r\ufeffa0"]),
});

function damaged(text: string, d: { at: number; op: string; ch: string }): string {
  const at = text.length === 0 ? 0 : d.at % text.length;
  if (d.op === "insert") return text.slice(0, at) + d.ch + text.slice(at);
  if (d.op === "remove") return text.slice(0, at) + text.slice(at + 1);
  return text.slice(0, at) + d.ch + text.slice(at + 1);
}

describe("quick loader vs full loader (differential)", () => {
  it("property: on random ports.yaml data in every style, it answers only as the full loader does", () => {
    fc.assert(
      fc.property(portsData, style, (data, s) => {
        agree(write(data, s));
      }),
      { numRuns: 400 },
    );
  }, 300_000);

  it("property: on damaged texts, and on texts with comments and blank lines, the same", () => {
    fc.assert(
      fc.property(
        portsData,
        style,
        fc.array(damage, { maxLength: 3 }),
        fc.boolean(),
        (data, s, harm, notes) => {
          let text = write(data, s);
          if (notes) text = `# ports\n\n${text.replace(/\n/g, "\n\n").replace(/: (\S+)\n/, ": $1 # note\n")}`;
          for (const d of harm) text = damaged(text, d);
          agree(text);
          agree(new TextEncoder().encode(text));
        },
      ),
      { numRuns: 300 },
    );
  }, 300_000);

  it("covers both paths: valid files go quick, every invalid one goes to the full loader", () => {
    // Run after the properties above (same file, in order): the counts are theirs. Some valid files
    // go to the full loader too (flow style, escapes, `key:` then `[]` on the next line: the plain
    // reader declines what it does not read plainly), which is correct, only slower.
    expect(seen.quick, JSON.stringify(seen)).toBeGreaterThan(50);
    expect(seen.invalid, JSON.stringify(seen)).toBeGreaterThan(150);
  });

  it("takes the example ports.yaml and a machine-sized one quickly, and refuses bytes that are not UTF-8", async () => {
    const example = new URL("../../../examples/config/ports.yaml", import.meta.url);
    agree(readFileSync(example, "utf8"));
    expect(quickLoadConfigText("ports", readFileSync(example, "utf8"))).toBeDefined();
    expect(await quickLoadConfigFile("ports", example.pathname)).toEqual(
      loadConfigText("ports", readFileSync(example, "utf8"), FILE).value,
    );
    const services = Array.from(
      { length: 1000 },
      (_, i) => `  svc-${i}:\n    port: ${10000 + i}\n    expected_processes: [node]`,
    );
    const big = `schema_version: "2.0.0"\nservices:\n${services.join("\n")}\n`;
    agree(big);
    expect(quickLoadConfigText("ports", big)).toBeDefined();
    expect(Object.keys(quickLoadConfigText("ports", big)?.services ?? {})).toHaveLength(1000);
    const latin1 = new Uint8Array([
      ...new TextEncoder().encode('schema_version: "2.0.0"\nservices: {}\n# '),
      0xe9,
    ]);
    expect(quickLoadConfigText("ports", latin1)).toBeUndefined();
    agree(latin1);
    expect(await quickLoadConfigFile("ports", "/nonexistent/ports.yaml")).toBeUndefined();
  });
});
