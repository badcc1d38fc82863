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
}

/** Codes mapped to their entries. */
export type Catalogue = ReadonlyMap<string, CatalogueEntry>;

/** Build a catalogue from entries; throws on a duplicate code (a programming error, caught by tests). */
export function defineCatalogue(entries: readonly CatalogueEntry[]): Catalogue {
  const map = new Map<string, CatalogueEntry>();
  for (const entry of entries) {
    if (map.has(entry.code)) throw new Error(`duplicate catalogue code ${entry.code}`);
    map.set(entry.code, entry);
  }
  return map;
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
  return `${lines.join("\n")}\n`;
}
