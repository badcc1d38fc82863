import { describe, expect, it } from "vitest";
import { CATEGORY_WEIGHTS, CRITICAL_CAP, categoryScores, overallScore, type ScoredCheck } from "./score.js";

const check = (
  category: ScoredCheck["category"],
  severity: ScoredCheck["severity"],
  passed: boolean,
): ScoredCheck => ({
  category,
  severity,
  passed,
});

describe("categoryScores", () => {
  it("weights checks by severity: 100 × passed weight ÷ total weight", () => {
    // critical 10 failed, high 5 + medium 3 + low 1 passed: 9 / 19.
    const scores = categoryScores([
      check("security", "critical", false),
      check("security", "high", true),
      check("security", "medium", true),
      check("security", "low", true),
    ]);
    expect(scores.security).toBe(47);
  });

  it("scores a category with no weighted check as null, never 0 or 100", () => {
    const scores = categoryScores([check("security", "high", true), check("litellm", "info", false)]);
    expect(scores.compliance).toBeNull();
    expect(scores.litellm).toBeNull();
    expect(scores.security).toBe(100);
  });
});

describe("overallScore", () => {
  const all = (score: number) => ({
    security: score,
    compliance: score,
    performance: score,
    completeness: score,
    litellm: score,
  });

  it("is the category-weighted mean over scored categories", () => {
    expect(Object.values(CATEGORY_WEIGHTS).reduce((a, b) => a + b, 0)).toBe(100);
    expect(overallScore({ ...all(100), security: 50 }, false)).toEqual({ overall: 85, capped: false });
    // Renormalised when categories are null: (30 × 50 + 20 × 100) / 50.
    expect(
      overallScore(
        { security: 50, compliance: 100, performance: null, completeness: null, litellm: null },
        false,
      ).overall,
    ).toBe(70);
  });

  it("is null when nothing scored", () => {
    expect(
      overallScore(
        { security: null, compliance: null, performance: null, completeness: null, litellm: null },
        true,
      ),
    ).toEqual({
      overall: null,
      capped: false,
    });
  });

  it("caps below 60 when a critical finding is open", () => {
    expect(overallScore(all(95), true)).toEqual({ overall: CRITICAL_CAP, capped: true });
    expect(overallScore(all(40), true)).toEqual({ overall: 40, capped: false });
  });
});
