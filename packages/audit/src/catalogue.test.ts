import { formatCatalogueEntry } from "@switchyard/config-schema/diagnostics";
import { describe, expect, it } from "vitest";
import { type AuditCode, auditCatalogue, auditDiagnostic } from "./catalogue.js";
import { AUDIT_CHECKS, RETIRED_CHECK_IDS } from "./checks/registry.js";
import { renderCatalogue } from "./render/diagnostics.js";
import { AUDIT_CATEGORIES } from "./types.js";

describe("the check registry", () => {
  it("gives every check a unique, stable id in its category's range", () => {
    const ids = AUDIT_CHECKS.map((c) => c.id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(new Set(AUDIT_CHECKS.map((c) => c.name)).size).toBe(ids.length);
    for (const check of AUDIT_CHECKS) {
      const digit = AUDIT_CATEGORIES.indexOf(check.category) + 1;
      expect(check.id).toMatch(new RegExp(`^SY5${digit}\\d\\d$`));
      expect(check.name).toMatch(/^[a-z0-9]+(?:-[a-z0-9]+)*$/);
      expect(RETIRED_CHECK_IDS).not.toContain(check.id);
    }
  });

  it("explains every check (switchyard explain SY5101)", () => {
    for (const check of AUDIT_CHECKS) expect(auditCatalogue.get(check.id)?.name).toBe(check.name);
    const text = formatCatalogueEntry(auditCatalogue.get("SY5101")!);
    expect(text).toMatch(
      /^SY5101 known-format-secret \(error\)\n\nA provider key or private key is written in plain text in a config file\. \(security, critical\)\n/,
    );
    expect(text).toContain("Fix\n  Move the key into the environment");
  });

  it("merges with the shared catalogues without clashes", () => {
    expect(renderCatalogue().get("SY1090")?.name).toBe("unused-suppression");
    expect(renderCatalogue().get("SY5001")?.name).toBe("audit-invalid-option");
  });
});

describe("typed codes", () => {
  it("the catalogue's codes are a literal union; the factory takes severity and title from the catalogue", () => {
    const check: AuditCode = "SY5101";
    const problem: AuditCode = "SY5003";
    expect(auditCatalogue.has(check) && auditCatalogue.has(problem)).toBe(true);
    expect(auditDiagnostic("SY5001", { message: "bad --focus" })).toEqual({
      code: "SY5001",
      severity: auditCatalogue.get("SY5001")?.severity,
      message: "bad --focus",
    });
    expect(auditDiagnostic("SY5402")).toMatchObject({
      severity: "error",
      message: auditCatalogue.get("SY5402")?.title,
    });
    // @ts-expect-error SY2001 is consistency's code, not the audit's
    const foreign: AuditCode = "SY2001";
    // @ts-expect-error an unknown code does not compile with the factory either
    expect(() => auditDiagnostic("SY5999")).toThrow(/not in the catalogue/);
    expect(foreign).toBe("SY2001");
  });
});
