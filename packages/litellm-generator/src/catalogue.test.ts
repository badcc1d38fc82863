import { expect, test } from "vitest";
import { type GeneratorCode, generatorCatalogue, generatorDiagnostic } from "./catalogue.js";

test("generator codes are typed from the catalogue; findings take its severity", () => {
  const refused: GeneratorCode = "SY4001";
  expect(generatorDiagnostic(refused, { message: "m" })).toEqual({
    code: "SY4001",
    severity: generatorCatalogue.get("SY4001")?.severity,
    message: "m",
  });
  // @ts-expect-error SY4999 is in no catalogue: it does not compile
  expect(() => generatorDiagnostic("SY4999")).toThrow(/not in the catalogue/);
  // @ts-expect-error SY2001 is consistency's code, not the generator's
  expect(() => generatorDiagnostic("SY2001")).toThrow(/not in the catalogue/);
});
