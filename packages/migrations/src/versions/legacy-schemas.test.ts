import { describe, expect, it } from "vitest";
import { z } from "zod";
import {
  LEGACY_SCHEMAS,
  type LegacyVersion,
  MARKER_ONLY_STEPS,
  type VersionedKind,
} from "./legacy-schemas.js";

const KINDS: VersionedKind[] = ["providers", "model-mappings", "ports", "feature-flags"];

function withoutMarker(version: LegacyVersion, kind: VersionedKind): unknown {
  const json = z.toJSONSchema(LEGACY_SCHEMAS[version][kind], { unrepresentable: "any" }) as {
    properties: Record<string, unknown>;
    required?: string[];
  };
  const { version: _v, schema_version: _s, ...properties } = json.properties;
  return {
    ...json,
    properties,
    required: (json.required ?? []).filter((k) => k !== "version" && k !== "schema_version"),
  };
}

describe("LEGACY_SCHEMAS", () => {
  it("makes the marker-only steps safe: those schemas are equal apart from the marker", () => {
    for (const step of MARKER_ONLY_STEPS) {
      const [from, to] = step.split(">") as [LegacyVersion, LegacyVersion];
      for (const kind of KINDS)
        expect(withoutMarker(to, kind), `${step} ${kind}`).toEqual(withoutMarker(from, kind));
    }
    // And the check would notice a difference.
    expect(withoutMarker("1.0.0", "providers")).not.toEqual(withoutMarker("1.1.0", "providers"));
  });

  it("accepts 1.0.0's lenient values and rejects them from 1.1.0 on", () => {
    const legacy = {
      version: "1.0",
      services: { a: { port: "8001", health_check: "http://x:1/", restart: "always" } },
    };
    expect(LEGACY_SCHEMAS["1.0.0"].ports.safeParse(legacy).success).toBe(true);
    expect(LEGACY_SCHEMAS["1.1.0"].ports.safeParse({ ...legacy, version: "1.1" }).success).toBe(false);
    const strict = {
      version: "1.1",
      services: { a: { port: 8001, health_check: "http://x:1/", restart: "always" } },
    };
    expect(LEGACY_SCHEMAS["1.1.0"].ports.safeParse(strict).success).toBe(true);
    expect(
      LEGACY_SCHEMAS["1.1.0"].ports.safeParse({ ...strict, services: { a: { port: 8001, bogus: 1 } } })
        .success,
    ).toBe(false);
  });

  it("requires each version's own marker", () => {
    const flags = { flags: { f: { enabled: true } } };
    expect(LEGACY_SCHEMAS["1.0.0"]["feature-flags"].safeParse(flags).success).toBe(true);
    expect(LEGACY_SCHEMAS["1.1.0"]["feature-flags"].safeParse(flags).success).toBe(false);
    expect(
      LEGACY_SCHEMAS["1.2.0"]["feature-flags"].safeParse({ schema_version: "1.2.0", ...flags }).success,
    ).toBe(true);
    expect(LEGACY_SCHEMAS["1.2.0"]["feature-flags"].safeParse({ version: "1.1", ...flags }).success).toBe(
      false,
    );
  });
});
