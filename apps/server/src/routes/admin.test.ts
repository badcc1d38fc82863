import { readFile } from "node:fs/promises";
import { afterAll, beforeAll, expect, test } from "vitest";
import { type Served, serve } from "../../test/harness.js";

let s: Served;
beforeAll(async () => {
  s = await serve({});
});
afterAll(() => s.close());

test("the admin page's files are served as they are in the repository, under a strict CSP", async () => {
  for (const [path, file, type] of [
    ["/", "index.html", "text/html"],
    ["/admin/app.js", "app.js", "text/javascript"],
    ["/admin/style.css", "style.css", "text/css"],
  ] as const) {
    const res = await fetch(`${s.url}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe(`${type}; charset=utf-8`);
    expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'; script-src 'self'/);
    expect(res.headers.get("x-frame-options")).toBe("DENY");
    expect(await res.text()).toBe(await readFile(new URL(`../admin/${file}`, import.meta.url), "utf8"));
  }
});
