import { execFileSync } from "node:child_process";
import { mkdtemp, rm, symlink, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { verifyBackup } from "./verify.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "sy-verify-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

async function verifyText(name: string, text: string) {
  const path = join(dir, name);
  await writeFile(path, text);
  return verifyBackup({ name, path }, name.replace(/\.backup-.*$/, ""), name);
}

describe("verifyBackup, the one backup verifier", () => {
  it("accepts a backup that validates as its kind", async () => {
    const result = await verifyText(
      "ports.yaml.backup-20250101_000000",
      'schema_version: "2.0.0"\nservices: {}\n',
    );
    expect(result).toMatchObject({ ok: true, problems: [] });
  });

  it("refuses an empty backup, and one that parses but does not validate", async () => {
    expect((await verifyText("ports.yaml.backup-20250101_000001", "")).problems[0]).toBe("is empty");
    const invalid = await verifyText(
      "providers.yaml.backup-20250101_000000",
      'schema_version: "2.0.0"\nproviders: 42\n',
    );
    expect(invalid.ok).toBe(false);
    expect(invalid.problems).toEqual([
      expect.stringMatching(/^does not validate as providers\.yaml \(\d+ errors?\)$/),
    ]);
  });

  it("never reads through a symlink or from a FIFO", async () => {
    const target = join(dir, "elsewhere.yaml");
    await writeFile(target, 'schema_version: "2.0.0"\nservices: {}\n');
    const link = join(dir, "ports.yaml.backup-20300101_000000");
    await symlink(target, link);
    const linked = await verifyBackup({ name: "l", path: link }, "ports.yaml", "l");
    expect(linked.ok).toBe(false);
    expect(linked.problems[0]).toMatch(/^cannot be read: .*symbolic link/);
    const fifo = join(dir, "ports.yaml.backup-20300101_000001");
    execFileSync("mkfifo", [fifo]);
    const piped = await verifyBackup({ name: "f", path: fifo }, "ports.yaml", "f");
    expect(piped.problems[0]).toMatch(/^cannot be read: .*FIFO/);
  });
});
