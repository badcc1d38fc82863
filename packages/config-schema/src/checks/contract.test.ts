import { describe, expect, it } from "vitest";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import {
  type CheckSpec,
  gatherSuppressions,
  notApplicable,
  runChecks,
  settleFindings,
} from "../entries/checks.js";
import type { Suppression } from "../suppressions/types.js";
import { parseYaml } from "../yaml/parse.js";

type Level = "critical" | "high" | "medium" | "low" | "info";

interface TestCheck extends CheckSpec<string, Level> {
  readonly gen: () => Iterable<string> | ReturnType<typeof notApplicable>;
  readonly group?: string;
}

const spec = (id: string, severity: Level, gen: TestCheck["gen"], group = "a"): TestCheck => ({
  id,
  name: `check-${id.toLowerCase()}`,
  severity,
  title: `${id} title`,
  cause: "cause",
  fix: "fix",
  gen,
  group,
});

const LEVEL = { error: "high", warning: "medium", info: "info" } as const;

function run(
  checks: readonly TestCheck[],
  overrides = new Map<string, "error" | "warning" | "info" | "off">(),
) {
  const crashes: string[] = [];
  const report = runChecks<TestCheck, Level, string, { id: string; severity: Level; message: string }>(
    checks,
    {
      generate: (check) => check.gen(),
      finding: (check, severity, message) => ({ id: check.id, severity, message }),
      overrides,
      levelOf: (setting) => LEVEL[setting],
      unselected: (check) => (check.group === "b" ? "--focus a" : undefined),
      crashed: (check, error) => {
        crashes.push(`${check.id}: ${(error as Error).message}`);
        return undefined;
      },
    },
  );
  return { report, crashes };
}

describe("runChecks: the one runner", () => {
  it("stamps id and severity, maps overrides onto the checks' scale, and says why each other check did not run", () => {
    const { report, crashes } = run(
      [
        spec("SY9001", "low", () => ["one", "two"]),
        spec("SY9002", "low", () => ["raised"]),
        spec("SY9003", "high", () => ["hidden"]),
        spec("SY9004", "high", () => notApplicable("no ports.yaml")),
        spec("SY9005", "high", () => {
          throw new Error("boom");
        }),
        spec("SY9006", "high", () => ["elsewhere"], "b"),
        spec("SY9007", "info", function* () {
          yield "first";
          throw new Error("half way");
        }),
      ],
      new Map([
        ["SY9002", "error"],
        ["SY9003", "off"],
      ]),
    );
    expect(report.ran.map((r) => [r.check.id, r.severity, r.findings])).toEqual([
      [
        "SY9001",
        "low",
        [
          { id: "SY9001", severity: "low", message: "one" },
          { id: "SY9001", severity: "low", message: "two" },
        ],
      ],
      ["SY9002", "high", [{ id: "SY9002", severity: "high", message: "raised" }]],
    ]);
    expect(report.skipped.map((s) => [s.check.id, s.reason, s.detail])).toEqual([
      ["SY9003", "turned-off", "rules: {SY9003: off} in .switchyard.yaml"],
      ["SY9004", "not-applicable", "no ports.yaml"],
      ["SY9005", "crashed", "boom"],
      ["SY9006", "not-selected", "--focus a"],
      // A generator that throws half way reports none of its findings: the check is broken.
      ["SY9007", "crashed", "half way"],
    ]);
    expect(crashes).toEqual(["SY9005: boom", "SY9007: half way"]);
  });

  it("a crash report the caller returns is the crashed check's one finding (consistency's SY2099)", () => {
    const report = runChecks<TestCheck, Level, string, string>([spec("SY9001", "low", () => [])], {
      generate: () => {
        throw new Error("bad");
      },
      finding: (_check, _severity, draft) => draft,
      crashed: (check) => `${check.id} failed`,
    });
    expect(report.ran).toEqual([
      { check: expect.objectContaining({ id: "SY9001" }), severity: "low", findings: ["SY9001 failed"] },
    ]);
    expect(report.skipped.map((s) => s.reason)).toEqual(["crashed"]);
  });
});

describe("gatherSuppressions and settleFindings", () => {
  const source = parseYaml("a: 1  # switchyard-ignore SY9001: accepted for now\nb: 2\n", { file: "x.yaml" });
  const finding = (line: number): Diagnostic => ({
    code: "SY9001",
    severity: "warning",
    message: `at ${line}`,
    file: "x.yaml",
    range: { start: { line, column: 1, offset: 0 }, end: { line, column: 2, offset: 1 } },
  });
  const settingsSuppression: Suppression = {
    origin: "settings",
    codes: ["SY9001"],
    reason: "whole file",
    file: "x.yaml",
    at: { file: ".switchyard.yaml" },
  };
  const scope = {
    owns: (code: string) => code.startsWith("SY9"),
    known: new Set(["SY9001", "SY9002"]),
    adjustable: () => true,
  };

  it("reads inline suppressions before the settings file's; the inline one wins where both cover a finding", () => {
    const gathered = gatherSuppressions([source], { suppressions: [settingsSuppression] });
    expect(gathered.suppressions.map((s) => s.origin)).toEqual(["inline", "settings"]);
    const first = finding(1);
    const second = finding(2);
    const settled = settleFindings([first, second], { suppressions: gathered.suppressions, scope });
    // Line 1 is hidden by its comment, line 2 by the settings entry; both are used, none reported.
    expect(settled.suppressed.map((s) => [s.diagnostic, s.suppression.origin])).toEqual([
      [first, "inline"],
      [second, "settings"],
    ]);
    expect(settled.diagnostics).toEqual([]);
    // With only line 1's finding, both cover it: the comment is used, the settings entry is unused.
    const alone = settleFindings([finding(1)], { suppressions: gathered.suppressions, scope });
    expect(alone.suppressed.map((s) => s.suppression.origin)).toEqual(["inline"]);
    expect(alone.diagnostics.map((d) => [d.code, d.file])).toEqual([["SY1090", ".switchyard.yaml"]]);
  });

  it("applies severity overrides to what remains, and keeps each finding's identity otherwise", () => {
    const kept = { ...finding(2), code: "SY9002" };
    const settled = settleFindings([kept, finding(3)], {
      suppressions: [],
      scope,
      overrides: new Map([["SY9001", "off"]]),
    });
    expect(settled.diagnostics).toEqual([kept]);
    expect(settled.diagnostics[0]).toBe(kept);
  });
});
