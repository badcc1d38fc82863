import { OFREPProvider } from "@openfeature/ofrep-provider";
import { OFREPWebProvider } from "@openfeature/ofrep-web-provider";
import { OpenFeature as ServerOpenFeature } from "@openfeature/server-sdk";
import {
  ProviderEvents,
  OpenFeature as WebOpenFeature,
  type Provider as WebProvider,
} from "@openfeature/web-sdk";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { ADMIN_TOKEN, bearer, READ_TOKEN, type Served, serve } from "../../test/harness.js";

let s: Served;
beforeAll(async () => {
  // Debug level: successful reads (the polls answered 304) are access-log lines only at debug.
  s = await serve({ rateLimit: false, logLevel: "debug" });
});
afterAll(async () => {
  await ServerOpenFeature.close();
  await WebOpenFeature.close();
  await s.close();
});

/** Wait until `check` holds (polling on the event loop). */
async function until(check: () => boolean, ms: number): Promise<void> {
  const start = Date.now();
  while (!check()) {
    if (Date.now() - start > ms) throw new Error(`condition not met within ${ms} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

describe("OFREP through the real OpenFeature clients", () => {
  test("@openfeature/ofrep-provider (server SDK): values, reasons, variants, metadata, errors", async () => {
    await ServerOpenFeature.setProviderAndWait(
      new OFREPProvider({ baseUrl: s.url, headers: [["Authorization", `Bearer ${READ_TOKEN}`]] }),
    );
    const client = ServerOpenFeature.getClient();
    const whitelisted = await client.getBooleanDetails("new-router", false, { targetingKey: "ann" });
    expect(whitelisted).toMatchObject({
      value: true,
      reason: "TARGETING_MATCH",
      variant: "on",
      flagMetadata: { version: 1, switchyardReason: "TARGETING_MATCH" },
    });
    const off = await client.getBooleanDetails("semantic-cache", true, { targetingKey: "ann" });
    expect(off).toMatchObject({ value: false, reason: "DISABLED", variant: "off" });
    const split = await client.getBooleanDetails("new-router", false, { targetingKey: "user-99" });
    expect(split.reason).toBe("SPLIT");
    expect(typeof split.flagMetadata.bucket).toBe("number");
    const missing = await client.getBooleanDetails("no-such-flag", true, { targetingKey: "ann" });
    expect(missing).toMatchObject({ value: true, reason: "ERROR", errorCode: "FLAG_NOT_FOUND" });
    const wrongType = await client.getStringDetails("everyone", "x", {});
    expect(wrongType).toMatchObject({ value: "x", errorCode: "TYPE_MISMATCH" });
  });

  test("the OFREP provider without a token gets the server's 401 as an error, never a value", async () => {
    await ServerOpenFeature.setProviderAndWait("no-token", new OFREPProvider({ baseUrl: s.url }));
    const details = await ServerOpenFeature.getClient("no-token").getBooleanDetails("everyone", false, {});
    expect(details.value).toBe(false);
    expect(details.reason).toBe("ERROR");
  });

  test("@openfeature/ofrep-web-provider: bulk evaluation, polling with If-None-Match → 304, changes arrive", async () => {
    const provider = new OFREPWebProvider({
      baseUrl: s.url,
      pollInterval: 100,
      cacheMode: "disabled",
      changeDetection: "polling",
      headers: [["Authorization", `Bearer ${READ_TOKEN}`]],
    });
    await WebOpenFeature.setContext({ targetingKey: "ann" });
    // The web provider's `hooks` is optional where the SDK's type says required (exactOptionalPropertyTypes).
    await WebOpenFeature.setProviderAndWait(provider as unknown as WebProvider);
    const client = WebOpenFeature.getClient();
    expect(client.getBooleanValue("new-router", false)).toBe(true);
    expect(client.getBooleanValue("semantic-cache", true)).toBe(false);
    // Polls with nothing changed are answered 304.
    await until(
      () =>
        s.logs.filter((l) => l.includes('"/ofrep/v1/evaluate/flags"') && l.includes('"status":304')).length >=
        2,
      5_000,
    );
    let changed: string[] = [];
    client.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
      changed = [...(details?.flagsChanged ?? [])];
    });
    const res = await fetch(`${s.url}/api/v1/features/semantic-cache/enable`, {
      method: "POST",
      headers: bearer(ADMIN_TOKEN),
    });
    expect(res.status).toBe(200);
    await until(() => client.getBooleanValue("semantic-cache", false), 5_000);
    expect(changed).toContain("semantic-cache");
  });
});

describe("OFREP over plain HTTP", () => {
  const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${s.url}${path}`, {
      method: "POST",
      headers: bearer(READ_TOKEN, { "content-type": "application/json", ...headers }),
      body: JSON.stringify(body),
    });

  test("single: 200 success, 404 FLAG_NOT_FOUND, 400 for a targetingKey that is not a string", async () => {
    const ok = await post("/ofrep/v1/evaluate/flags/everyone", { context: { targetingKey: "a" } });
    expect(await ok.json()).toMatchObject({ key: "everyone", value: true, reason: "STATIC" });
    const missing = await post("/ofrep/v1/evaluate/flags/nope", {});
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({
      key: "nope",
      errorCode: "FLAG_NOT_FOUND",
      errorDetails: "No flag 'nope'",
    });
    const bad = await post("/ofrep/v1/evaluate/flags/everyone", { context: { targetingKey: 5 } });
    expect(bad.status).toBe(400);
    expect(await bad.json()).toMatchObject({ key: "everyone", errorCode: "INVALID_CONTEXT" });
    const badBulk = await post("/ofrep/v1/evaluate/flags", { context: "x" });
    expect(badBulk.status).toBe(400);
    expect(await badBulk.json()).toMatchObject({ errorCode: "INVALID_CONTEXT" });
    const none = await fetch(`${s.url}/ofrep/v1/evaluate/flags/everyone`, {
      method: "POST",
      headers: bearer(READ_TOKEN),
    });
    expect(none.status).toBe(200);
    const apiKey = await fetch(`${s.url}/ofrep/v1/evaluate/flags/everyone`, {
      method: "POST",
      headers: { "x-api-key": READ_TOKEN },
    });
    expect(apiKey.status).toBe(200);
  });

  test("bulk: every flag, an ETag per answer, 304 for If-None-Match; the ETag follows context and changes", async () => {
    const first = await post("/ofrep/v1/evaluate/flags", { context: { targetingKey: "bob" } });
    const etag = first.headers.get("etag")!;
    expect(etag).toMatch(/^"[\w-]+"$/);
    const body = (await first.json()) as { flags: { key: string }[] };
    expect(body.flags.map((f) => f.key)).toEqual(["new-router", "semantic-cache", "everyone"]);
    const again = await post(
      "/ofrep/v1/evaluate/flags",
      { context: { targetingKey: "bob" } },
      { "if-none-match": etag },
    );
    expect(again.status).toBe(304);
    expect(await again.text()).toBe("");
    const other = await post(
      "/ofrep/v1/evaluate/flags",
      { context: { targetingKey: "ann" } },
      { "if-none-match": etag },
    );
    expect(other.status).toBe(200);
    await fetch(`${s.url}/api/v1/features/everyone/rollout/20`, {
      method: "POST",
      headers: bearer(ADMIN_TOKEN),
    });
    const afterChange = await post(
      "/ofrep/v1/evaluate/flags",
      { context: { targetingKey: "bob" } },
      { "if-none-match": etag },
    );
    expect(afterChange.status).toBe(200);
    expect(afterChange.headers.get("etag")).not.toBe(etag);
  });

  test("configuration names the capabilities", async () => {
    const res = await fetch(`${s.url}/ofrep/v1/configuration`, { headers: bearer(READ_TOKEN) });
    expect(await res.json()).toMatchObject({
      name: "switchyard",
      capabilities: { flagEvaluation: { supportedTypes: ["boolean"] } },
    });
  });
});
