/**
 * Which diagnostic codes the tests saw emitted. The shared setup file wraps every `expect(…)`
 * matcher and hands the value under test (the "actual") to {@link codesIn}; at the end of each test
 * file the codes found are appended to `$SWITCHYARD_EMITTED_CODES/<pid>.txt`. After the whole run,
 * `scripts/catalogue-coverage.mjs` enumerates every package's catalogue and fails on a code that no
 * test saw. Only the actual side of an assertion counts, never the expected side: a test that only
 * names a code does not cover it, a test that checks a result holding it does.
 *
 * What counts as emitted, in a value under test:
 * - a diagnostic: an object with a `code` like `SY1234` and a `message` (or a `reason`, as a
 *   port's status says why it is UNKNOWN); an Error whose `code` is one;
 * - a SARIF result: an object with a `ruleId` like `SY1234` and a `message`;
 * - rendered output: `error[SY1234]` (pretty), `error SY1234` (compact), `title=SY1234` (GitHub
 *   workflow commands), a line or string starting with the code and a space (`SY1234 message`),
 *   an audit finding line (`  medium   SY5202 no-backups`), the ports verdict (`Not ready: litellm
 *   (SY6011)`), and a string that is exactly a code inside a list (`diagnostics.map((d) => d.code)`);
 * - JSON text (`--json` output), parsed and looked at as above.
 * Catalogue entries (title, cause, fix) and the `explain` text of an entry are not emissions.
 *
 * Nor are listings of codes, which tests of catalogues, `explain --list` and the troubleshooting
 * page assert on: a value under test that names more than {@link LISTING} distinct codes is a
 * listing and counts for none, and a bare code as the whole value (`expect(entry.code).toBe(code)`
 * while looping over a catalogue) counts for nothing either, since it says nothing of where the code
 * came from. (A first recording run counted SY3024, which no source emits, as covered through
 * exactly these.)
 */

const CODE = /^SY\d{4}$/;
const RENDERED =
  /\b(?:error|warning|info|note|notice)\[(SY\d{4})\]|\b(?:error|warning|info) (SY\d{4})\b|\btitle=(SY\d{4})\b|^(SY\d{4})(?: |$)|^ +(?:critical|high|medium|low|info) +(SY\d{4}) |^Not ready: .*\((SY\d{4})\)/gm;
/** `formatCatalogueEntry` text (what `explain` prints): a catalogue entry, not a finding. */
const EXPLAIN = /^SY\d{4} [a-z0-9-]+ \((?:error|warning|info)\)\n/;
const MAX_NODES = 100_000;
const MAX_JSON = 32 * 1024 * 1024;

function isCatalogueEntry(value: Record<string, unknown>): boolean {
  return typeof value.title === "string" && typeof value.cause === "string" && typeof value.fix === "string";
}

function scanString(text: string, found: Set<string>): void {
  if (text.length < 6 || !text.includes("SY")) return;
  if (CODE.test(text)) {
    found.add(text);
    return;
  }
  const trimmed = text.trimStart();
  if ((trimmed.startsWith("{") || trimmed.startsWith("[")) && text.length <= MAX_JSON) {
    try {
      walk(JSON.parse(text), found);
      return;
    } catch {
      // not JSON: scan as text
    }
  }
  if (EXPLAIN.test(text)) return;
  for (const match of text.matchAll(RENDERED)) {
    const code = match[1] ?? match[2] ?? match[3] ?? match[4] ?? match[5] ?? match[6];
    if (code !== undefined) found.add(code);
  }
}

function walk(root: unknown, found: Set<string>): void {
  const seen = new Set<object>();
  const stack: unknown[] = [root];
  let nodes = 0;
  while (stack.length > 0 && nodes++ < MAX_NODES) {
    const value = stack.pop();
    if (typeof value === "string") {
      scanString(value, found);
      continue;
    }
    if (value === null || typeof value !== "object" || seen.has(value)) continue;
    seen.add(value);
    if (value instanceof Error) {
      // An error that carries its catalogue code (FileLockedError's SY1050, a flag store's SY7003).
      const code = (value as { code?: unknown }).code;
      if (typeof code === "string" && CODE.test(code)) found.add(code);
      stack.push(value.message);
      continue;
    }
    if (ArrayBuffer.isView(value)) continue;
    if (value instanceof Map) {
      // A catalogue (code → entry) names codes; it does not emit them.
      for (const [k, v] of value) {
        if (v !== null && typeof v === "object" && isCatalogueEntry(v as Record<string, unknown>)) continue;
        stack.push(k, v);
      }
      continue;
    }
    if (value instanceof Set || Array.isArray(value)) {
      for (const v of value) stack.push(v);
      continue;
    }
    const record = value as Record<string, unknown>;
    if (isCatalogueEntry(record)) continue;
    // A finding says what happened: a diagnostic's `message`, a port status's `reason`.
    const message = record.message ?? record.reason;
    if (message !== undefined && (typeof message === "string" || typeof message === "object")) {
      for (const key of ["code", "ruleId"]) {
        const code = record[key];
        if (typeof code === "string" && CODE.test(code)) found.add(code);
      }
    }
    for (const [key, v] of Object.entries(record)) {
      // The `code` of a non-diagnostic (a catalogue row, an option) is not an emission.
      if ((key === "code" || key === "ruleId") && typeof v === "string" && CODE.test(v)) continue;
      stack.push(v);
    }
  }
}

/** More distinct codes than this in one value under test make it a listing (see the module comment). */
export const LISTING = 20;

/** The codes emitted in a value under test (see the module comment). */
export function codesIn(value: unknown): Set<string> {
  const found = new Set<string>();
  if (typeof value === "string" && CODE.test(value)) return found;
  walk(value, found);
  return found.size > LISTING ? new Set() : found;
}
