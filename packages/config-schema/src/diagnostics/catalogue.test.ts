import { describe, expect, it } from "vitest";
import {
  type CodeOf,
  defineCatalogue,
  diagnosticFactory,
  findCatalogueEntry,
  formatCatalogueEntry,
} from "./catalogue.js";

const entry = (code: string, aliases?: string[]) => ({
  code,
  name: `n-${code.toLowerCase()}`,
  title: "t",
  severity: "error" as const,
  cause: "c",
  fix: "f",
  ...(aliases ? { aliases } : {}),
});

describe("catalogue aliases", () => {
  it("finds an entry by a former code and says so when it is explained", () => {
    const catalogue = defineCatalogue([entry("SY2020", ["SY6001"]), entry("SY2021")]);
    expect(findCatalogueEntry(catalogue, "SY6001")?.code).toBe("SY2020");
    expect(findCatalogueEntry(catalogue, "SY2021")?.code).toBe("SY2021");
    expect(findCatalogueEntry(catalogue, "SY6002")).toBeUndefined();
    expect(catalogue.has("SY6001")).toBe(false);
    expect(formatCatalogueEntry(catalogue.get("SY2020")!)).toContain(
      "Formerly\n  SY6001 (now reported as SY2020)",
    );
  });

  it("refuses an alias that is also a code or another entry's alias, in either order", () => {
    expect(() => defineCatalogue([entry("SY2020", ["SY6001"]), entry("SY6001")])).toThrow(/SY6001/);
    expect(() => defineCatalogue([entry("SY6001"), entry("SY2020", ["SY6001"])])).toThrow(/SY6001/);
    expect(() => defineCatalogue([entry("SY2020", ["SY6001"]), entry("SY2021", ["SY6001"])])).toThrow(
      /SY6001/,
    );
  });
});

describe("typed codes and the one diagnostic factory", () => {
  const catalogue = defineCatalogue([
    { code: "SY9001", name: "a", title: "The a title.", severity: "warning", cause: "c", fix: "f" },
    { code: "SY9002", name: "b", title: "The b title.", severity: "error", cause: "c", fix: "f" },
  ]);
  const diagnostic = diagnosticFactory(catalogue);

  it("takes the severity and, unless given, the message from the catalogue entry", () => {
    expect(diagnostic("SY9001")).toEqual({ code: "SY9001", severity: "warning", message: "The a title." });
    const made = diagnostic("SY9002", { message: "b at x", file: "f.yaml", hint: "h" });
    expect(made).toEqual({ code: "SY9002", severity: "error", message: "b at x", file: "f.yaml", hint: "h" });
    // Key order as a literal would have it (JSON output of commands prints diagnostics as they are).
    expect(Object.keys(made)).toEqual(["code", "severity", "message", "file", "hint"]);
    expect(diagnostic("SY9002", { severity: "info", message: "m" }).severity).toBe("info");
  });

  it("accepts a catalogue's codes only: another code does not compile (and throws if forced)", () => {
    const code: CodeOf<typeof catalogue> = "SY9001";
    expect(diagnostic(code).code).toBe("SY9001");
    // @ts-expect-error SY9003 is not a code of this catalogue
    expect(() => diagnostic("SY9003")).toThrow(/SY9003 is not in the catalogue/);
    // @ts-expect-error a code is checked in assignments too
    const other: CodeOf<typeof catalogue> = "SY1001";
    expect(other).toBe("SY1001");
  });
});
