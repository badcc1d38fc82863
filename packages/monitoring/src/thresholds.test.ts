import { expect, test } from "vitest";
import { alertRules, DEFAULT_THRESHOLDS, prometheusAlertRules, resolveThresholds } from "./index.js";

test("thresholds out of range are refused with the threshold's name", () => {
  expect(() => resolveThresholds({ errorRate: 0 })).toThrow(/errorRate/);
  expect(() => resolveThresholds({ errorRate: 1.5 })).toThrow(/errorRate/);
  expect(() => resolveThresholds({ cacheCollapseFactor: Number.NaN })).toThrow(/cacheCollapseFactor/);
  expect(() => resolveThresholds({ latencyP95Seconds: -1 })).toThrow(/latencyP95Seconds/);
  expect(() => resolveThresholds({ auditMinScore: 101 })).toThrow(/auditMinScore/);
  expect(() => resolveThresholds({ auditMinScore: -1 })).toThrow(/auditMinScore/);
  expect(() => prometheusAlertRules({ latencyP95Seconds: Number.POSITIVE_INFINITY })).toThrow(RangeError);
});

test("configured thresholds reach the alert expressions; unset ones keep their defaults", () => {
  const rules = alertRules({ errorRate: 0.125, latencyP95Seconds: 2.5 });
  const expr = (name: string) => rules.find((r) => r.alert === name)?.expr;
  expect(expr("GatewayErrorRateHigh")).toMatch(/ > 0\.125$/);
  expect(expr("GatewayLatencyP95High")).toMatch(/ > 2\.5$/);
  expect(expr("CacheHitRateCollapse")).toMatch(new RegExp(`< ${DEFAULT_THRESHOLDS.cacheCollapseFactor} \\*`));
  expect(alertRules({ auditMinScore: 65 }).find((r) => r.alert === "ConfigAuditScoreLow")?.expr).toMatch(
    / < 65$/,
  );
  expect(prometheusAlertRules()).toBe(prometheusAlertRules({}));
});
