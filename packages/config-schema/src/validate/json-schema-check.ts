/**
 * Whether a value conforms to one of our committed JSON Schemas (`schemas/<kind>.schema.json`,
 * generated from the zod schemas), without zod: the quick loader's check (load-quick.ts).
 *
 * Conservative by construction: it knows the keywords those schemas use (the subset of draft
 * 2020-12 below) and answers `false` for any other keyword, so a schema that grows a construct it
 * does not know sends every file to the full loader rather than accepting one zod would refuse.
 * `false` never says "invalid": only "not known valid here"; the full loader gives the verdict and
 * the diagnostics. A differential property test (load-quick.property.test.ts) holds `true` to zod.
 */

/** A JSON Schema as the generated files hold it. */
export type JsonSchemaNode = { readonly [keyword: string]: unknown };

/** Keywords that only describe (no effect on validity). */
const ANNOTATIONS: ReadonlySet<string> = new Set(["$schema", "$id", "title", "description"]);

const patterns = new Map<string, RegExp>();
function pattern(source: string): RegExp {
  let re = patterns.get(source);
  if (re === undefined) {
    re = new RegExp(source);
    patterns.set(source, re);
  }
  return re;
}

function isObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

function hasType(type: unknown, value: unknown): boolean {
  switch (type) {
    case "object":
      return isObject(value);
    case "array":
      return Array.isArray(value);
    case "string":
      return typeof value === "string";
    case "boolean":
      return typeof value === "boolean";
    case "null":
      return value === null;
    // zod refuses NaN and ±Infinity for a number, and an integer beyond the safe range.
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isSafeInteger(value);
    default:
      return false;
  }
}

/** Whether `value` conforms to `schema`; `false` also when the schema uses a keyword not known here. */
export function conformsToJsonSchema(schema: JsonSchemaNode, value: unknown): boolean {
  for (const keyword in schema) {
    if (ANNOTATIONS.has(keyword)) continue;
    const arg = schema[keyword];
    switch (keyword) {
      case "type":
        if (!hasType(arg, value)) return false;
        break;
      case "enum":
        if (!Array.isArray(arg) || !arg.includes(value)) return false;
        break;
      case "const":
        if (value !== arg) return false;
        break;
      case "pattern":
        if (typeof arg !== "string" || typeof value !== "string" || !pattern(arg).test(value)) return false;
        break;
      case "minLength":
        // JSON Schema counts code points, zod UTF-16 units: hold the smaller count (code points, at
        // least half the units) to the minimum.
        if (typeof arg !== "number" || typeof value !== "string") return false;
        if (value.length < 2 * arg && [...value].length < arg) return false;
        break;
      case "maxLength":
        if (typeof arg !== "number" || typeof value !== "string" || value.length > arg) return false;
        break;
      case "minimum":
        if (typeof arg !== "number" || typeof value !== "number" || !(value >= arg)) return false;
        break;
      case "maximum":
        if (typeof arg !== "number" || typeof value !== "number" || !(value <= arg)) return false;
        break;
      case "exclusiveMinimum":
        if (typeof arg !== "number" || typeof value !== "number" || !(value > arg)) return false;
        break;
      case "exclusiveMaximum":
        if (typeof arg !== "number" || typeof value !== "number" || !(value < arg)) return false;
        break;
      case "items":
        if (!isObject(arg) || !Array.isArray(value)) return false;
        for (const item of value) if (!conformsToJsonSchema(arg, item)) return false;
        break;
      case "required":
        if (!Array.isArray(arg) || !isObject(value)) return false;
        for (const key of arg) if (typeof key !== "string" || !Object.hasOwn(value, key)) return false;
        break;
      case "properties":
        if (!isObject(arg) || !isObject(value)) return false;
        for (const key of Object.keys(arg)) {
          if (!Object.hasOwn(value, key)) continue;
          const sub = arg[key];
          if (!isObject(sub) || !conformsToJsonSchema(sub, value[key])) return false;
        }
        break;
      case "additionalProperties": {
        if (!isObject(value)) return false;
        const properties = schema.properties;
        if (properties !== undefined && !isObject(properties)) return false;
        for (const key of Object.keys(value)) {
          if (properties !== undefined && Object.hasOwn(properties, key)) continue;
          if (arg === false) return false;
          if (!isObject(arg) || !conformsToJsonSchema(arg, value[key])) return false;
        }
        break;
      }
      case "propertyNames":
        if (!isObject(arg) || !isObject(value)) return false;
        for (const key of Object.keys(value)) if (!conformsToJsonSchema(arg, key)) return false;
        break;
      default:
        // A keyword not known here: not known valid.
        return false;
    }
  }
  return true;
}
