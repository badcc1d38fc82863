import type { Diagnostic, SourceRange, YamlPath } from "@switchyard/config-schema/diagnostics";
import { validateSource } from "@switchyard/config-schema/load";
import { CURRENT_SCHEMA_VERSION } from "@switchyard/config-schema/schemas";
import { plural } from "@switchyard/config-schema/text";
import type { YamlEditor } from "@switchyard/config-schema/yaml";
import { formatYamlPath, lookupPath, type YamlSource } from "@switchyard/config-schema/yaml";
import { isMap, LineCounter, type Node } from "yaml";
import type { z } from "zod";
import type { MigrationsCode } from "../catalogue.js";
import { migrationsDiagnostic } from "../catalogue.js";
import type { MigratedKind } from "../migrations/types.js";
import { vllmConflicts } from "../rules/one-active-vllm.js";
import { LEGACY_SCHEMAS, type LegacyVersion } from "./legacy-schemas.js";

/** Most validation problems reported per file and step (the rest are counted). */
const MAX_ISSUES = 20;

const lineCounters = new WeakMap<YamlEditor, LineCounter>();

function lineCounterOf(editor: YamlEditor): LineCounter {
  let counter = lineCounters.get(editor);
  if (!counter) {
    counter = new LineCounter();
    counter.addNewLine(0);
    const text = editor.text;
    for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) counter.addNewLine(i + 1);
    lineCounters.set(editor, counter);
  }
  return counter;
}

function rangeOfNode(counter: LineCounter, node: Node | undefined): SourceRange | undefined {
  if (!node?.range) return undefined;
  const [start, end] = node.range;
  const a = counter.linePos(start);
  const b = counter.linePos(Math.max(start, end));
  return {
    start: { line: a.line, column: a.col, offset: start },
    end: { line: b.line, column: b.col, offset: Math.max(start, end) },
  };
}

/**
 * The range, in the original file, of the node at `path` (its key with `part: "key"`), or of the
 * nearest enclosing node the file already had. Nodes made by a migration have no range.
 */
export function originalRange(
  editor: YamlEditor,
  path: YamlPath,
  part: "key" | "value" = "value",
): SourceRange | undefined {
  const counter = lineCounterOf(editor);
  for (let depth = path.length; depth >= 0; depth--) {
    const found = lookupPath(editor.document.contents as Node | null, path.slice(0, depth));
    const node =
      part === "key" && depth === path.length ? (found.key ?? found.value) : (found.value ?? found.key);
    const range =
      rangeOfNode(counter, node) ?? (depth === path.length ? undefined : rangeOfNode(counter, found.deepest));
    if (range) return range;
  }
  return undefined;
}

/** A `YamlSource` over the edited document, so config-schema's validator can check it without a re-parse. */
function sourceOf(editor: YamlEditor, data: unknown, file: string): YamlSource {
  return {
    file,
    text: editor.text,
    document: editor.document,
    lineCounter: lineCounterOf(editor),
    data,
    diagnostics: [],
    rangeOf: (path, part) => originalRange(editor, path, part),
    indexed: false,
  };
}

function stepFailure(
  file: string,
  step: string,
  message: string,
  path: YamlPath | undefined,
  editor: YamlEditor,
): Diagnostic {
  const range = path ? originalRange(editor, path) : undefined;
  return migrationsDiagnostic("SY3006", {
    message: `After step ${step}, ${file} is not valid: ${message}`,
    file,
    ...(path ? { path } : {}),
    ...(range ? { range } : {}),
    hint: "Fix the value in the original file (the position shown is in the file as it is now, unchanged), then run the migration again.",
  });
}

function zodDiagnostics(
  schema: z.ZodType,
  data: unknown,
  file: string,
  step: string,
  editor: YamlEditor,
): Diagnostic[] {
  const parsed = schema.safeParse(data);
  if (parsed.success) return [];
  const out: Diagnostic[] = [];
  for (const issue of parsed.error.issues.slice(0, MAX_ISSUES)) {
    const path = issue.path.filter(
      (p): p is string | number => typeof p === "string" || typeof p === "number",
    );
    const where = path.length > 0 ? `${formatYamlPath(path)}: ` : "";
    const keys = issue.code === "unrecognized_keys" ? ` (${issue.keys.join(", ")})` : "";
    const target =
      issue.code === "unrecognized_keys" && issue.keys[0] !== undefined ? [...path, issue.keys[0]] : path;
    out.push(stepFailure(file, step, `${where}${issue.message}${keys}`, target, editor));
  }
  const rest = parsed.error.issues.length - MAX_ISSUES;
  if (rest > 0) out.push(stepFailure(file, step, `and ${plural(rest, "more problem")}`, undefined, editor));
  return out;
}

function vllmDiagnostics(data: unknown, file: string, step: string, editor: YamlEditor): Diagnostic[] {
  const providers = (data as { providers?: unknown }).providers;
  if (providers === null || typeof providers !== "object") return [];
  const conflicts = vllmConflicts(
    Object.entries(providers as Record<string, Record<string, unknown> | null>).map(([id, p]) => ({
      id,
      type: p?.type,
      url: p?.base_url,
      active: p?.status !== "disabled",
    })),
  );
  return conflicts.map((c) =>
    stepFailure(
      file,
      step,
      `providers '${c.kept}' and '${c.id}' are both active vLLM providers on ${c.endpoint}`,
      ["providers", c.id],
      editor,
    ),
  );
}

/**
 * Validate a file's data, after a migration step, against the schema of the step's target
 * version: the legacy zod schemas of this package for 1.x, config-schema's own validation (the
 * same as `switchyard validate`, errors only) plus the one-active-vLLM rule for 2.0.0. Versions
 * with no schema (custom registries) are not checked. Problems are SY3006 errors naming the step.
 */
export function validateAtVersion(
  version: string,
  kind: MigratedKind,
  data: unknown,
  file: string,
  step: string,
  editor: YamlEditor,
): Diagnostic[] {
  if (version === CURRENT_SCHEMA_VERSION) {
    if (data === null || typeof data !== "object" || !isMap(editor.document.contents)) {
      return [stepFailure(file, step, "the top level is not a mapping", undefined, editor)];
    }
    const result = validateSource(kind, sourceOf(editor, data, file));
    const errors = result.diagnostics
      .filter((d) => d.severity === "error")
      .slice(0, MAX_ISSUES)
      .map((d) => ({
        ...d,
        code: "SY3006" satisfies MigrationsCode,
        message: `After step ${step}, ${file} is not valid: ${d.message} (${d.code})`,
      }));
    return kind === "providers" ? [...errors, ...vllmDiagnostics(data, file, step, editor)] : errors;
  }
  const schemas = LEGACY_SCHEMAS[version as LegacyVersion];
  if (!schemas) return [];
  return zodDiagnostics(schemas[kind], data, file, step, editor);
}
