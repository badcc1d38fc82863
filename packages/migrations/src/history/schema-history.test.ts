import { readFileSync } from "node:fs";
import { CURRENT_SCHEMA_VERSION, KNOWN_SCHEMA_VERSIONS } from "@switchyard/config-schema/schemas";
import semver from "semver";
import { describe, expect, it } from "vitest";
import {
  breakingChanges,
  formatSchemaHistory,
  formatSchemaHistoryMarkdown,
  isCompatible,
  SCHEMA_HISTORY,
} from "./schema-history.js";

describe("SCHEMA_HISTORY", () => {
  it("lists exactly the known versions, oldest first, ending at the current one", () => {
    expect(SCHEMA_HISTORY.map((v) => v.version)).toEqual([...KNOWN_SCHEMA_VERSIONS]);
    expect(SCHEMA_HISTORY.at(-1)?.version).toBe(CURRENT_SCHEMA_VERSION);
  });

  it("only has breaking changes in major versions (semver)", () => {
    for (const record of SCHEMA_HISTORY) {
      const major =
        semver.minor(record.version) === 0 &&
        semver.patch(record.version) === 0 &&
        record.version !== "1.0.0";
      for (const change of record.changes)
        if (change.breaking) expect(major, `${record.version} ${change.field}`).toBe(true);
    }
  });

  it("records 2.0.0's vLLM rule and removed fields as breaking and irreversible", () => {
    const v2 = SCHEMA_HISTORY.find((v) => v.version === "2.0.0")!;
    expect(v2.changes.find((c) => c.field === "providers.<id>.status")).toMatchObject({
      breaking: true,
      migration_required: true,
      reversible: false,
    });
    expect(v2.changes.filter((c) => !c.reversible).map((c) => c.field)).toEqual([
      "providers.<id>.status",
      "providers.<id>.health_check_interval, providers.<id>.priority",
      "exact_matches.<name>.cache",
      "services.<id>.restart",
    ]);
  });
});

describe("isCompatible", () => {
  it("is true within a major version and false across one", () => {
    expect(isCompatible("1.0.0", "1.2.0")).toBe(true);
    expect(isCompatible("1.2.0", "1.0.0")).toBe(true);
    expect(isCompatible("1.2.0", "2.0.0")).toBe(false);
    expect(isCompatible("2.0.0", "2.0.0")).toBe(true);
    expect(isCompatible("2.0", "2.0.0")).toBe(false);
  });
});

describe("breakingChanges", () => {
  it("lists the breaking changes between two versions in either direction", () => {
    const up = breakingChanges("1.0.0", "2.0.0");
    expect(up.length).toBeGreaterThan(0);
    expect(new Set(up.map((c) => c.version))).toEqual(new Set(["2.0.0"]));
    expect(breakingChanges("2.0.0", "1.1.0")).toEqual(up);
    expect(breakingChanges("1.0.0", "1.2.0")).toEqual([]);
    expect(breakingChanges("2.0.0", "2.0.0")).toEqual([]);
  });
});

describe("formatting", () => {
  it("prints every version newest first with its changes", () => {
    const text = formatSchemaHistory();
    expect(text.indexOf("2.0.0 (current)")).toBeLessThan(text.indexOf("1.0.0  Initial schema"));
    expect(text).toContain(
      "[providers] providers.<id>.url: Renamed `base_url`. (breaking, migration required)",
    );
    expect(text).toContain("(breaking, migration required, irreversible)");
  });

  it("keeps the README's schema history identical to the data", () => {
    // Table cells are compared trimmed: the formatter pads them into aligned columns.
    const normalise = (markdown: string) =>
      markdown
        .split("\n")
        .map((line) =>
          line.startsWith("|")
            ? line
                .split(/(?<!\\)\|/)
                .map((cell) => cell.trim().replace(/^-+$/, "---"))
                .join("|")
            : line,
        )
        .join("\n");
    const readme = readFileSync(new URL("../../README.md", import.meta.url), "utf8");
    expect(normalise(readme)).toContain(normalise(formatSchemaHistoryMarkdown()));
  });
});
