import { readFileSync } from "node:fs";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { isMap, isPair, isScalar, isSeq, type Node, parseDocument } from "yaml";
import { FAST_TIER_MIN_LENGTH } from "./fast-load.js";
import { parseYaml } from "./parse.js";
import { lookupPlainPath, readPlainLocated } from "./plain-reader.js";

/** The positions the plain reader records while reading, or `undefined` when it declines. */
const positionsOf = (text: string) => readPlainLocated(text)?.index;

type Path = (string | number)[];

/** Every path of a document with its key range (map entries) and value range, from the `yaml` package. */
function documentRanges(text: string): Map<string, { key?: number[]; value: number[]; scalar: boolean }> {
  const out = new Map<string, { key?: number[]; value: number[]; scalar: boolean }>();
  const walk = (node: Node | null, path: Path, key?: number[]) => {
    if (node === null || !node.range) return;
    out.set(JSON.stringify(path), {
      ...(key ? { key } : {}),
      value: [node.range[0], node.range[1]],
      scalar: isScalar(node),
    });
    if (isMap(node)) {
      for (const pair of node.items) {
        if (!isPair(pair) || !isScalar(pair.key) || !pair.key.range) continue;
        walk(
          pair.value as Node | null,
          [...path, String(pair.key.value)],
          [pair.key.range[0], pair.key.range[1]],
        );
      }
    } else if (isSeq(node)) {
      for (const [i, item] of node.items.entries()) walk(item as Node, [...path, i]);
    }
  };
  walk(parseDocument(text).contents as Node | null, []);
  return out;
}

/** The plain reader's positions agree with the document on every key, every start and every scalar's range. */
function expectAgreement(text: string): number {
  const index = positionsOf(text);
  if (index === undefined) return 0;
  let checked = 0;
  for (const [pathText, expected] of documentRanges(text)) {
    const path = JSON.parse(pathText) as Path;
    const found = lookupPlainPath(index, path);
    expect(found.value, pathText).toBeDefined();
    if (expected.key) expect([found.key?.start, found.key?.end], pathText).toEqual(expected.key);
    if (expected.scalar && !found.value!.empty) {
      expect([found.value!.start, found.value!.end], pathText).toEqual(expected.value);
    } else if (!found.value!.empty) {
      expect(found.value!.start, pathText).toBe(expected.value[0]);
    }
    checked++;
  }
  return checked;
}

const repo = new URL("../../../../", import.meta.url);

describe("the plain reader's positions", () => {
  test("agrees with the yaml document on the example config set", () => {
    for (const name of ["providers.yaml", "model-mappings.yaml", "ports.yaml"]) {
      const text = readFileSync(new URL(`examples/config/${name}`, repo), "utf8");
      expect(expectAgreement(text), name).toBeGreaterThan(20);
    }
  });

  test("agrees on the shapes config files use", () => {
    const text = [
      "# a comment",
      'schema_version: "2.0.0"',
      "a: 1  # trailing comment",
      "b:",
      '  c: "x y"',
      "  d:",
      "    - p",
      "    - q: 1",
      "      r: [1, {s: 2}]",
      "    -",
      "      t: u",
      "  e:",
      "  - z",
      "  - 'it''s'",
      "  f:",
      "g: http://host:8001/v1",
      "'quoted key': yes",
      "",
    ].join("\n");
    expect(expectAgreement(text)).toBe(21);
  });

  test("declines what it does not read: block scalars, multi-line plain scalars, escapes in keys", () => {
    expect(positionsOf("a: |\n  text\n")).toBeUndefined();
    expect(positionsOf("a: one\n  two\n")).toBeUndefined();
    expect(positionsOf('"a\\tb": 1\n')).toBeUndefined();
    expect(positionsOf("- a\n- b\n")).toBeUndefined();
  });

  test("property: on generated block YAML it agrees with the document, or declines", () => {
    type Tree = string | { m: [string, Tree][] } | { s: Tree[] };
    const scalar = fc.constantFrom("x", "1", "http://h:1/v", '"q s"', "'it''s'", "[a, b]", "{k: v}", "");
    const key = fc.constantFrom("k1", "k2", "k3", "'s k'", '"d k"');
    const tree = fc.letrec<{ node: Tree; map: Tree; seq: Tree }>((tie) => ({
      node: fc.oneof({ depthSize: "small" }, scalar, tie("map"), tie("seq")),
      map: fc.array(fc.tuple(key, tie("node")), { minLength: 1, maxLength: 4 }).map((m) => ({ m })),
      seq: fc.array(tie("node"), { minLength: 1, maxLength: 4 }).map((s) => ({ s })),
    })).map;
    const render = (node: Tree, indent: number, indentless: boolean): string[] => {
      const lines: string[] = [];
      if (typeof node === "string") return [node];
      if ("m" in node) {
        const pad = " ".repeat(indent);
        const seen = new Set<string>();
        for (const [k, v] of node.m) {
          if (seen.has(k)) continue;
          seen.add(k);
          if (typeof v === "string") lines.push(`${pad}${k}:${v === "" ? "" : ` ${v}`}`);
          else {
            lines.push(`${pad}${k}:`);
            for (const line of render(v, indent + 2, true)) lines.push(line);
          }
        }
      } else {
        const base = indentless ? indent - 2 : indent;
        const pad = " ".repeat(base);
        for (const item of node.s) {
          if (typeof item === "string") lines.push(`${pad}-${item === "" ? "" : ` ${item}`}`);
          else {
            lines.push(`${pad}-`);
            for (const line of render(item, base + 2, false)) lines.push(line);
          }
        }
      }
      return lines;
    };
    let agreed = 0;
    fc.assert(
      fc.property(tree, (root) => {
        const text = `${render(root, 0, false).join("\n")}\n`;
        if (expectAgreement(text) > 0) agreed++;
      }),
      { numRuns: 300 },
    );
    // The interesting branch ran: most generated files are read by the index, not declined.
    expect(agreed).toBeGreaterThan(150);
  });

  test("a large plain file is located from the index, as the strict tier locates it", () => {
    const entries = Array.from(
      { length: 3000 },
      (_, i) => `  m-${i}:\n    provider: p-${i % 7}\n    fallbacks: [m-${i + 1}, "m-${i + 2}"]`,
    );
    const text = `schema_version: "2.0.0"\nexact_matches:\n${entries.join("\n")}\n`;
    expect(text.length).toBeGreaterThan(FAST_TIER_MIN_LENGTH);
    const fast = parseYaml(text, { file: "big.yaml" });
    expect(fast.indexed).toBe(true);
    // Read while reading (the audit's way) or on the first rangeOf: the same positions.
    const eager = parseYaml(text, { file: "big.yaml", positions: "while-reading" });
    expect(eager.data).toEqual(fast.data);
    const paths: (string | number)[][] = [
      ["exact_matches", "m-2999", "provider"],
      ["exact_matches", "m-1500", "fallbacks", 1],
      ["exact_matches", "m-7"],
      ["exact_matches", "m-7", "missing"],
      ["schema_version"],
    ];
    // The yaml package's document of the same text: what the strict tier locates from.
    const document = parseDocument(text);
    for (const path of paths) {
      const found = fast.rangeOf(path, "key");
      const node = document.getIn(path, true) as Node | undefined;
      if (path.at(-1) === "missing") {
        expect(found?.start.line).toBe(fast.rangeOf(path.slice(0, -1), "key")?.start.line);
        continue;
      }
      const value = fast.rangeOf(path);
      expect(value?.start.offset, JSON.stringify(path)).toBe(node?.range?.[0]);
      expect(eager.rangeOf(path), JSON.stringify(path)).toEqual(value);
      expect(eager.rangeOf(path, "key"), JSON.stringify(path)).toEqual(found);
    }
  });
});
