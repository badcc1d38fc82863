import { rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { OpenFeature, ProviderEvents, StandardResolutionReasons } from "@openfeature/server-sdk";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, afterEach, describe, expect, test } from "vitest";
import { until } from "../../test/store-suite.js";
import { rolloutBucket } from "../hash/murmurhash3.js";
import { FileFlagStore } from "../stores/file.js";
import { MemoryFlagStore } from "../stores/memory.js";
import { SwitchyardProvider } from "./provider.js";

const dirs: string[] = [];
afterEach(async () => {
  await OpenFeature.clearProviders();
});
afterAll(async () => {
  await OpenFeature.close();
  await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
});

const flags = {
  off: { enabled: false },
  lists: { enabled: true, rollout_percentage: 0, whitelist: ["ann"], blacklist: ["eve"] },
  half: { enabled: true, rollout_percentage: 50 },
  all: { enabled: true },
};

describe("SwitchyardProvider through a real OpenFeature client", () => {
  test("boolean flags with the standard reasons, variants and metadata", async () => {
    const provider = new SwitchyardProvider(new MemoryFlagStore(flags));
    await OpenFeature.setProviderAndWait(provider);
    const client = OpenFeature.getClient();
    expect(await client.getBooleanDetails("off", true, { targetingKey: "ann" })).toMatchObject({
      value: false,
      reason: StandardResolutionReasons.DISABLED,
      variant: "off",
    });
    expect(await client.getBooleanDetails("lists", false, { targetingKey: "ann" })).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.TARGETING_MATCH,
    });
    expect(await client.getBooleanValue("lists", true, { targetingKey: "eve" })).toBe(false);
    const half = await client.getBooleanDetails("half", false, { targetingKey: "user-7" });
    expect(half.reason).toBe(StandardResolutionReasons.SPLIT);
    expect(half.value).toBe(rolloutBucket("half", "user-7") <= 50);
    expect(half.flagMetadata).toMatchObject({ version: 1, bucket: rolloutBucket("half", "user-7") });
    expect(await client.getBooleanDetails("all", false)).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.STATIC,
    });
  });

  test("error codes: FLAG_NOT_FOUND, TYPE_MISMATCH, PARSE_ERROR; the default value comes back", async () => {
    await OpenFeature.setProviderAndWait(new SwitchyardProvider(new MemoryFlagStore(flags)));
    const client = OpenFeature.getClient();
    expect(await client.getBooleanDetails("nope", true)).toMatchObject({
      value: true,
      reason: "ERROR",
      errorCode: "FLAG_NOT_FOUND",
    });
    expect(await client.getStringDetails("all", "dflt")).toMatchObject({
      value: "dflt",
      errorCode: "TYPE_MISMATCH",
    });
    expect(await client.getNumberDetails("all", 3)).toMatchObject({ value: 3, errorCode: "TYPE_MISMATCH" });

    const dir = await tempDir("sy-of-");
    dirs.push(dir);
    const path = join(dir, "feature-flags.yaml");
    await writeFile(path, "flags: [not, a, mapping]\n");
    const broken = await FileFlagStore.open(path, { watch: false });
    await OpenFeature.setProviderAndWait(new SwitchyardProvider(broken));
    expect(await OpenFeature.getClient().getBooleanDetails("all", false)).toMatchObject({
      value: false,
      errorCode: "PARSE_ERROR",
    });
    await broken.close();
  });

  test("PROVIDER_CONFIGURATION_CHANGED when the store changes; new answers follow", async () => {
    const store = new MemoryFlagStore(flags);
    await OpenFeature.setProviderAndWait(new SwitchyardProvider(store));
    const client = OpenFeature.getClient();
    const changed: string[][] = [];
    client.addHandler(ProviderEvents.ConfigurationChanged, (details) => {
      changed.push([...(details?.flagsChanged ?? [])]);
    });
    expect(await client.getBooleanValue("off", false)).toBe(false);
    await store.put("off", { enabled: true }, 1);
    await until(() => changed.length > 0, 1_000);
    expect(changed).toEqual([["off"]]);
    expect(await client.getBooleanValue("off", false)).toBe(true);
  });

  test("environment overrides read as STATIC with override metadata", async () => {
    await OpenFeature.setProviderAndWait(
      new SwitchyardProvider(new MemoryFlagStore(flags), { env: { FEATURE_OFF: "true" } }),
    );
    expect(await OpenFeature.getClient().getBooleanDetails("off", false)).toMatchObject({
      value: true,
      reason: StandardResolutionReasons.STATIC,
      flagMetadata: { override: true },
    });
  });
});
