/** The OpenAPI 3.1 document, generated from the route table and its zod schemas (one source). */
import { jsonSchemaOf } from "@switchyard/config-schema/schemas";
import type { z } from "zod";
import { SERVER_VERSION } from "../version.js";
import { type AnyRoute, defineRoute } from "./route.js";

type JsonObject = Record<string, unknown>;

/** The fields of an object schema (params and query are objects). */
function fieldsOf(schema: z.ZodType | undefined): [string, z.ZodType][] {
  const shape = (schema as unknown as { shape?: Record<string, z.ZodType> } | undefined)?.shape;
  return shape === undefined ? [] : Object.entries(shape);
}

function isOptional(schema: z.ZodType): boolean {
  return schema.safeParse(undefined).success;
}

function operation(route: AnyRoute): JsonObject {
  const parameters: JsonObject[] = [];
  for (const [name, schema] of fieldsOf(route.params)) {
    parameters.push({ name, in: "path", required: true, schema: jsonSchemaOf(schema) });
  }
  for (const [name, schema] of fieldsOf(route.query)) {
    const json = jsonSchemaOf(schema);
    parameters.push({
      name,
      in: "query",
      required: !isOptional(schema),
      ...(typeof json.description === "string" ? { description: json.description } : {}),
      schema: json,
    });
  }
  for (const [name, description] of Object.entries(route.requestHeaders ?? {})) {
    parameters.push({ name, in: "header", required: false, description, schema: { type: "string" } });
  }
  const responses: JsonObject = {};
  for (const [status, spec] of Object.entries(route.responses)) {
    responses[status] = {
      description: spec.description,
      ...(spec.headers
        ? {
            headers: Object.fromEntries(
              Object.entries(spec.headers).map(([name, description]) => [
                name,
                { description, schema: { type: "string" } },
              ]),
            ),
          }
        : {}),
      ...(spec.schema
        ? { content: { "application/json": { schema: jsonSchemaOf(spec.schema, "output") } } }
        : spec.contentType
          ? { content: { [spec.contentType]: { schema: { type: "string" } } } }
          : {}),
    };
  }
  return {
    operationId: `${route.method.toLowerCase()}${route.path.replace(/[/:]+(\w)/g, (_m, c: string) => c.toUpperCase())}`,
    summary: route.summary,
    ...(route.description ? { description: route.description } : {}),
    tags: [...route.tags],
    ...(parameters.length > 0 ? { parameters } : {}),
    ...(route.body
      ? {
          requestBody: {
            required: !isOptional(route.body),
            content: { "application/json": { schema: jsonSchemaOf(route.body) } },
          },
        }
      : {}),
    responses,
    security: route.access === "public" ? [] : [{ bearer: [] }, { apiKey: [] }],
  };
}

/** The OpenAPI document of a route table. */
export function openApiDocument(routes: readonly AnyRoute[]): JsonObject {
  const paths: Record<string, JsonObject> = {};
  for (const route of routes) {
    if (route.hidden) continue;
    const path = route.path.replace(/:(\w+)/g, "{$1}");
    paths[path] ??= {};
    paths[path][route.method.toLowerCase()] = operation(route);
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Switchyard HTTP API",
      version: SERVER_VERSION,
      description:
        "Feature flags (the legacy /api/v1/features API and OFREP) and read-only reports on a Switchyard config directory. Mutations need an admin token; evaluation and reads need a read token when one is configured.",
    },
    components: {
      securitySchemes: {
        bearer: { type: "http", scheme: "bearer" },
        apiKey: { type: "apiKey", in: "header", name: "X-API-Key" },
      },
    },
    paths,
  };
}

/** `GET /openapi.json`, built once from the table `routes()` returns. */
export function openApiRoute(routes: () => readonly AnyRoute[]): AnyRoute {
  let text: string | undefined;
  return defineRoute({
    method: "GET",
    path: "/openapi.json",
    access: "public",
    summary: "This document",
    tags: ["operations"],
    responses: { 200: { description: "The OpenAPI 3.1 document." } },
    handler: () => {
      text ??= JSON.stringify(openApiDocument(routes()));
      return {
        text,
        headers: { "content-type": "application/json; charset=utf-8", "cache-control": "no-cache" },
      };
    },
  });
}
