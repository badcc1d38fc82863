import { type Diagnostic, schemaDiagnostic } from "@switchyard/config-schema/diagnostics";
import {
  DEFAULT_MAX_ALIAS_COUNT,
  FORBIDDEN_KEYS,
  parseYaml,
  YamlEditor,
} from "@switchyard/config-schema/yaml";
import { type Document, isAlias, isMap, isScalar, isSeq, type Node } from "yaml";

/** A config file parsed for migration: an editor over its document. */
export interface ParsedFile {
  readonly editor: YamlEditor;
  /** The top-level version keys (`schema_version`, `version`) as plain data, for version detection. */
  readonly markers: Record<string, unknown>;
}

/** The plain data of a document (aliases expanded up to the usual limit). */
export function documentData(document: Document): Record<string, unknown> {
  return document.toJS({ maxAliasCount: DEFAULT_MAX_ALIAS_COUNT }) as Record<string, unknown>;
}

/**
 * Whether any mapping repeats a key or uses a forbidden one, and whether there is any alias
 * (one O(n) walk; yaml's own duplicate check is O(n²) per mapping).
 */
function inspect(root: Node): { keyProblem: boolean; alias: boolean } {
  const stack: unknown[] = [root];
  let alias = false;
  while (stack.length > 0) {
    const node = stack.pop();
    if (isMap(node)) {
      const seen = new Set<unknown>();
      for (const pair of node.items) {
        const key = isScalar(pair.key) ? pair.key.value : pair.key;
        if (typeof key === "string" && FORBIDDEN_KEYS.has(key)) return { keyProblem: true, alias };
        if (seen.has(key)) return { keyProblem: true, alias };
        seen.add(key);
        stack.push(pair.value);
      }
    } else if (isSeq(node)) {
      for (const item of node.items) stack.push(item);
    } else if (isAlias(node)) {
      alias = true;
    }
  }
  return { keyProblem: false, alias };
}

/**
 * Parse a config file for migration. Never throws: any problem (syntax, duplicate or forbidden
 * keys, alias bombs, a top level that is not a mapping) is reported with config-schema's own
 * diagnostics (SY1xxx), exactly as `switchyard validate` would report it.
 */
export function parseForMigration(
  text: string,
  file: string,
): { ok: true; file: ParsedFile } | { ok: false; diagnostics: Diagnostic[] } {
  // One parse: the loader's, whose diagnostics a broken file gets, and whose document (built on
  // demand for a large plain file) the editor works on. A file with 150,000 broken lines was
  // parsed twice (document first, then again for its diagnostics): 3–4 s of CPU.
  const source = parseYaml(text, { file });
  const errors = source.diagnostics.filter((d) => d.severity === "error");
  if (errors.length > 0) return { ok: false, diagnostics: errors };
  let document: Document.Parsed | undefined;
  try {
    document = source.document;
  } catch {
    document = undefined;
  }
  const root = document?.contents;
  if (document && document.errors.length === 0 && isMap(root)) {
    const { keyProblem, alias } = inspect(root);
    try {
      // Expanding aliases is what can blow up (an alias bomb); without aliases there is nothing to check.
      if (!keyProblem && alias) documentData(document);
      if (!keyProblem) {
        const markers: Record<string, unknown> = {};
        for (const pair of root.items) {
          const key = isScalar(pair.key) ? pair.key.value : undefined;
          if (key !== "schema_version" && key !== "version") continue;
          markers[key] = isScalar(pair.value)
            ? pair.value.value
            : ((pair.value as Node | null)?.toJS(document) ?? null);
        }
        return { ok: true, file: { editor: new YamlEditor(text, document), markers } };
      }
    } catch {
      // Alias limit and the like: reported below.
    }
  }
  return {
    ok: false,
    diagnostics: [
      schemaDiagnostic("SY1001", {
        message: "The file could not be read for migration",
        file,
        hint: "Run `switchyard validate` to see what is wrong with it.",
      }),
    ],
  };
}
