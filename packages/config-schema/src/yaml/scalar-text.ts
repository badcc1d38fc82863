import { Scalar } from "yaml";

/** A value a migration may write into a scalar node. */
export type ScalarValue = string | number | boolean | null;

/** Scalar styles a value can be written in. */
export type ScalarStyle = "PLAIN" | "QUOTE_DOUBLE" | "QUOTE_SINGLE";

/**
 * Strings that read back as the same string when written plain (no quotes): identifiers, dotted
 * names, paths and URLs without characters YAML gives a meaning to.
 */
const SAFE_PLAIN = /^[A-Za-z_][A-Za-z0-9_.:/@+-]*$/;
/** Plain words YAML 1.2 (and 1.1, which LiteLLM's PyYAML speaks) would read as something else. */
const RESERVED_PLAIN = /^(?:true|false|yes|no|on|off|y|n|null|~|nan|inf)$/i;

/** Whether a string can be written without quotes and read back unchanged. */
export function isSafePlainString(value: string): boolean {
  return (
    SAFE_PLAIN.test(value) && !RESERVED_PLAIN.test(value) && !value.includes(": ") && !value.endsWith(":")
  );
}

function doubleQuoted(value: string): string {
  // JSON's escapes are a subset of YAML's double-quoted escapes.
  return JSON.stringify(value);
}

/**
 * The YAML text of a scalar value, keeping the style the node had where that style can hold the
 * value: a double-quoted string stays double-quoted, a single-quoted one single-quoted; a plain
 * string stays plain only when it would read back as the same string. Numbers, booleans and null
 * are always written plain (the point of writing them is their type).
 */
export function scalarText(value: ScalarValue, style: ScalarStyle = "PLAIN"): string {
  if (value === null) return "null";
  if (typeof value === "boolean") return value ? "true" : "false";
  if (typeof value === "number") {
    if (!Number.isFinite(value)) return Number.isNaN(value) ? ".nan" : value > 0 ? ".inf" : "-.inf";
    return String(value);
  }
  if (style === "QUOTE_SINGLE" && !/[\n\r\t]/.test(value)) return `'${value.replace(/'/g, "''")}'`;
  if (style === "PLAIN" && isSafePlainString(value)) return value;
  return doubleQuoted(value);
}

/** The style of a parsed scalar node, for {@link scalarText}. */
export function styleOf(node: Scalar): ScalarStyle {
  if (node.type === Scalar.QUOTE_DOUBLE) return "QUOTE_DOUBLE";
  if (node.type === Scalar.QUOTE_SINGLE) return "QUOTE_SINGLE";
  return "PLAIN";
}
