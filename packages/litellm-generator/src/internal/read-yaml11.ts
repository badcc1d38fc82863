import { redactSecrets } from "@switchyard/config-schema/secrets";
import { DEFAULT_MAX_ALIAS_COUNT, parseYamlDocument } from "@switchyard/config-schema/yaml";
import { LineCounter } from "yaml";

/** A text read as LiteLLM reads it: its data, or why it could not be read (located). */
export type Yaml11Reading =
  | { readonly ok: true; readonly data: unknown }
  | { readonly ok: false; readonly problem: string };

/**
 * A text as LiteLLM reads it (YAML 1.1, PyYAML's `safe_load`), through config-schema's one parser
 * (`parseYamlDocument`): nesting deeper than its cap, a syntax error or an alias bomb is a problem,
 * never a recursion per level (through yaml's own `parse`, a second read of a file nested 87,000
 * levels deep aborted the process) and never a throw. `maxAliasCount` is yaml's measure of alias
 * fan-out (default config-schema's).
 */
export function readYaml11(text: string, maxAliasCount = DEFAULT_MAX_ALIAS_COUNT): Yaml11Reading {
  const lineCounter = new LineCounter();
  const document = parseYamlDocument(text, { version: "1.1", lineCounter });
  const error = document.errors[0];
  if (error !== undefined) {
    const { line, col } = lineCounter.linePos(error.pos[0]);
    return {
      ok: false,
      problem: `line ${line}, column ${col}: ${redactSecrets(error.message.split("\n")[0]!.slice(0, 200))}`,
    };
  }
  try {
    return { ok: true, data: document.toJS({ maxAliasCount }) };
  } catch (caught) {
    return { ok: false, problem: redactSecrets(caught instanceof Error ? caught.message : String(caught)) };
  }
}
