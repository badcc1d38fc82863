import type { Severity } from "./diagnostic.js";

/**
 * One entry of the diagnostic catalogue: the built-in troubleshooting guide that
 * `switchyard explain <code>` prints and SARIF rule metadata is built from.
 */
export interface CatalogueEntry {
  /** Stable code, never reused. */
  readonly code: string;
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

/** Codes mapped to their entries. */
export type Catalogue = ReadonlyMap<string, CatalogueEntry>;

/**
 * Build a catalogue from entries; throws on a duplicate code, or an alias that is also a code or
 * another entry's alias (a programming error, caught by tests).
 */
export function defineCatalogue(entries: readonly CatalogueEntry[]): Catalogue {
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
export function mergeCatalogues(...catalogues: readonly Catalogue[]): Catalogue {
  return defineCatalogue(catalogues.flatMap((c) => [...c.values()]));
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
