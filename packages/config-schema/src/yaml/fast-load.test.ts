import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { parseDocument } from "yaml";
import { FAST_TIER_MIN_LENGTH, fastLoad } from "./fast-load.js";
import { parseYaml } from "./parse.js";
import { readPlain, readPlainLocated } from "./plain-reader.js";

/** The strict tier's reading of a text: its data, or "error" when it reports any error. */
function strict(text: string): unknown {
  const document = parseDocument(text, { uniqueKeys: true, logLevel: "silent" });
  if (document.errors.length > 0) return `error: ${document.errors.map((e) => e.message).join("; ")}`;
  return document.toJS();
}

/**
 * The property every text must hold: the fast tier, and its first step the plain reader, each
 * either decline or read exactly what the strict tier reads. Returns whether the fast tier read it:
 * a property that only ever saw declines checked nothing, so each property counts the reads and
 * asserts a minimum.
 */
function agrees(text: string): boolean {
  let reference: unknown;
  let read = false;
  for (const [name, reader] of [
    ["fast tier", fastLoad],
    ["plain reader", readPlain],
    // Repeated and forbidden keys, which the strict tier reports, are held to it below.
    [
      "plain reader recording positions",
      (t: string) => {
        const read = readPlainLocated(t);
        return read?.repeated.length === 0 && read.forbidden.length === 0 ? read.data : undefined;
      },
    ],
  ] as const) {
    const fast = reader(text);
    if (fast === undefined) continue;
    if (name === "fast tier") read = true;
    reference ??= strict(text);
    if (typeof reference === "string")
      expect.fail(`strict tier rejects a text the ${name} read (${reference}):\n${text}`);
    expect(fast, `${name}: ${JSON.stringify(text)}`).toEqual(reference);
  }
  return read;
}

const examples = new URL("../../../../examples/", import.meta.url).pathname;
function yamlFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return yamlFiles(path);
    return /\.ya?ml$/.test(name) ? [path] : [];
  });
}

/**
 * How many of a property's 1000 runs the fast tier must read (not decline) for it to prove anything: a
 * tier that declines everything would pass `agrees` every time. Measured: ~170–205 of the generated
 * documents and ~490–500 of the mutated ones are read; the floors leave room for the seed's luck.
 */
const READ_AT_LEAST = { generated: 100, mutated: 300 };

describe("fastLoad", () => {
  test("reads every example file exactly as the strict tier does (or declines)", () => {
    const files = yamlFiles(examples);
    expect(files.length).toBeGreaterThan(20);
    let read = 0;
    for (const file of files) {
      const text = readFileSync(file, "utf8");
      agrees(text);
      if (fastLoad(text) !== undefined) read++;
    }
    // Most example files are plain and take the fast tier.
    expect(read).toBeGreaterThan(files.length / 3);
  });

  test("resolves plain scalars as YAML 1.2 core, not 1.1", () => {
    const data = fastLoad(
      "a: yes\nb: 0o17\nc: 017\nd: 0x1F\ne: 1_000\nf: .inf\ng: -.Inf\nh: 2026-01-31\ni: ~\nj:\nk: True\nl: 1e3\nm: 12:30\nn: +5\n",
    );
    expect(data).toEqual({
      a: "yes",
      b: 15,
      c: 17,
      d: 31,
      e: "1_000",
      f: Number.POSITIVE_INFINITY,
      g: Number.NEGATIVE_INFINITY,
      h: "2026-01-31",
      i: null,
      j: null,
      k: true,
      l: 1000,
      m: "12:30",
      n: 5,
    });
  });

  test("the plain reader reads the plain example files itself", () => {
    const files = yamlFiles(examples);
    const read = files.filter((file) => readPlain(readFileSync(file, "utf8")) !== undefined);
    expect(read.length).toBeGreaterThan(files.length / 4);
  });

  test("declines what the strict tier must report or could read differently", () => {
    for (const text of [
      "a: 1\na: 2\n",
      "a: &x 1\nb: *x\n",
      "a:\n\tb: 1\n",
      "a: !!str 1\n",
      "__proto__: {x: 1}\n",
      "--- a\n--- b\n",
      "- a\n- b\n",
      "",
      "a: [1, 2\n",
    ]) {
      expect(fastLoad(text), text).toBeUndefined();
    }
    for (const text of [
      "a: |\n  x\n",
      "a: b\n  c\n",
      "a: 'b\n  c'\n",
      'a: "\\u0041"\n',
      "a: b: c\n",
      "<<: {x: 1}\n",
      "null: 1\n",
      ": 1\n",
      "a: [b, ]\n",
      "a: {b}\n",
      "- - a\n",
      "  a: 1\n",
      "a:\n  b: 1\n c: 2\n",
      `${"k".repeat(1025)}: 1\n`,
      "a: 'x'y\n",
      "a: 1\n...\n",
      "a: 1\r\nb: 2\rc: 3\n",
      "a: x\u2028y\n",
    ]) {
      expect(readPlain(text), text).toBeUndefined();
      agrees(text);
    }
  });

  test("the plain reader reads block structure, flow collections, comments and CRLF as the strict tier", () => {
    for (const text of [
      "a:\n- x\n- y\nb: 1\n",
      "a:\n  - k: 1\n    l: [1, 'two', {m: \"n\"}]\n  -\n  - # c\n  - z # c\nb: {}\n",
      "# head\n\na: 1 # c\n\n  # indented comment\nb:   'it''s' # c\nc: \"x: y\"\n",
      "a: 1\r\nb:\r\n  - 2\r\n",
      "'q k': 1\n\"d k\" : 2\n1: one\n0x1F: hex\n.inf: x\n",
      "a: b[c]\nd: e :f\ng: http://h:1/v1\nh: a#b\n",
      "a:\n  b:\n    c:\n      - - x\n".replace("- - x", "- x"),
    ]) {
      expect(readPlain(text), text).not.toBeUndefined();
      agrees(text);
    }
  });

  const scalar = fc.oneof(
    fc.constantFrom(
      "yes",
      "No",
      "on",
      "true",
      "TRUE",
      "False",
      "null",
      "Null",
      "~",
      "0",
      "-0",
      "+7",
      "007",
      "0o17",
      "0o8",
      "0x1f",
      "0X1F",
      "1_000",
      "1.5",
      "1.",
      ".5",
      "1e3",
      "1E-2",
      ".inf",
      "-.INF",
      ".nan",
      ".NaN",
      "12:30",
      "2026-01-31",
      "1.0.0",
      "os.environ/KEY",
      "http://h:1/v1",
      "a b",
      "'q'",
      '"d\\n"',
      '"x: y"',
      "'it''s'",
      "-",
      "- x",
      "[1, 2]",
      "{a: 1}",
      "[]",
      "{}",
      "a#b",
      "a #c",
      "''",
      '""',
      "|\n  block\n  text",
      ">-\n  folded\n  text",
    ),
    fc.string({ maxLength: 8 }),
  );
  const key = fc.oneof(
    fc.constantFrom("a", "b", "port", "1", "true", "null", "x y", "'q'", '"k"', "~"),
    fc.string({ maxLength: 5 }),
  );

  test("property: generated documents read the same in both tiers", () => {
    const entry = fc.tuple(key, scalar, fc.nat(2));
    const doc = fc
      .array(entry, { minLength: 1, maxLength: 8 })
      .map((entries) =>
        entries
          .map(([k, v, nest]) =>
            nest === 0
              ? `${k}: ${v}`
              : nest === 1
                ? `${k}:\n  - ${v}\n  - ${v}`
                : `${k}:\n  inner: ${v}\n  other: 1`,
          )
          .join("\n"),
      );
    let read = 0;
    fc.assert(
      fc.property(doc, (text) => {
        if (agrees(`${text}\n`)) read++;
      }),
      { numRuns: 1000 },
    );
    // The fast tier read (and so was compared on) at least this many of the 1000 documents.
    expect(read).toBeGreaterThanOrEqual(READ_AT_LEAST.generated);
  });

  test("property: generated nested structures read the same in the plain reader and the strict tier", () => {
    type Tree = { s: string } | { seq: Tree[] } | { map: [string, Tree][] };
    const tree = fc.letrec<{ node: Tree }>((tie) => ({
      node: fc.oneof(
        { depthSize: "small" },
        scalar.filter((v) => !v.includes("\n")).map((s) => ({ s })),
        fc.array(tie("node"), { minLength: 1, maxLength: 3 }).map((seq) => ({ seq })),
        fc.array(fc.tuple(key, tie("node")), { minLength: 1, maxLength: 3 }).map((map) => ({ map })),
      ),
    })).node;
    /** Block YAML for a tree, `indent` spaces deep; a sequence under a key flush with it or indented. */
    const emit = (t: Tree, indent: number, flush: boolean, comment: string): string[] => {
      const pad = " ".repeat(indent);
      if ("s" in t) return [`${pad}${t.s}`];
      if ("map" in t)
        return t.map.flatMap(([k, v]) =>
          "s" in v
            ? [`${pad}${k}: ${v.s}${comment}`]
            : [
                `${pad}${k}:${comment}`,
                ...emit(v, "seq" in v && flush ? indent : indent + 2, flush, comment),
              ],
        );
      return t.seq.flatMap((v) =>
        "s" in v ? [`${pad}- ${v.s}`] : [`${pad}-`, ...emit(v, indent + 2, flush, comment)],
      );
    };
    fc.assert(
      fc.property(
        fc.array(fc.tuple(key, tree), { minLength: 1, maxLength: 4 }),
        fc.boolean(),
        fc.constantFrom("", " # c", "  #c"),
        fc.constantFrom("\n", "\r\n"),
        (root, flush, comment, eol) => {
          agrees(`${emit({ map: root }, 0, flush, comment).join(eol)}${eol}`);
        },
      ),
      { numRuns: 1500 },
    );
  });

  test("property: mutations of a real config read the same in both tiers (or are declined)", () => {
    const base = readFileSync(join(examples, "config", "providers.yaml"), "utf8");
    const mutation = fc.tuple(
      fc.nat(base.length),
      fc.nat(6),
      fc.constantFrom(
        "",
        " ",
        "  ",
        "\n",
        ":",
        "-",
        "#",
        "'",
        '"',
        "[",
        "]",
        "{",
        "}",
        ",",
        "x",
        "1",
        "- ",
        ": ",
        "|",
        ">",
      ),
    );
    let read = 0;
    fc.assert(
      fc.property(fc.array(mutation, { minLength: 1, maxLength: 3 }), (edits) => {
        let text = base;
        for (const [at, remove, insert] of edits) {
          const i = Math.min(at, text.length);
          text = text.slice(0, i) + insert + text.slice(i + remove);
        }
        if (agrees(text)) read++;
      }),
      { numRuns: 1000 },
    );
    expect(read).toBeGreaterThanOrEqual(READ_AT_LEAST.mutated);
  });
});

describe("both tiers apply the same checks (forbidden keys, #10 item 7)", () => {
  /** Comment lines that take a text past the fast tier's threshold without changing its data. */
  const PADDING = `${"# padding that makes the file large enough for the fast tier\n".repeat(
    Math.ceil(FAST_TIER_MIN_LENGTH / 60) + 1,
  )}`;

  /** What the loader reports about forbidden keys, and the data it hands on. */
  function reading(text: string) {
    const source = parseYaml(text, { file: "providers.yaml" });
    return {
      forbidden: source.diagnostics
        .filter((d) => d.code === "SY1007")
        .map((d) => [d.message, d.range?.start.line, d.range?.start.column]),
      errors: source.diagnostics.filter((d) => d.severity === "error").map((d) => d.code),
      data: source.data,
    };
  }

  /** Returns whether the large text was read by the fast tier (else both went to the strict tier). */
  function sameInBothTiers(text: string): boolean {
    const large = `${text}${PADDING}`;
    expect(large.length).toBeGreaterThanOrEqual(FAST_TIER_MIN_LENGTH);
    expect(reading(large), text).toEqual(reading(text));
    return parseYaml(large, { file: "providers.yaml" }).indexed;
  }

  // Spellings the text search of the fast tier cannot see: escapes in quoted keys.
  const FORBIDDEN_SPELLINGS = [
    "__proto__",
    "'__proto__'",
    '"__proto__"',
    '"\\u005f_proto__"',
    '"\\x5f_proto__"',
    '"_\\x5fproto__"',
    '"constructo\\u0072"',
    '"con\\x73tructor"',
    '"prot\\u006ftype"',
    '"\\U0000005f_proto__"',
    "constructor",
    "prototype",
  ];

  test("an escaped __proto__ provider id in a large file is SY1007, as in a small one", () => {
    const text = [
      'schema_version: "2.0.0"',
      "providers:",
      '  "\\u005f_proto__":',
      "    type: ollama",
      "    base_url: http://127.0.0.1:11435",
      "    models:",
      "      - name: evil",
      "",
    ].join("\n");
    expect(reading(text).forbidden).toEqual([["Key '__proto__' is not allowed", 3, 3]]);
    sameInBothTiers(text);
  });

  test("property: forbidden keys anywhere, in any spelling, read the same in both tiers", () => {
    const key = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom(...FORBIDDEN_SPELLINGS) },
      { weight: 2, arbitrary: fc.constantFrom("a", "b", "name", "models", "x_y") },
    );
    const value = fc.constantFrom("1", "x", "{}", "[]", "null", "'v'");
    const entry = fc.tuple(key, value, fc.nat(3), key);
    const doc = fc.array(entry, { minLength: 1, maxLength: 6 }).map((entries) =>
      entries
        .map(([k, v, shape, inner], i) => {
          const top = `k${i}`;
          switch (shape) {
            case 0:
              return `${k}: ${v}`;
            case 1:
              return `${top}:\n  ${inner}: ${v}`;
            case 2:
              return `${top}:\n  - ${inner}: ${v}`;
            default:
              return `${top}: { ${inner}: ${v} }`;
          }
        })
        .join("\n"),
    );
    let fast = 0;
    fc.assert(
      fc.property(doc, (text) => {
        if (sameInBothTiers(`${text}\n`)) fast++;
      }),
      { numRuns: 300 },
    );
    // The fast tier read at least this many of the 300 large texts (~10% measured: most hold a
    // forbidden key, which sends a text to the strict tier); a tier that declined all of them would
    // make both readings the strict tier's and prove nothing.
    expect(fast).toBeGreaterThanOrEqual(10);
  });
});

describe("repeated and forbidden keys read the same in both tiers (the plain reader reads them, fuzz budget #10)", () => {
  const PADDING = `${"# padding that makes the file large enough for the fast tier\n".repeat(
    Math.ceil(FAST_TIER_MIN_LENGTH / 60) + 1,
  )}`;

  /** Everything the loader says about a text, the data it hands on, and where its keys are. */
  function reading(text: string) {
    const source = parseYaml(text, { file: "providers.yaml" });
    const located: unknown[] = [];
    const walk = (value: unknown, path: (string | number)[]) => {
      // Starts: a block collection's end differs by design (plain-reader.ts: it ends at its last token).
      if (path.length > 0)
        located.push([path, source.rangeOf(path)?.start, source.rangeOf(path, "key")?.start]);
      if (path.length >= 3 || value === null || typeof value !== "object") return;
      for (const [k, v] of Object.entries(value)) walk(v, [...path, Array.isArray(value) ? Number(k) : k]);
    };
    walk(source.data, []);
    return {
      diagnostics: source.diagnostics.map((d) => ({
        code: d.code,
        message: d.message,
        range: d.range,
        related: d.related?.map((r) => r.range),
      })),
      data: source.data,
      located,
    };
  }

  test("property: repeats in maps, nested maps and list items (a forgotten `- `), explicit keys (`? k`), forbidden keys, a leading `---`, as the strict tier says", () => {
    const key = fc.constantFrom(
      "a",
      "b",
      "name",
      "1",
      "'1'",
      "1.0",
      "true",
      '"a"',
      "x y",
      "constructor",
      "'__proto__'",
    );
    const value = fc.constantFrom("1", "x", "[1, 2]", "{p: 1}", "'v'", "");
    // `k: v`, or an explicit key: `? k` alone or with its `: v` line below.
    const explicit = fc.boolean();
    const shape = fc.nat(3);
    /** An entry's lines. */
    const linesOf = ([k, v, isExplicit]: [string, string, boolean]) =>
      isExplicit ? (v === "" ? [`? ${k}`] : [`? ${k}`, `: ${v}`]) : [`${k}:${v === "" ? "" : ` ${v}`}`];
    const doc = fc
      .tuple(
        fc.boolean(),
        fc.array(fc.tuple(shape, fc.array(fc.tuple(key, value, explicit), { minLength: 1, maxLength: 4 })), {
          minLength: 1,
          maxLength: 5,
        }),
      )
      .map(
        ([marker, blocks]) =>
          // A document start marker first, or not.
          (marker ? "---\n" : "") +
          blocks
            .map(([kind, entries], i) => {
              const lines = entries.flatMap(linesOf);
              switch (kind) {
                case 0:
                  return lines.join("\n");
                case 1:
                  return `k${i}:\n${lines.map((l) => `  ${l}`).join("\n")}`;
                case 2:
                  return `k${i}:\n${lines.map((l, j) => `${j === 0 ? "  - " : "    "}${l}`).join("\n")}`;
                default:
                  return `k${i}:\n${entries
                    .map((e) =>
                      linesOf(e)
                        .map((l, j) => `${j === 0 ? "  - " : "    "}${l}`)
                        .join("\n"),
                    )
                    .join("\n")}`;
              }
            })
            .join("\n"),
      );
    let fast = 0;
    let repeated = 0;
    let explicitRead = 0;
    fc.assert(
      fc.property(doc, (body) => {
        const text = `${body}\n`;
        const small = reading(text);
        expect(text.length).toBeLessThan(FAST_TIER_MIN_LENGTH);
        const large = `${text}${PADDING}`;
        expect(reading(large), text).toEqual(small);
        if (parseYaml(large, { file: "providers.yaml" }).indexed) {
          fast++;
          if (small.diagnostics.some((d) => d.code === "SY1002" || d.code === "SY1024")) repeated++;
          if (/^ *\? /m.test(text)) explicitRead++;
        }
      }),
      { numRuns: 600 },
    );
    // The fast tier read many of them, repeats and explicit keys included (a tier that declined them all would make
    // both readings the strict tier's and prove nothing).
    expect(fast).toBeGreaterThanOrEqual(100);
    expect(repeated).toBeGreaterThanOrEqual(50);
    expect(explicitRead).toBeGreaterThanOrEqual(50);
  });

  test("a repeated list item key is one SY1024 and no data; repeats past the cap leave no data", () => {
    const text = "models:\n  - name: a\n    size: 1\n    name: b\n";
    for (const t of [text, `${text}${PADDING}`]) {
      const source = parseYaml(t, { file: "providers.yaml" });
      expect(source.diagnostics.map((d) => `${d.code} ${d.range?.start.line}`)).toEqual(["SY1024 4"]);
      expect(source.data).toBeUndefined();
    }
    const many = `a: 1\n${"b: 2\n".repeat(1002)}`;
    const source = parseYaml(many, { file: "providers.yaml" });
    expect(source.indexed).toBe(true);
    expect(source.diagnostics.map((d) => d.code).filter((c) => c === "SY1002")).toHaveLength(1000);
    expect(source.diagnostics.at(-1)?.code).toBe("SY1019");
    expect(source.data).toBeUndefined();
  });
});
