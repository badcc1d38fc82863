import { describe, expect, test } from "vitest";
import { backupName, parseBackupName } from "./backup-name.js";

describe("backupName", () => {
  test("appends the local wall-clock stamp", () => {
    expect(backupName("providers.yaml", new Date(2026, 10, 26, 12, 15, 0))).toBe(
      "providers.yaml.backup-20261126_121500",
    );
    expect(backupName("ports.yaml", new Date(2027, 0, 2, 3, 4, 5))).toBe("ports.yaml.backup-20270102_030405");
  });

  test("round-trips through parseBackupName", () => {
    const parsed = parseBackupName(backupName("providers.yaml", new Date(2026, 10, 26, 23, 59, 59)));
    expect(parsed).toEqual({
      baseName: "providers.yaml",
      stamp: "20261126_235959",
      time: { year: 2026, month: 11, day: 26, hour: 23, minute: 59, second: 59 },
      sequence: 1,
    });
  });
});

describe("parseBackupName", () => {
  test("reads the collision suffix", () => {
    expect(parseBackupName("providers.yaml.backup-20261126_121500-3")).toMatchObject({
      baseName: "providers.yaml",
      stamp: "20261126_121500",
      sequence: 3,
    });
  });

  test("a backup of a backup belongs to the backup", () => {
    expect(parseBackupName("a.yaml.backup-20260101_000000.backup-20260102_000000")?.baseName).toBe(
      "a.yaml.backup-20260101_000000",
    );
  });

  test.each([
    "providers.yaml",
    "providers.yaml.bak",
    "providers.yaml.backup-",
    "providers.yaml.backup-2026112_121500",
    "providers.yaml.backup-20261126-121500",
    "providers.yaml.backup-20261126_121500-1",
    "providers.yaml.backup-20261126_121500-02",
    "providers.yaml.backup-20261126_121500.tmp",
    "providers.yaml.backup-20261331_121500",
    "providers.yaml.backup-20260229_121500",
    ".backup-20261126_121500",
  ])("refuses %s", (name) => {
    expect(parseBackupName(name)).toBeUndefined();
  });
});
