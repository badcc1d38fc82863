import type { z } from "zod";

interface Def {
  readonly type: string;
  readonly innerType?: z.ZodType;
  readonly shape?: Record<string, z.ZodType>;
  readonly valueType?: z.ZodType;
  readonly element?: z.ZodType;
  readonly entries?: Record<string, string | number>;
  readonly options?: readonly z.ZodType[];
  readonly catchall?: z.ZodType;
}

function defOf(schema: z.ZodType): Def {
  return (schema as unknown as { _zod: { def: Def } })._zod.def;
}

/** Strip optional/nullable/default wrappers. */
export function unwrapSchema(schema: z.ZodType): z.ZodType {
  let current = schema;
  for (let i = 0; i < 10; i++) {
    const def = defOf(current);
    if ((def.type === "optional" || def.type === "nullable" || def.type === "default") && def.innerType) {
      current = def.innerType;
    } else break;
  }
  return current;
}

/** The schema that applies at a data path, or undefined when the path leaves the schema. */
export function schemaAt(root: z.ZodType, path: readonly PropertyKey[]): z.ZodType | undefined {
  let current: z.ZodType | undefined = unwrapSchema(root);
  for (const segment of path) {
    if (!current) return undefined;
    const def = defOf(current);
    if (def.type === "object" && def.shape) current = def.shape[String(segment)];
    else if (def.type === "record") current = def.valueType;
    else if (def.type === "array") current = def.element;
    else return undefined;
    if (current) current = unwrapSchema(current);
  }
  return current;
}

/** The keys an object schema allows, or an empty list. */
export function objectKeys(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(unwrapSchema(schema));
  return def.type === "object" && def.shape ? Object.keys(def.shape) : [];
}

/** The values an enum schema allows, or an empty list. */
export function enumValues(schema: z.ZodType | undefined): string[] {
  if (!schema) return [];
  const def = defOf(unwrapSchema(schema));
  return def.type === "enum" && def.entries ? Object.values(def.entries).map(String) : [];
}
