import { expect, test } from "vitest";
import { formatCatalogueEntry } from "../diagnostics/catalogue.js";
import { safeWriteCatalogue } from "./catalogue.js";
import { FileLockedError } from "./file-lock.js";

test("the code FileLockedError carries is documented", () => {
  const error = new FileLockedError("a.yaml", "a.yaml.lock", { pid: 1, host: "h", since: new Date(0) });
  const entry = safeWriteCatalogue.get(error.code);
  expect(entry?.name).toBe("file-locked");
  expect(formatCatalogueEntry(entry!)).toContain("SY1050 file-locked (error)");
});
