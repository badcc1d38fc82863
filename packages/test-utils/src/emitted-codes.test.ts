import { describe, expect, test } from "vitest";
import { codesIn, LISTING } from "./emitted-codes.js";

describe("codesIn: the codes a value under test emits", () => {
  test("diagnostics, SARIF results, rendered output and lists of a result's codes count", () => {
    expect([...codesIn({ diagnostics: [{ code: "SY1001", message: "bad" }] })]).toEqual(["SY1001"]);
    expect([...codesIn({ runs: [{ results: [{ ruleId: "SY2003", message: { text: "x" } }] }] })]).toEqual([
      "SY2003",
    ]);
    expect([...codesIn("error[SY1003]: Tabs are not allowed\n")]).toEqual(["SY1003"]);
    expect([...codesIn("config/a.yaml:1:1 warning SY5202 no-backups")]).toEqual(["SY5202"]);
    expect([...codesIn(["SY2001", "SY2001", "SY2003"])].sort()).toEqual(["SY2001", "SY2003"]);
    expect([...codesIn(Object.assign(new Error("a.yaml is locked by pid 1"), { code: "SY1050" }))]).toEqual([
      "SY1050",
    ]);
    expect([...codesIn({ state: "UNKNOWN", code: "SY6012", reason: "owner unreadable" })]).toEqual([
      "SY6012",
    ]);
    expect([...codesIn("Compliance (1 finding)\n  medium   SY5202 no-backups\n    fix: …\n")]).toEqual([
      "SY5202",
    ]);
    expect([
      ...codesIn("0 running, 1 free\nNot ready: litellm (SY6011)  (switchyard explain <code> says more)\n"),
    ]).toEqual(["SY6011"]);
  });

  test("catalogue entries, explain text, a bare code and listings of many codes do not", () => {
    expect(codesIn({ code: "SY1001", name: "yaml-syntax", title: "t", cause: "c", fix: "f" }).size).toBe(0);
    expect(codesIn("SY1001 yaml-syntax (error)\n\nThe file is not valid YAML.\n").size).toBe(0);
    expect(codesIn("SY3024").size).toBe(0);
    const listing = Array.from({ length: LISTING + 1 }, (_, i) => `SY${1001 + i}`);
    expect(codesIn(listing).size).toBe(0);
    expect(codesIn(listing.map((code) => `${code} some-name  A title.`).join("\n")).size).toBe(0);
    expect(codesIn(listing.slice(0, LISTING)).size).toBe(LISTING);
  });
});
