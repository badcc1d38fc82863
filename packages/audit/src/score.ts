import { AUDIT_CATEGORIES, type AuditCategory, type AuditSeverity } from "./types.js";

/**
 * Weight of a check by its severity. A category's score is the weighted share of its checks that
 * passed: `100 × Σ weight(passed) ÷ Σ weight(ran)`. Info checks weigh 0: they inform, never score.
 */
export const SEVERITY_WEIGHTS: Readonly<Record<AuditSeverity, number>> = {
  critical: 10,
  high: 5,
  medium: 3,
  low: 1,
  info: 0,
};

/** Weight of each category in the overall score (renormalised over the categories that have a score). */
export const CATEGORY_WEIGHTS: Readonly<Record<AuditCategory, number>> = {
  security: 30,
  compliance: 20,
  completeness: 20,
  performance: 15,
  litellm: 15,
};

/** The highest overall score an audit with an open critical finding can get. */
export const CRITICAL_CAP = 59;

/** One check's contribution to its category's score. */
export interface ScoredCheck {
  readonly category: AuditCategory;
  readonly severity: AuditSeverity;
  readonly passed: boolean;
}

/**
 * Category scores: integers 0–100, or `null` when no check with a weight ran in the category (a
 * category with nothing to judge is neither perfect nor failed).
 */
export function categoryScores(checks: readonly ScoredCheck[]): Record<AuditCategory, number | null> {
  const out = {} as Record<AuditCategory, number | null>;
  for (const category of AUDIT_CATEGORIES) {
    let total = 0;
    let passed = 0;
    for (const check of checks) {
      if (check.category !== category) continue;
      const weight = SEVERITY_WEIGHTS[check.severity];
      total += weight;
      if (check.passed) passed += weight;
    }
    out[category] = total === 0 ? null : Math.round((100 * passed) / total);
  }
  return out;
}

/**
 * The overall score: the mean of the (rounded) category scores weighted by {@link CATEGORY_WEIGHTS},
 * over the categories whose score is not `null`, rounded; capped at {@link CRITICAL_CAP} when an open
 * critical finding exists. `null` when no category has a score.
 */
export function overallScore(
  scores: Readonly<Record<AuditCategory, number | null>>,
  hasOpenCritical: boolean,
): { readonly overall: number | null; readonly capped: boolean } {
  let weight = 0;
  let sum = 0;
  for (const category of AUDIT_CATEGORIES) {
    const score = scores[category];
    if (score === null) continue;
    weight += CATEGORY_WEIGHTS[category];
    sum += CATEGORY_WEIGHTS[category] * score;
  }
  if (weight === 0) return { overall: null, capped: false };
  const mean = Math.round(sum / weight);
  if (hasOpenCritical && mean > CRITICAL_CAP) return { overall: CRITICAL_CAP, capped: true };
  return { overall: mean, capped: false };
}
