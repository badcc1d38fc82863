import Ajv2020 from "ajv/dist/2020.js";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_TOKEN, adminJson, bearer, READ_TOKEN, type Served, serve } from "../../test/harness.js";
import { ROUTES } from "./index.js";

type Doc = {
  openapi: string;
  paths: Record<
    string,
    Record<
      string,
      {
        parameters?: { name: string; in: string }[];
        responses: Record<string, { content?: Record<string, { schema: object }> }>;
        requestBody?: { content: Record<string, { schema: object }> };
      }
    >
  >;
};

let s: Served;
let doc: Doc;
const ajv = new Ajv2020.default({ strict: false, allErrors: true });
beforeAll(async () => {
  s = await serve({ rateLimit: false });
  doc = (await (await fetch(`${s.url}/openapi.json`)).json()) as Doc;
});
afterAll(() => s.close());

/** Check a real response against the document's schema for its path, method and status. */
async function conforms(path: string, method: string, res: Response): Promise<void> {
  const operation = doc.paths[path]?.[method];
  expect(operation, `${method} ${path} documented`).toBeDefined();
  const schema = operation!.responses[String(res.status)]?.content?.["application/json"]?.schema;
  expect(schema, `${method} ${path} ${res.status} has a schema`).toBeDefined();
  const validate = ajv.compile(schema!);
  const body = await res.json();
  expect(validate(body) ? [] : validate.errors).toEqual([]);
}

describe("GET /openapi.json, generated from the route table's zod schemas", () => {
  test("an OpenAPI 3.1 document with every route, its parameters and security", () => {
    expect(doc.openapi).toBe("3.1.0");
    for (const route of ROUTES.filter((r) => !r.hidden)) {
      const path = route.path.replace(/:(\w+)/g, "{$1}");
      expect(doc.paths[path]?.[route.method.toLowerCase()], `${route.method} ${path}`).toBeDefined();
    }
    expect(doc.paths["/"]).toBeUndefined();
    const evaluate = doc.paths["/api/v1/features/{flag}"]!.get!;
    expect(evaluate.parameters?.map((p) => `${p.in}:${p.name}`)).toEqual([
      "path:flag",
      "query:user",
      "query:session",
    ]);
    const put = doc.paths["/api/v1/features/{flag}"]!.put!;
    const body = put.requestBody!.content["application/json"]!.schema as {
      properties: Record<string, { description?: string }>;
    };
    // The flag schema's own descriptions travel into the document.
    expect(body.properties.rollout_percentage?.description).toMatch(/Share of users/);
  });

  test("every schema in it compiles (JSON Schema 2020-12)", () => {
    let count = 0;
    for (const operations of Object.values(doc.paths)) {
      for (const operation of Object.values(operations)) {
        for (const response of Object.values(operation.responses)) {
          for (const media of Object.values(response.content ?? {})) {
            ajv.compile(media.schema);
            count++;
          }
        }
        for (const media of Object.values(operation.requestBody?.content ?? {})) ajv.compile(media.schema);
      }
    }
    expect(count).toBeGreaterThan(20);
  });

  test("real answers conform to it", async () => {
    const read = bearer(READ_TOKEN);
    await conforms("/api/v1/features", "get", await fetch(`${s.url}/api/v1/features`, { headers: read }));
    await conforms(
      "/api/v1/features/{flag}",
      "get",
      await fetch(`${s.url}/api/v1/features/new-router?user=zed`, { headers: read }),
    );
    await conforms(
      "/api/v1/features/{flag}",
      "get",
      await fetch(`${s.url}/api/v1/features/nope`, { headers: read }),
    );
    await conforms(
      "/api/v1/features/{flag}/enable",
      "post",
      await fetch(`${s.url}/api/v1/features/semantic-cache/enable`, {
        method: "POST",
        headers: bearer(ADMIN_TOKEN),
      }),
    );
    await conforms(
      "/api/v1/features/{flag}",
      "put",
      await fetch(`${s.url}/api/v1/features/made`, {
        method: "PUT",
        ...adminJson({ enabled: true, whitelist: ["a"] }),
      }),
    );
    await conforms(
      "/api/v1/features/{flag}",
      "put",
      await fetch(`${s.url}/api/v1/features/made`, { method: "PUT", ...adminJson({ enabled: "yes" }) }),
    );
    await conforms(
      "/api/v1/features/{flag}/history",
      "get",
      await fetch(`${s.url}/api/v1/features/semantic-cache/history`, { headers: read }),
    );
    await conforms(
      "/api/v1/features/user/{userId}/enabled",
      "get",
      await fetch(`${s.url}/api/v1/features/user/ann/enabled`, { headers: read }),
    );
    const ofrep = {
      method: "POST",
      headers: { ...read, "content-type": "application/json" },
      body: '{"context":{"targetingKey":"ann"}}',
    };
    await conforms(
      "/ofrep/v1/evaluate/flags/{key}",
      "post",
      await fetch(`${s.url}/ofrep/v1/evaluate/flags/everyone`, ofrep),
    );
    await conforms(
      "/ofrep/v1/evaluate/flags/{key}",
      "post",
      await fetch(`${s.url}/ofrep/v1/evaluate/flags/nope`, ofrep),
    );
    await conforms(
      "/ofrep/v1/evaluate/flags",
      "post",
      await fetch(`${s.url}/ofrep/v1/evaluate/flags`, ofrep),
    );
    await conforms("/ready", "get", await fetch(`${s.url}/ready`));
    await conforms("/health", "get", await fetch(`${s.url}/health`));
  });
});
