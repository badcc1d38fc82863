/**
 * Whether a value conforms to one of our committed JSON Schemas (`schemas/<kind>.schema.json`,
 * generated from the zod schemas), without zod: the quick loader's check (load-quick.ts), and the
 * server's precompiled checks of its hot routes' input (compiled once: {@link compileJsonSchemaCheck}).
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

/**
 * A plain object as zod's `z.object` reads it: its prototype is `Object.prototype`, null, or an empty
 * prototype that itself has none (the dictionaries of fast-querystring and find-my-way), and it has
 * no own `__proto__` key (zod's output does not keep one, so such an input is not known valid).
 */
function isObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null && !isEmptyPrototype(proto)) return false;
  return !Object.hasOwn(value, "__proto__");
}

/** Prototypes already judged by {@link isEmptyPrototype} (a dictionary's is shared by every instance). */
const emptyPrototypes = new WeakMap<object, boolean>();
/** The last prototype found empty (one parser's dictionaries share it: no map lookup per value). */
let lastEmptyPrototype: object | undefined;

/** Whether `proto` has no keys and no prototype of its own (so its instances are plain dictionaries). */
function isEmptyPrototype(proto: object): boolean {
  if (proto === lastEmptyPrototype) return true;
  let empty = emptyPrototypes.get(proto);
  if (empty === undefined) {
    empty = Object.getPrototypeOf(proto) === null && Reflect.ownKeys(proto).length === 0;
    emptyPrototypes.set(proto, empty);
  }
  if (empty) lastEmptyPrototype = proto;
  return empty;
}

/** A check compiled from a schema. */
export type JsonSchemaCheck = (value: unknown) => boolean;

const NEVER: JsonSchemaCheck = () => false;
const ALWAYS: JsonSchemaCheck = () => true;

/** The test of one `type`. */
function typeCheck(type: unknown): JsonSchemaCheck | undefined {
  switch (type) {
    case "object":
      return isObject;
    case "array":
      return Array.isArray;
    case "string":
      return (value) => typeof value === "string";
    case "boolean":
      return (value) => typeof value === "boolean";
    case "null":
      return (value) => value === null;
    // zod refuses NaN and ±Infinity for a number, and an integer beyond the safe range.
    case "number":
      return (value) => typeof value === "number" && Number.isFinite(value);
    case "integer":
      return (value) => typeof value === "number" && Number.isSafeInteger(value);
    default:
      return undefined;
  }
}

/** The check of one keyword, or undefined for a keyword (or an argument) not known here. */
function keywordCheck(keyword: string, arg: unknown): JsonSchemaCheck | undefined {
  switch (keyword) {
    case "type":
      return typeCheck(arg);
    case "enum":
      return Array.isArray(arg) ? (value) => arg.includes(value) : undefined;
    case "const":
      return (value) => value === arg;
    case "pattern": {
      if (typeof arg !== "string") return undefined;
      const re = new RegExp(arg);
      return (value) => typeof value === "string" && re.test(value);
    }
    case "minLength":
      // JSON Schema counts code points, zod UTF-16 units: hold the smaller count (code points, at
      // least half the units) to the minimum.
      if (typeof arg !== "number") return undefined;
      return (value) => typeof value === "string" && (value.length >= 2 * arg || [...value].length >= arg);
    case "maxLength":
      if (typeof arg !== "number") return undefined;
      return (value) => typeof value === "string" && value.length <= arg;
    case "minimum":
      if (typeof arg !== "number") return undefined;
      return (value) => typeof value === "number" && value >= arg;
    case "maximum":
      if (typeof arg !== "number") return undefined;
      return (value) => typeof value === "number" && value <= arg;
    case "exclusiveMinimum":
      if (typeof arg !== "number") return undefined;
      return (value) => typeof value === "number" && value > arg;
    case "exclusiveMaximum":
      if (typeof arg !== "number") return undefined;
      return (value) => typeof value === "number" && value < arg;
    case "items": {
      if (!isObject(arg)) return undefined;
      const item = compileJsonSchemaCheck(arg);
      return (value) => Array.isArray(value) && value.every((v) => item(v));
    }
    case "propertyNames": {
      if (!isObject(arg)) return undefined;
      const name = compileJsonSchemaCheck(arg);
      return (value) => isObject(value) && Object.keys(value).every((key) => name(key));
    }
    default:
      return undefined;
  }
}

/** The keywords about an object's keys, compiled together into one check (one type test, one pass). */
const OBJECT_KEYWORDS: ReadonlySet<string> = new Set(["properties", "required", "additionalProperties"]);

/** `properties`, `required` and `additionalProperties` as one check, or undefined if one is malformed. */
function objectCheck(schema: JsonSchemaNode): JsonSchemaCheck | undefined {
  const { properties, required = [], additionalProperties } = schema;
  if (properties !== undefined && !isObject(properties)) return undefined;
  if (!Array.isArray(required) || !required.every((key) => typeof key === "string")) return undefined;
  const keys = required as string[];
  const names: string[] = [];
  const checks: JsonSchemaCheck[] = [];
  for (const key of Object.keys(properties ?? {})) {
    const sub = (properties as Record<string, unknown>)[key];
    if (!isObject(sub)) return undefined;
    names.push(key);
    checks.push(compileJsonSchemaCheck(sub));
  }
  let extra: JsonSchemaCheck | undefined;
  if (additionalProperties === false) extra = NEVER;
  else if (isObject(additionalProperties)) {
    extra = compileJsonSchemaCheck(additionalProperties);
    // `{}` (anything): no key needs a look.
    if (extra === ALWAYS) extra = undefined;
  } else if (additionalProperties !== undefined) return undefined;
  return (value) => {
    if (!isObject(value)) return false;
    for (let i = 0; i < keys.length; i++) if (!Object.hasOwn(value, keys[i]!)) return false;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      if (Object.hasOwn(value, name) && !checks[i]!(value[name])) return false;
    }
    if (extra !== undefined) {
      // Every enumerable key is the value's own (isObject: its prototype has none).
      for (const key in value) {
        if (properties !== undefined && Object.hasOwn(properties, key)) continue;
        if (!extra(value[key])) return false;
      }
    }
    return true;
  };
}

/** A string's type test and its other keywords' checks as one check. */
function stringCheck(bounds: readonly JsonSchemaCheck[]): JsonSchemaCheck {
  const [a, b, c, d] = bounds;
  if (bounds.length === 0) return (value) => typeof value === "string";
  if (bounds.length === 3 && a && b && c)
    return (value) => typeof value === "string" && a(value) && b(value) && c(value);
  if (bounds.length === 2 && a && b) return (value) => typeof value === "string" && a(value) && b(value);
  if (bounds.length === 1 && a) return (value) => typeof value === "string" && a(value);
  if (bounds.length === 4 && a && b && c && d) {
    return (value) => typeof value === "string" && a(value) && b(value) && c(value) && d(value);
  }
  return (value) => typeof value === "string" && bounds.every((one) => one(value));
}

const compiled = new WeakMap<JsonSchemaNode, JsonSchemaCheck>();

/**
 * `schema` compiled once into a check (the same answers as {@link conformsToJsonSchema}): one closure
 * per keyword (an object's key keywords as one), so a hot path (the server's request checks) pays no
 * keyword dispatch per value. A schema with a keyword not known here compiles to a check that
 * answers false.
 */
export function compileJsonSchemaCheck(schema: JsonSchemaNode): JsonSchemaCheck {
  let check = compiled.get(schema);
  if (check !== undefined) return check;
  const checks: JsonSchemaCheck[] = [];
  let objectKeywords = false;
  for (const keyword in schema) {
    if (ANNOTATIONS.has(keyword)) continue;
    // An object's or a string's type test is part of the check made of its other keywords (below).
    if (keyword === "type" && (schema.type === "object" || schema.type === "string")) continue;
    if (OBJECT_KEYWORDS.has(keyword)) {
      objectKeywords = true;
      continue;
    }
    const one = keywordCheck(keyword, schema[keyword]);
    if (one === undefined) {
      checks.length = 0;
      checks.push(NEVER);
      objectKeywords = false;
      break;
    }
    checks.push(one);
  }
  if (checks[0] !== NEVER && schema.type === "string") {
    // A string's keywords as one check: the type test, then each bound.
    checks.splice(0, checks.length, stringCheck([...checks]));
  }
  if (checks[0] !== NEVER && (objectKeywords || schema.type === "object")) {
    const one = objectKeywords ? objectCheck(schema) : isObject;
    if (one === undefined) checks.splice(0, checks.length, NEVER);
    else checks.unshift(one);
  }
  if (checks.length === 0) check = ALWAYS;
  else if (checks.length === 1) check = checks[0]!;
  else {
    const all = checks;
    check = (value) => {
      for (let i = 0; i < all.length; i++) if (!all[i]!(value)) return false;
      return true;
    };
  }
  compiled.set(schema, check);
  return check;
}

/** Whether `value` conforms to `schema`; `false` also when the schema uses a keyword not known here. */
export function conformsToJsonSchema(schema: JsonSchemaNode, value: unknown): boolean {
  return compileJsonSchemaCheck(schema)(value);
}
