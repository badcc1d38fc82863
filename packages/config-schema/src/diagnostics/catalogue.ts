import type { Diagnostic, Severity } from "./diagnostic.js";

/**
 * One entry of the diagnostic catalogue: the built-in troubleshooting guide that
 * `switchyard explain <code>` prints and SARIF rule metadata is built from.
 */
export interface CatalogueEntry<Code extends string = string> {
  /** Stable code, never reused. */
  readonly code: Code;
  /** A short name in kebab case, e.g. `unknown-key`. */
  readonly name: string;
  /** One line that says what the code means. */
  readonly title: string;
  /** The default severity of findings with this code. */
  readonly severity: Severity;
  /** A paragraph on the cause. */
  readonly cause: string;
  /** A paragraph on the fix. */
  readonly fix: string;
  /** Optional YAML that triggers it. */
  readonly example?: string;
  /**
   * Former codes of the same finding, now reported as this one (port-registry's SY6001 became
   * consistency's SY2020). `switchyard explain` finds the entry by them; they are never reported.
   */
  readonly aliases?: readonly string[];
}

/**
 * Codes mapped to their entries. `Code` is the literal union of the codes a catalogue holds (what
 * {@link defineCatalogue} infers from its entries; {@link CodeOf} reads it back); a catalogue of
 * any codes is a `Catalogue` (of `string`).
 */
export interface Catalogue<Code extends string = string> extends ReadonlyMap<string, CatalogueEntry> {
  /** Type-level only (never set): the codes of this catalogue. */
  readonly __codes?: Code;
}

/** The literal union of a catalogue's codes: `CodeOf<typeof generatorCatalogue>` is `"SY4001" | …`. */
export type CodeOf<C> = C extends Catalogue<infer Code> ? Code : never;

/**
 * Build a catalogue from entries; throws on a duplicate code, or an alias that is also a code or
 * another entry's alias (a programming error, caught by tests). Its type carries the codes as a
 * literal union, so {@link diagnosticFactory} accepts those codes and no other.
 */
export function defineCatalogue<const Code extends string>(
  entries: readonly CatalogueEntry<Code>[],
): Catalogue<Code> {
  const map = new Map<string, CatalogueEntry>();
  const aliases = new Set<string>();
  for (const entry of entries) {
    if (map.has(entry.code) || aliases.has(entry.code))
      throw new Error(`duplicate catalogue code ${entry.code}`);
    map.set(entry.code, entry);
    for (const alias of entry.aliases ?? []) {
      if (map.has(alias) || aliases.has(alias)) throw new Error(`duplicate catalogue code ${alias}`);
      aliases.add(alias);
    }
  }
  for (const alias of aliases) if (map.has(alias)) throw new Error(`duplicate catalogue code ${alias}`);
  return map;
}

/** The entry of a code, or of a former code it replaced ({@link CatalogueEntry.aliases}). */
export function findCatalogueEntry(catalogue: Catalogue, code: string): CatalogueEntry | undefined {
  const direct = catalogue.get(code);
  if (direct) return direct;
  for (const entry of catalogue.values()) if (entry.aliases?.includes(code)) return entry;
  return undefined;
}

/** Merge several catalogues (config-schema's, consistency's, ...) into one. */
export function mergeCatalogues<Code extends string>(
  ...catalogues: readonly Catalogue<Code>[]
): Catalogue<Code> {
  return defineCatalogue(catalogues.flatMap((c) => [...c.values()])) as Catalogue<Code>;
}

/**
 * What a finding adds to its catalogue entry: the message (default: the entry's title), the place,
 * the hint. `severity` is for the few codes reported at another severity than the entry's (an
 * import that reproduces its input is an `info` of the code whose failure is an `error`).
 */
export type DiagnosticFields = Omit<Diagnostic, "code" | "severity" | "message"> & {
  readonly message?: string;
  readonly severity?: Severity;
};

/** Makes a diagnostic of a catalogue's code: see {@link diagnosticFactory}. */
export type DiagnosticFactory<Code extends string> = (code: Code, fields?: DiagnosticFields) => Diagnostic;

/**
 * The one way a package makes its findings: `diagnosticFactory(generatorCatalogue)` gives a
 * function that takes a code of that catalogue (a code it does not hold does not compile) and
 * takes the severity (unless given) and the message (unless given: the title) from its entry. Throws on a code
 * missing at run time (only possible through a cast: a programming error).
 */
export function diagnosticFactory<Code extends string>(catalogue: Catalogue<Code>): DiagnosticFactory<Code> {
  return (code, fields = {}) => {
    const entry = catalogue.get(code);
    if (entry === undefined) throw new Error(`${code} is not in the catalogue`);
    const { message, ...rest } = fields;
    return { code, severity: entry.severity, message: message ?? entry.title, ...rest };
  };
}

/** Render one entry as the text `switchyard explain` prints. */
export function formatCatalogueEntry(entry: CatalogueEntry): string {
  const lines = [
    `${entry.code} ${entry.name} (${entry.severity})`,
    "",
    entry.title,
    "",
    "Cause",
    `  ${entry.cause}`,
    "",
    "Fix",
    `  ${entry.fix}`,
  ];
  if (entry.example !== undefined) {
    lines.push("", "Example");
    for (const l of entry.example.split("\n")) lines.push(`  ${l}`);
  }
  if (entry.aliases !== undefined && entry.aliases.length > 0) {
    lines.push("", "Formerly", `  ${entry.aliases.join(", ")} (now reported as ${entry.code})`);
  }
  return `${lines.join("\n")}\n`;
}
