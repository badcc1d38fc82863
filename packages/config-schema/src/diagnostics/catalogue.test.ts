import { describe, expect, it } from "vitest";
import { defineCatalogue, findCatalogueEntry, formatCatalogueEntry } from "./catalogue.js";

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
