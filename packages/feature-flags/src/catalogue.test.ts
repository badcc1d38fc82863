import { describe, expect, test } from "vitest";
import { FLAG_CODES, type FlagCode, flagsCatalogue, flagsDiagnostic } from "./catalogue.js";

describe("the feature-flags catalogue's typed codes", () => {
  test("FLAG_CODES and the catalogue hold the same codes", () => {
    expect([...flagsCatalogue.keys()].sort()).toEqual(Object.values(FLAG_CODES).sort());
  });

  test("the factory takes severity and title from the catalogue", () => {
    const code: FlagCode = FLAG_CODES.overrideInvalid;
    expect(flagsDiagnostic(code, { message: "FEATURE_X=maybe" })).toEqual({
      code: "SY7010",
      severity: "warning",
      message: "FEATURE_X=maybe",
    });
    expect(flagsDiagnostic("SY7021")).toEqual({
      code: "SY7021",
      severity: "error",
      message: flagsCatalogue.get("SY7021")?.title,
    });
  });

  test("a code that is not in the catalogue does not compile", () => {
    // @ts-expect-error SY5101 is the audit's code, not feature-flags'
    const foreign: FlagCode = "SY5101";
    // @ts-expect-error nor does the factory take it
    expect(() => flagsDiagnostic("SY7999")).toThrow(/not in the catalogue/);
    expect(foreign).toBe("SY5101");
  });
});
