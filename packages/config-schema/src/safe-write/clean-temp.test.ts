import { spawnSync } from "node:child_process";
import { readdir, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, beforeEach, describe, expect, test } from "vitest";
import { cleanStaleTempFiles } from "./clean-temp.js";
import { parseTempFileName, tempFileName } from "./temp-name.js";

let dir: string;
beforeEach(async () => {
  dir = await tempDir("sy-clean-");
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

const deadPid = () => spawnSync(process.execPath, ["-e", ""]).pid!;

describe("temp file names", () => {
  test("are hidden, name the base and the pid, and parse back", () => {
    const name = tempFileName("providers.yaml", 4242);
    expect(name).toMatch(/^\.providers\.yaml\.tmp-4242-[0-9a-f]{12}$/);
    expect(parseTempFileName(name)).toEqual({ baseName: "providers.yaml", pid: 4242 });
    expect(tempFileName("a")).not.toBe(tempFileName("a"));
    expect(parseTempFileName("providers.yaml")).toBeUndefined();
    expect(parseTempFileName(".providers.yaml.tmp-x-abc")).toBeUndefined();
  });
});

describe("cleanStaleTempFiles", () => {
  test("removes leftovers of dead writers only, and returns them", async () => {
    const dead = deadPid();
    const deadTemp = tempFileName("providers.yaml", dead);
    const otherDead = tempFileName("ports.yaml", dead);
    const liveTemp = tempFileName("providers.yaml", process.pid);
    for (const name of [deadTemp, otherDead, liveTemp, "providers.yaml", ".hidden"]) {
      await writeFile(join(dir, name), "x");
    }
    expect(await cleanStaleTempFiles(dir, "providers.yaml")).toEqual([join(dir, deadTemp)]);
    expect(await cleanStaleTempFiles(dir)).toEqual([join(dir, otherDead)]);
    expect((await readdir(dir)).sort()).toEqual([".hidden", liveTemp, "providers.yaml"].sort());
    expect(await cleanStaleTempFiles(dir)).toEqual([]);
  });

  test("a missing directory has nothing to clean", async () => {
    expect(await cleanStaleTempFiles(join(dir, "missing"))).toEqual([]);
  });
});

describe("every temp name the safe-write layer makes (#10 item 5)", () => {
  test("a file's cleanup also removes dead writers' temps of its backups", async () => {
    const dead = deadPid();
    const backupTemp = tempFileName("litellm-unified.yaml.backup-20261126_121500", dead);
    const backupTempSeq = tempFileName("litellm-unified.yaml.backup-20261126_121500-3", dead);
    const otherBackupTemp = tempFileName("providers.yaml.backup-20261126_121500", dead);
    for (const name of [backupTemp, backupTempSeq, otherBackupTemp]) await writeFile(join(dir, name), "x");
    expect(await cleanStaleTempFiles(dir, "litellm-unified.yaml")).toEqual(
      [join(dir, backupTemp), join(dir, backupTempSeq)].sort(),
    );
    expect(await readdir(dir)).toEqual([otherBackupTemp]);
  });
});
