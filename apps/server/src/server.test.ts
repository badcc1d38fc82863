import { mkdtempSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, expect, test } from "vitest";
import { createServer } from "./server.js";

const dir = mkdtempSync(join(tmpdir(), "sy-server-"));
writeFileSync(
  join(dir, "providers.yaml"),
  'schema_version: "2.0.0"\nproviders:\n  ollama:\n    type: olama\n    base_url: http://127.0.0.1:11434\n    models: []\n',
);
writeFileSync(join(dir, "model-mappings.yaml"), 'schema_version: "2.0.0"\n');
const server = createServer({ configDir: dir });
let base = "";

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

test("GET /healthz answers ok over real HTTP", async () => {
  const res = await fetch(`${base}/healthz`);
  expect(res.status).toBe(200);
  expect(await res.json()).toEqual({ status: "ok" });
});

test("GET /v1/validate returns located diagnostics", async () => {
  const body = (await (await fetch(`${base}/v1/validate`)).json()) as {
    valid: boolean;
    diagnostics: { code: string; range?: { start: { line: number } } }[];
  };
  expect(body.valid).toBe(false);
  expect(body.diagnostics).toContainEqual(
    expect.objectContaining({
      code: "SY1033",
      range: expect.objectContaining({ start: expect.objectContaining({ line: 4 }) }),
    }),
  );
});

test("unknown routes are 404 JSON", async () => {
  const res = await fetch(`${base}/nope`);
  expect(res.status).toBe(404);
});
