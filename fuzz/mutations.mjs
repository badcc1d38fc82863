// Mutations of a config set, as data: fast-check generates a list of small descriptors per input
// (reproducible from the seed and the input's index), and `applyMutations` turns them into bytes.
// Big payloads (100k-character lines, 150,000 lines, deep nesting) are built when applied, so a
// descriptor stays small.
import fc from "fast-check";

/** Snippets that break YAML, the schemas or the renderers in known ways (issue #10's list and more). */
export const SNIPPETS = [
  "\t",
  "\uFEFF",
  "\0",
  "\r",
  "\r\n",
  "\u2028",
  "\u{1F600}",
  "\x1b[2J\x1b]0;pwned\x07",
  "\n::error title=fuzz::injected\n",
  ": ",
  "- ",
  "[",
  "{",
  "]",
  "}",
  "'",
  '"',
  "&a ",
  "*a",
  "<<: *a\n",
  "!!js/function ",
  "!!binary ",
  "!!python/object:os.system ",
  "!custom ",
  "? ",
  "|",
  ">-",
  "#",
  "%YAML 1.1\n",
  "---\n",
  "...\n",
  "__proto__: {}\n",
  "constructor: 1\n",
  "prototype: x\n",
  "schema_version: 9.9.9\n",
  'schema_version: "1.0.0"\n',
  "$" + "{HOME}",
  "os.environ/",
  "../../../etc/passwd",
  "%",
  "@",
  "`",
];

/** Values a scalar is swapped for. */
export const VALUES = [
  "[]",
  "{}",
  "123",
  "-1",
  "1e309",
  "true",
  "null",
  "~",
  '""',
  "[1, [2, [3]]]",
  "0x1F",
  ".nan",
  "2026-13-45",
  "99999999999999999999999",
  "'unterminated",
  '"\\u0000\\ud800"',
  "*undefined_alias",
  "&anchor [*anchor]",
  "!!str 1",
  "http://[::1",
  "os.environ/",
  "sk-proj-AAAAAAAAAAAAAAAAAAAAAAAAAAAA",
];

/** Bytes that are not UTF-8 (a lone surrogate as CESU-8, a stray continuation byte, 0xFF). */
const RAW = [[0xed, 0xa0, 0x80], [0x80], [0xff, 0xfe], [0xc3], [0xf4, 0x90, 0x80, 0x80]];

const at = fc.double({ min: 0, max: 1, noNaN: true, maxExcluded: true });

/** One mutation of one file (`file` indexes the set's mutable files). */
export const mutation = fc.oneof(
  {
    weight: 6,
    arbitrary: fc.record({
      op: fc.constant("insert"),
      file: fc.nat(),
      at,
      snippet: fc.nat(SNIPPETS.length - 1),
    }),
  },
  {
    weight: 2,
    arbitrary: fc.record({ op: fc.constant("raw"), file: fc.nat(), at, bytes: fc.nat(RAW.length - 1) }),
  },
  {
    weight: 2,
    arbitrary: fc.record({
      op: fc.constant("text"),
      file: fc.nat(),
      at,
      text: fc.string({ unit: "binary", maxLength: 12 }),
    }),
  },
  {
    weight: 5,
    arbitrary: fc.record({
      op: fc.constant("swap-type"),
      file: fc.nat(),
      at,
      value: fc.nat(VALUES.length - 1),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constant("forbidden-key"),
      file: fc.nat(),
      at,
      key: fc.constantFrom("__proto__", "constructor", "prototype"),
    }),
  },
  {
    weight: 3,
    arbitrary: fc.record({
      op: fc.constantFrom("delete-line", "duplicate-line", "indent", "dedent"),
      file: fc.nat(),
      at,
      n: fc.integer({ min: 1, max: 8 }),
    }),
  },
  { weight: 2, arbitrary: fc.record({ op: fc.constant("swap-lines"), file: fc.nat(), at, other: at }) },
  { weight: 1, arbitrary: fc.record({ op: fc.constant("truncate"), file: fc.nat(), at }) },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constantFrom("empty", "remove", "crlf", "bom", "only-comments"),
      file: fc.nat(),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("long-line"),
      file: fc.nat(),
      at,
      thousands: fc.integer({ min: 1, max: 100 }),
      char: fc.constantFrom("a", "é", " ", "\t", "#", "x: ", "{"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("many-lines"),
      file: fc.nat(),
      thousands: fc.integer({ min: 1, max: 150 }),
      line: fc.constantFrom("]", "- x", "a: b", "{", "'", "  - [", "? x"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("deep"),
      file: fc.nat(),
      at,
      depth: fc.integer({ min: 10, max: 5000 }),
      style: fc.constantFrom("flow-seq", "flow-map", "block", "unclosed"),
    }),
  },
  {
    weight: 1,
    arbitrary: fc.record({
      op: fc.constant("aliases"),
      file: fc.nat(),
      at,
      width: fc.integer({ min: 2, max: 12 }),
      levels: fc.integer({ min: 2, max: 12 }),
    }),
  },
);

/** One fuzz input: mutations, and whether a literal secret is planted first. */
export const input = fc.record({
  secret: fc.boolean(),
  mutations: fc.array(mutation, { minLength: 1, maxLength: 4 }),
});

/** The descriptor of input number `index` of run `seed` (the same on every machine). */
export function inputAt(seed, index) {
  return fc.sample(input, { seed: (seed + index * 7919) | 0, numRuns: 1 })[0];
}

const lineStarts = (text) => {
  const starts = [0];
  for (let i = 0; i < text.length; i++) if (text[i] === "\n") starts.push(i + 1);
  return starts;
};

function replaceLine(text, fraction, edit) {
  const lines = text.split("\n");
  const i = Math.floor(fraction * lines.length);
  // Edits return a few lines: no spread of an unbounded array.
  return [...lines.slice(0, i), ...edit(lines[i] ?? "", i, lines), ...lines.slice(i + 1)].join("\n");
}

function deep(depth, style) {
  switch (style) {
    case "flow-seq":
      return `deep: ${"[".repeat(depth)}${"]".repeat(depth)}\n`;
    case "flow-map":
      return `deep: ${"{a: ".repeat(depth)}1${"}".repeat(depth)}\n`;
    case "unclosed":
      return `deep: ${"[{".repeat(depth)}\n`;
    default: {
      const levels = Math.min(depth, 400);
      return `${Array.from({ length: levels }, (_, i) => `${"  ".repeat(i)}a${i}:`).join("\n")} x\n`;
    }
  }
}

function aliases(width, levels) {
  const lines = ["laughs:", `  l0: &l0 ["lol"]`];
  for (let l = 1; l < levels; l++)
    lines.push(`  l${l}: &l${l} [${Array.from({ length: width }, () => `*l${l - 1}`).join(", ")}]`);
  return `${lines.join("\n")}\n`;
}

/**
 * Apply `mutations` to `files` (a Map of name → Buffer, changed in place). `names` are the mutable
 * files, indexed by each mutation's `file` modulo their count.
 */
export function applyMutations(files, names, mutations) {
  for (const m of mutations) {
    const name = names[m.file % names.length];
    const current = files.get(name);
    if (current === undefined && m.op !== "remove") continue;
    if (m.op === "raw") {
      const offset = Math.floor(m.at * (current.length + 1));
      files.set(
        name,
        Buffer.concat([current.subarray(0, offset), Buffer.from(RAW[m.bytes]), current.subarray(offset)]),
      );
      continue;
    }
    if (m.op === "remove") {
      files.delete(name);
      continue;
    }
    const text = current.toString("utf8");
    let next = text;
    switch (m.op) {
      case "insert":
      case "text": {
        const piece = m.op === "insert" ? SNIPPETS[m.snippet] : m.text;
        // Half the time at a line start (where YAML structure lives), else anywhere.
        const starts = lineStarts(text);
        const offset =
          m.at < 0.5
            ? starts[Math.floor(m.at * 2 * starts.length)]
            : Math.floor((m.at - 0.5) * 2 * (text.length + 1));
        next = text.slice(0, offset) + piece + text.slice(offset);
        break;
      }
      case "swap-type":
        next = replaceLine(text, m.at, (line) => {
          const colon = line.indexOf(": ");
          return [
            colon === -1 ? `${line} ${VALUES[m.value]}` : `${line.slice(0, colon + 2)}${VALUES[m.value]}`,
          ];
        });
        break;
      case "forbidden-key":
        next = replaceLine(text, m.at, (line) => {
          const match = /^(\s*(?:- )?)([^:#]+):/.exec(line);
          return match ? [`${match[1]}${m.key}${line.slice(match[0].length - 1)}`] : [line, `${m.key}: {}`];
        });
        break;
      case "delete-line":
        next = replaceLine(text, m.at, () => []);
        break;
      case "duplicate-line":
        next = replaceLine(text, m.at, (line) => Array.from({ length: m.n + 1 }, () => line));
        break;
      case "indent":
        next = replaceLine(text, m.at, (line) => [" ".repeat(m.n) + line]);
        break;
      case "dedent":
        next = replaceLine(text, m.at, (line) => [line.replace(new RegExp(`^ {0,${m.n}}`), "")]);
        break;
      case "swap-lines": {
        const lines = text.split("\n");
        const i = Math.floor(m.at * lines.length);
        const j = Math.floor(m.other * lines.length);
        [lines[i], lines[j]] = [lines[j], lines[i]];
        next = lines.join("\n");
        break;
      }
      case "truncate":
        next = text.slice(0, Math.floor(m.at * text.length));
        break;
      case "empty":
        next = "";
        break;
      case "crlf":
        next = text.replace(/\r?\n/g, "\r\n");
        break;
      case "bom":
        next = `\uFEFF${text}`;
        break;
      case "only-comments":
        next = text.replace(/^/gm, "# ");
        break;
      case "long-line":
        next = replaceLine(text, m.at, (line) => [line, `long: ${m.char.repeat(m.thousands * 1000)}`]);
        break;
      case "many-lines":
        next = `${text}\n${`${m.line}\n`.repeat(m.thousands * 1000)}`;
        break;
      case "deep":
        next = `${text}\n${deep(m.depth, m.style)}`;
        break;
      case "aliases":
        next = `${text}\n${aliases(m.width, m.levels)}`;
        break;
      default:
        throw new Error(`unknown mutation ${m.op}`);
    }
    files.set(name, Buffer.from(next, "utf8"));
  }
  return files;
}
