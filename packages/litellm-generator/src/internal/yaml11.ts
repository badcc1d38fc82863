import { Document, isScalar, Scalar, visit } from "yaml";
import { emitBlockYaml, type StringPolicy } from "./yaml11-emit.js";

/**
 * PyYAML's implicit resolvers (resolver.py), which LiteLLM's `yaml.safe_load` applies to every
 * plain scalar. A string matching any of them must be quoted or PyYAML reads another type.
 * `compat: "yaml-1.1"` covers most of them; this list also catches what the yaml package's 1.1
 * schema lacks, such as `=` (PyYAML's `!!value` tag, which `safe_load` cannot even construct).
 */
const PYYAML_IMPLICIT: readonly RegExp[] = [
  // bool
  /^(?:yes|Yes|YES|no|No|NO|true|True|TRUE|false|False|FALSE|on|On|ON|off|Off|OFF)$/,
  // float
  /^(?:[-+]?(?:[0-9][0-9_]*)\.[0-9_]*(?:[eE][-+][0-9]+)?|\.[0-9][0-9_]*(?:[eE][-+][0-9]+)?|[-+]?[0-9][0-9_]*(?::[0-5]?[0-9])+\.[0-9_]*|[-+]?\.(?:inf|Inf|INF)|\.(?:nan|NaN|NAN))$/,
  // int
  /^(?:[-+]?0b[0-1_]+|[-+]?0[0-7_]+|[-+]?(?:0|[1-9][0-9_]*)|[-+]?0x[0-9a-fA-F_]+|[-+]?[1-9][0-9_]*(?::[0-5]?[0-9])+)$/,
  // merge
  /^<<$/,
  // null
  /^(?:~|null|Null|NULL|)$/,
  // timestamp
  /^(?:[0-9]{4}-[0-9]{2}-[0-9]{2}|[0-9]{4}-[0-9]{1,2}-[0-9]{1,2}(?:[Tt]|[ \t]+)[0-9]{1,2}:[0-9]{2}:[0-9]{2}(?:\.[0-9]*)?(?:[ \t]*(?:Z|[-+][0-9]{1,2}(?::[0-9]{2})?))?)$/,
  // value
  /^=$/,
];

/** Whether PyYAML would read this string, written plain, as something other than a string. */
export function isAmbiguousForPyYaml(value: string): boolean {
  return PYYAML_IMPLICIT.some((pattern) => pattern.test(value));
}

/**
 * Characters PyYAML reads differently from the yaml package: a tab inside a plain scalar is a
 * scanner error, NEL and the Unicode line and paragraph separators are line breaks in YAML 1.1,
 * and DEL, C1 controls and U+FFFE/U+FFFF are refused by PyYAML's reader even inside quotes.
 */
const PYYAML_UNSAFE_CHARS = /[\t\u007f-\u009f\u2028\u2029\ufffe\uffff]/;
/** The same characters, except the tab the yaml package already escapes in double quotes. */
const RAW_UNSAFE_CHARS = /[\u007f-\u009f\u2028\u2029\ufffe\uffff]/g;

/** The YAML double-quoted escape of one character. */
function escapeChar(char: string): string {
  if (char === "\u0085") return "\\N";
  if (char === "\u2028") return "\\L";
  if (char === "\u2029") return "\\P";
  const code = char.charCodeAt(0);
  return code <= 0xff
    ? `\\x${code.toString(16).padStart(2, "0")}`
    : `\\u${code.toString(16).padStart(4, "0")}`;
}

function needsDoubleQuotes(value: string): boolean {
  return isAmbiguousForPyYaml(value) || PYYAML_UNSAFE_CHARS.test(value);
}

/** Double quotes where PyYAML needs them, with the characters PyYAML reads differently escaped. */
export const PYYAML_POLICY: StringPolicy = {
  forceDouble: needsDoubleQuotes,
  escapeDoubleQuoted: (text) => text.replace(RAW_UNSAFE_CHARS, escapeChar),
};

/**
 * Render data as YAML that YAML 1.2 parsers and PyYAML (YAML 1.1) read back as the same data:
 * `compat: "yaml-1.1"` makes the yaml package quote strings the 1.1 schema would resolve to
 * another type, every string PyYAML's resolvers would still misread (or whose characters PyYAML
 * reads differently) is double-quoted with those characters escaped, no anchors or aliases are
 * emitted, and long strings are never folded.
 *
 * Plain JSON-like data is written by a direct emitter (about ten times faster on a generated
 * config); data it does not reproduce exactly, such as multi-line strings, takes the `Document`
 * round trip of {@link stringifyForPyYamlViaDocument}. Both write the same text.
 */
export function stringifyForPyYaml(data: unknown): string {
  return emitBlockYaml(data, PYYAML_POLICY) ?? stringifyForPyYamlViaDocument(data);
}

/** {@link stringifyForPyYaml} through a `yaml` `Document`: the reference the direct emitter matches. */
export function stringifyForPyYamlViaDocument(data: unknown): string {
  const doc = new Document(data, { compat: "yaml-1.1", aliasDuplicateObjects: false });
  visit(doc, {
    Scalar(_, node) {
      if (isScalar(node) && typeof node.value === "string" && needsDoubleQuotes(node.value)) {
        node.type = Scalar.QUOTE_DOUBLE;
      }
    },
  });
  // Strings holding these characters are double-quoted above, so this only ever edits the inside
  // of double-quoted scalars, where an escape means the same character to every YAML parser.
  return doc.toString({ lineWidth: 0, minContentWidth: 0 }).replace(RAW_UNSAFE_CHARS, escapeChar);
}
