import { loadConfigText } from "@switchyard/config-schema/load";
import type { Flag } from "@switchyard/config-schema/schemas";
import fc from "fast-check";
import { describe, expect, test } from "vitest";
import { FLAG_FILE_TEXT } from "../../test/flag-file-text.js";
import { editFlagText } from "./edit-flag-text.js";
import { editFlagBlocks, type FlagBlocks, indexFlagBlocks, readChangedBlocks } from "./flag-blocks.js";

/** The shared fixture, with a block scalar whose lines look like names. */
const TEXT = `${FLAG_FILE_TEXT}    description: |
      Answers from the cache.
        indented: not a key
`;

function flagsOf(text: string): Record<string, Flag> | undefined {
  const loaded = loadConfigText("feature-flags", text, "f.yaml");
  if (loaded.diagnostics.some((d) => d.severity === "error")) return undefined;
  return loaded.value?.flags;
}

function index(text: string): FlagBlocks | undefined {
  const flags = flagsOf(text);
  return flags === undefined ? undefined : indexFlagBlocks(text, Object.keys(flags));
}

/** The flags a change says the new text has: the old ones with the changed blocks' replaced. */
function merged(
  before: Readonly<Record<string, Flag>>,
  change: NonNullable<ReturnType<typeof readChangedBlocks>>,
) {
  const out: Record<string, Flag> = {};
  for (const name of change.blocks.names)
    out[name] = change.names.includes(name) ? change.flags[name]! : before[name]!;
  return out;
}

describe("flag blocks", () => {
  test("a block runs from a flag's name line to the next one's; comments above a name belong to the block before", () => {
    const blocks = index(TEXT)!;
    expect(blocks.names).toEqual(["new-router", "semantic-cache"]);
    expect(blocks.indent).toBe(2);
    expect(TEXT.slice(blocks.starts[0]!, blocks.starts[1]!)).toMatch(
      /^ {2}new-router:\n[\s\S]*# Cache answers\.\n$/,
    );
    expect(TEXT.slice(blocks.starts[1]!, blocks.end)).toMatch(/^ {2}semantic-cache:\n[\s\S]*not a key\n$/);
  });

  test("layouts that cannot be indexed with certainty are declined (the store reads them whole)", () => {
    const cases = [
      // flags written as a flow mapping
      'schema_version: "2.0.0"\nflags: {a: {enabled: true}}\n',
      // a quoted name
      'schema_version: "2.0.0"\nflags:\n  "a":\n    enabled: true\n',
      // a multi-line value before `flags:`
      'schema_version: "2.0.0"\nnote: |\n  flags:\n    a:\nflags:\n  a:\n    enabled: true\n',
      // a name the parser reads differently (1e3 is the number 1000)
      'schema_version: "2.0.0"\nflags:\n  1e3:\n    enabled: true\n',
    ];
    for (const text of cases) {
      const flags = flagsOf(text);
      expect(indexFlagBlocks(text, Object.keys(flags ?? { a: true }))).toBeUndefined();
    }
    // Names found that the parse does not have (a line inside a multi-line scalar) are never taken.
    expect(indexFlagBlocks(TEXT, ["new-router"])).toBeUndefined();
  });

  test("a change inside one flag is read from that flag's lines alone", () => {
    const blocks = index(TEXT)!;
    const next = TEXT.replace("enabled: false", "enabled: true");
    const change = readChangedBlocks(blocks, next, "f.yaml")!;
    expect(change.names).toEqual(["semantic-cache"]);
    expect(change.replaced).toEqual(["semantic-cache"]);
    expect(change.flags["semantic-cache"]?.enabled).toBe(true);
    expect(change.blocks.starts).toEqual(blocks.starts);
    // A change to the text before the first flag is not a flag's: read whole.
    expect(readChangedBlocks(blocks, TEXT.replace('"2.0.0"', '"1.0.0"'), "f.yaml")).toBeUndefined();
    // A change that does not validate is left to the whole read, which locates the problem.
    expect(readChangedBlocks(blocks, TEXT.replace("enabled: false", "enabled: 7"), "f.yaml")).toBeUndefined();
    // A name that another flag already has is a duplicate key: read whole.
    expect(
      readChangedBlocks(blocks, TEXT.replace("semantic-cache:", "new-router:"), "f.yaml"),
    ).toBeUndefined();
  });

  test("differential: whenever a text is read by its changed blocks, it reads as the whole text does", () => {
    const name = fc.constantFrom("alpha", "beta", "gamma-1", "delta.x", "42", "eps_2");
    const value = fc.oneof(
      fc.constantFrom("enabled: true", "enabled: false", "rollout_percentage: 5", "rollout_percentage: 100"),
      fc.constantFrom("whitelist: [a, b]", "whitelist:\n      - a\n      - b", "tags: [x]", "version: 3"),
      fc.constantFrom(
        'description: "quoted: text"',
        "description: |\n      block\n        more",
        "owner: ops",
      ),
    );
    const flag = fc.record({
      name,
      lines: fc.uniqueArray(value, { minLength: 0, maxLength: 4, selector: (v) => v.split(":")[0]! }),
      comment: fc.boolean(),
    });
    const file = fc.record({
      flags: fc.uniqueArray(flag, { minLength: 1, maxLength: 6, selector: (f) => f.name }),
      // `schema_version` after `flags:` (then the blocks alone do not validate, and are read whole).
      trailer: fc.constantFrom(false, false, false, false, true),
    });
    const snippets = [
      "  zeta:\n    enabled: true\n",
      "    rollout_percentage: 7\n",
      "  # note\n",
      "# top comment\n",
      "\n",
      " ",
      "  ",
      ":",
      '"',
      "[",
      "    description: |\n      hi\n",
      "other: 1\n",
      "flags:\n",
      "    - a\n",
      "  alpha:\n    enabled: false\n",
      "\t",
      "    enabled: true\n",
      "    enabled: false\n",
      "x",
    ];
    // Whole lines inserted, removed or replaced (what people do), and raw cuts anywhere (what
    // half-saved files and slips look like).
    const edit = fc.record({
      kind: fc.constantFrom("insert", "delete", "replace", "raw"),
      at: fc.nat(),
      remove: fc.nat({ max: 40 }),
      insert: fc.constantFrom(...snippets, ""),
    });
    const apply = (text: string, e: { kind: string; at: number; remove: number; insert: string }) => {
      if (e.kind === "raw") {
        const at = e.at % (text.length + 1);
        return text.slice(0, at) + e.insert + text.slice(at + e.remove);
      }
      const lines = text.split(/(?<=\n)/);
      const i = e.at % (lines.length + 1);
      const added = e.insert.endsWith("\n") || e.insert === "" ? e.insert : `${e.insert}\n`;
      if (e.kind === "insert") lines.splice(i, 0, added);
      else if (e.kind === "delete") lines.splice(i, 1);
      else lines.splice(i, 1, added);
      return lines.join("");
    };
    let read = 0;
    let runs = 0;
    fc.assert(
      fc.property(file, fc.array(edit, { minLength: 1, maxLength: 2 }), (spec, edits) => {
        const lines = ["# flags"];
        if (!spec.trailer) lines.push('schema_version: "2.0.0"');
        lines.push("flags:");
        for (const f of spec.flags) {
          if (f.comment) lines.push(`  # ${f.name}`);
          lines.push(`  ${f.name}:`);
          if (!f.lines.some((l) => l.startsWith("enabled"))) lines.push("    enabled: true");
          for (const line of f.lines) lines.push(`    ${line}`);
        }
        if (spec.trailer) lines.push('schema_version: "2.0.0"');
        const text = `${lines.join("\n")}\n`;
        const before = flagsOf(text);
        if (before === undefined) return;
        const blocks = indexFlagBlocks(text, Object.keys(before));
        if (blocks === undefined) return;
        let next = text;
        for (const e of edits) next = apply(next, e);
        const whole = flagsOf(next);
        if (whole !== undefined && next !== text) runs++;
        const change = readChangedBlocks(blocks, next, "f.yaml");
        if (change === undefined) return;
        read++;
        expect(whole).toBeDefined();
        const mine = merged(before, change);
        expect(mine).toEqual(whole);
        // In the order a whole read gives (integer-like names first).
        expect(Object.keys(mine).sort()).toEqual(Object.keys(whole!).sort());
        // The new index is the one the new text gives.
        const fresh = indexFlagBlocks(next, Object.keys(whole!));
        if (fresh !== undefined) {
          expect(change.blocks.names).toEqual(fresh.names);
          expect(change.blocks.starts).toEqual(fresh.starts);
          expect(change.blocks.end).toBe(fresh.end);
        }
      }),
      { numRuns: 1500, seed: 20261205 },
    );
    // Not vacuous: most edits that leave a valid file are read by their blocks (the others change
    // the text before the first flag, put a tab in, or follow a file with `schema_version` last).
    expect(read).toBeGreaterThan(runs / 2);
  });

  test("differential: editing a flag's block gives the text editing the whole document gives", () => {
    const flagArb = fc.record(
      {
        enabled: fc.boolean(),
        rollout_percentage: fc.integer({ min: 0, max: 100 }),
        whitelist: fc.uniqueArray(fc.constantFrom("ann", "bob", "cat", "dan"), { maxLength: 3 }),
        tags: fc.uniqueArray(fc.constantFrom("x", "y"), { maxLength: 2 }),
        version: fc.integer({ min: 1, max: 9 }),
        owner: fc.constantFrom("ops", "a b", "x: y"),
      },
      { requiredKeys: ["enabled", "version"] },
    );
    const texts = [
      TEXT,
      TEXT.replace('schema_version: "2.0.0"\n', "").concat('schema_version: "2.0.0"\n'),
      TEXT.trimEnd(),
      'schema_version: "2.0.0"\nflags:\n    a:\n        enabled: true\n    b:\n        enabled: false\n        whitelist: [x]\n',
    ];
    let compared = 0;
    fc.assert(
      fc.property(
        fc.constantFrom(...texts),
        fc.constantFrom("new-router", "semantic-cache", "a", "b", "fresh"),
        flagArb,
        (text, name, flag) => {
          const blocks = index(text);
          expect(blocks).toBeDefined();
          const mine = editFlagBlocks(blocks!, [{ name, flag }]);
          if (mine === undefined) return;
          compared++;
          const whole = editFlagText(text, name, flag);
          expect(flagsOf(mine)).toEqual(flagsOf(whole));
          // Byte for byte when nothing follows the flags (the block is the document's tail).
          if (blocks!.end === text.length) expect(mine).toBe(whole);
        },
      ),
      { numRuns: 400, seed: 20261205 },
    );
    expect(compared).toBeGreaterThan(300);
  });
});
