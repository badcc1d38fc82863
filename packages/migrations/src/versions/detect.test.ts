import { describe, expect, it } from "vitest";
import { detectVersion } from "./detect.js";

describe("detectVersion", () => {
  it("reads schema_version (1.2.0 and later)", () => {
    expect(detectVersion({ schema_version: "2.0.0" })).toEqual({
      status: "known",
      version: "2.0.0",
      marker: "schema_version",
    });
    expect(detectVersion({ schema_version: "1.2.0", version: "junk" })).toMatchObject({ version: "1.2.0" });
  });

  it("reads the legacy version key of 1.0.0 and 1.1.0 files, quoted or not", () => {
    for (const raw of ["1.0", "1", 1, "1.0.0"]) {
      expect(detectVersion({ version: raw })).toEqual({
        status: "known",
        version: "1.0.0",
        marker: "version",
      });
    }
    for (const raw of ["1.1", 1.1, "1.1.0"])
      expect(detectVersion({ version: raw })).toMatchObject({ version: "1.1.0" });
  });

  it("reads a file with no marker as 1.0.0", () => {
    expect(detectVersion({ providers: {} })).toEqual({ status: "known", version: "1.0.0", marker: "none" });
  });

  it("tells newer, unknown and unreadable versions apart", () => {
    expect(detectVersion({ schema_version: "2.1.0" })).toMatchObject({ status: "newer", version: "2.1.0" });
    expect(detectVersion({ schema_version: "3.0.0" })).toMatchObject({ status: "newer" });
    expect(detectVersion({ schema_version: "1.5.0" })).toMatchObject({ status: "unknown", version: "1.5.0" });
    expect(detectVersion({ schema_version: 2 })).toMatchObject({ status: "invalid", raw: 2 });
    expect(detectVersion({ schema_version: "2.0" })).toMatchObject({ status: "invalid" });
    expect(detectVersion({ version: "1.7" })).toMatchObject({ status: "invalid", marker: "version" });
    expect(detectVersion({ version: 3 })).toMatchObject({ status: "newer", version: "3" });
  });
});
