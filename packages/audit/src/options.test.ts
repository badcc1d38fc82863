import { describe, expect, it } from "vitest";
import { resolveAuditFlags } from "./options.js";

describe("resolveAuditFlags", () => {
  it("defaults to a full text audit with the score bands", () => {
    expect(resolveAuditFlags({})).toEqual({ ok: true, value: { quick: false, format: "text", gate: {} } });
  });

  it("accepts every valid flag", () => {
    expect(resolveAuditFlags({ focus: "litellm", format: "sarif", minScore: "75", failOn: "high" })).toEqual({
      ok: true,
      value: { quick: false, focus: "litellm", format: "sarif", gate: { minScore: 75, failOn: "high" } },
    });
  });

  it("refuses bad values with SY5001 and a suggestion", () => {
    const r = resolveAuditFlags({ focus: "securty", format: "yaml", minScore: "101", failOn: "severe" });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.diagnostics.map((d) => d.code)).toEqual(["SY5001", "SY5001", "SY5001", "SY5001"]);
    expect(r.diagnostics[0]).toMatchObject({
      message: expect.stringContaining("did you mean 'security'?"),
      suggestion: "security",
    });
    expect(r.diagnostics[2]?.message).toBe('--min-score "101" is not a number from 0 to 100');
  });

  it("refuses --quick with --focus", () => {
    const r = resolveAuditFlags({ quick: true, focus: "security" });
    expect(r.ok).toBe(false);
  });

  it("refuses a non-numeric --min-score", () => {
    expect(resolveAuditFlags({ minScore: "eighty" }).ok).toBe(false);
  });
});
