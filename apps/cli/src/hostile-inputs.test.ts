/**
 * Issue #10 regressions, run against the built CLI process (`bin/switchyard.cjs` → `dist/cli.cjs`):
 * hostile files must give a located diagnostic and a documented exit code, never a hang, a leak or a
 * crash. turbo builds before testing; by hand, run `npx tsup` in apps/cli first.
 */
import { execFileSync } from "node:child_process";
import { existsSync } from "node:fs";
import { chmod, mkdir, readdir, readFile, rm, stat, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { type BuiltRun, requireBuiltCli, runBuilt, runBuiltWith } from "./test-support/built.js";
import { copyExample, tempDir } from "./test-support/run.js";

/** The commands issue #10 found hanging, each run in the directory that holds the config set. */
const COMMANDS: readonly (readonly string[])[] = [
  ["validate", "config"],
  ["audit", "config"],
  ["generate", "--check", "--config-dir", "config"],
];

/** A documented exit code (0–3; never 70, an internal error) and no kill by the guard. */
function finished(run: BuiltRun): void {
  expect(run.killed, `hung; stderr so far: ${run.stderr}`).toBe(false);
  expect([0, 1, 2, 3]).toContain(run.code);
}

beforeAll(requireBuiltCli);

describe("#10 item 2: every config read is bounded, regular files only", () => {
  it.each(["providers.yaml", ".switchyard.yaml"])(
    "a FIFO named %s does not hang validate, audit or generate --check",
    async (name) => {
      const cwd = await copyExample("config");
      await rm(join(cwd, "config", name), { force: true });
      execFileSync("mkfifo", [join(cwd, "config", name)]);
      for (const args of COMMANDS) {
        const run = await runBuilt(args, { cwd });
        finished(run);
        expect(run.code, args.join(" ")).not.toBe(0);
        expect(`${run.stdout}${run.stderr}`, args.join(" ")).toContain(
          `Cannot read config/${name}: it is a FIFO (named pipe), not a regular file`,
        );
      }
    },
  );

  it("a FIFO or /dev/zero named feature-flags.yaml does not hang or fill `flags list` / `flags get`", async () => {
    for (const plant of ["fifo", "zero"] as const) {
      const cwd = await copyExample("config");
      const path = join(cwd, "config", "feature-flags.yaml");
      await rm(path, { force: true });
      if (plant === "fifo") execFileSync("mkfifo", [path]);
      else await symlink("/dev/zero", path);
      for (const args of [
        ["flags", "list", "--config-dir", "config"],
        ["flags", "get", "semantic-cache", "--config-dir", "config"],
      ]) {
        const run = await runBuilt(args, { cwd });
        finished(run);
        expect(run.code, args.join(" ")).toBe(2);
        expect(run.stderr, args.join(" ")).toContain(
          `Cannot read config/feature-flags.yaml: it is a ${plant === "fifo" ? "FIFO (named pipe)" : "character device"}, not a regular file`,
        );
      }
    }
  });

  it.each([".switchyard.yaml", "litellm-passthrough.yaml"])(
    "%s pointing at /dev/zero is refused without being read",
    async (name) => {
      const cwd = await copyExample("config");
      await symlink("/dev/zero", join(cwd, "config", name));
      for (const args of name === ".switchyard.yaml" ? COMMANDS : [COMMANDS[2]!]) {
        const run = await runBuilt(args, { cwd });
        finished(run);
        expect(`${run.stdout}${run.stderr}`, args.join(" ")).toContain(
          `Cannot read config/${name}: it is a character device, not a regular file`,
        );
      }
    },
  );
});

// 30,000 broken lines (60 KB): a file of 64 KiB or more that does not parse is read only up to its
// first errors (config-schema's yaml/error-cut.ts; the test after this block); the cap on spreading
// 200,000 diagnostics is config-schema's diagnostics/cap.test.ts.
describe("30,000 diagnostics in one file (#10 item 1)", () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await copyExample("config");
    await writeFile(
      join(cwd, "config", "providers.yaml"),
      `schema_version: "2.0.0"\n${"]\n".repeat(30_000)}`,
    );
  });

  it("validate --json: 1,000 located diagnostics and one SY1019 summary, exit 1", async () => {
    const run = await runBuilt(["validate", "config", "--json"], { cwd });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      diagnostics: { code: string; file?: string; range?: { start: { line: number } } }[];
    };
    const inProviders = report.diagnostics.filter((d) => d.file === "config/providers.yaml");
    expect(inProviders).toHaveLength(1001);
    expect(inProviders.slice(0, 1000).every((d) => d.code === "SY1001" && d.range !== undefined)).toBe(true);
    expect(inProviders[0]!.range!.start.line).toBe(2);
    const summary = inProviders[1000]!;
    expect(summary).toMatchObject({ code: "SY1019", severity: "error" });
    expect((summary as { message?: string }).message).toMatch(
      /^29000 more diagnostics in config\/providers\.yaml/,
    );
    // CPU time, which a loaded machine does not inflate as it does wall time.
    expect(run.cpuMs, `${run.cpuMs} ms of CPU`).toBeLessThan(20_000);
  });

  // A guard for five processes on a loaded machine (they each take seconds; the check below is on CPU).
  it("validate (pretty), audit, generate --check and migrate --check end with their own codes, quickly", {
    timeout: 300_000,
  }, async () => {
    const commands = [
      ["validate", "config"],
      ["audit", "config", "--json"],
      ["generate", "--config-dir", "config", "--check"],
      ["migrate", "--check", "--config-dir", "config"],
    ];
    const runs = [];
    // One at a time, so that each figure is the command's own (a loaded machine still adds to it).
    for (const args of commands) runs.push(await runBuilt(args, { cwd }));
    const [validate, audit, generate, migrate] = runs;
    for (const [i, run] of runs.entries()) {
      finished(run);
      expect(run.stderr, commands[i]!.join(" ")).not.toContain("internal error");
    }
    // Quickly: the 1,000 code frames of the pretty output cost a few times reading a well-formed
    // file of the same size, not fifty (they once split the whole file once per frame: 22 s).
    // Compared in CPU time: two runs' wall times on a loaded machine differ by more than the rest.
    const sameSize = await copyExample("config");
    await writeFile(
      join(sameSize, "config", "providers.yaml"),
      `${await readFile(join(cwd, "config", "providers.yaml"), "utf8").then((t) => t.replaceAll("]", "#"))}`,
    );
    const baseline = await runBuilt(["validate", "config"], { cwd: sameSize });
    expect(
      (validate!.cpuMs ?? Number.NaN) / (baseline.cpuMs ?? Number.NaN),
      `${validate!.cpuMs} ms of CPU against ${baseline.cpuMs} ms`,
    ).toBeLessThan(15);
    expect(validate!.code).toBe(1);
    expect(validate!.stdout).toContain("config/providers.yaml:2:1");
    expect(validate!.stdout).toContain("error[SY1019]: 29000 more diagnostics");
    // The audit's own codes: 1 or 2 by score band; the invalid file is a high finding.
    expect([1, 2]).toContain(audit!.code);
    expect(JSON.parse(audit!.stdout).findings.map((f: { id: string }) => f.id)).toContain("SY5402");
    expect(generate!.code).toBe(1);
    expect(generate!.stdout + generate!.stderr).toContain("config/providers.yaml:2:1");
    expect(migrate!.code).toBe(1);
    expect(migrate!.stdout + migrate!.stderr).toContain("providers.yaml:2:1");
  });
});

describe("a forbidden key in a file over 64 KiB (#10 item 7)", () => {
  let cwd: string;
  beforeAll(async () => {
    cwd = await copyExample("config");
    const path = join(cwd, "config", "providers.yaml");
    const original = await readFile(path, "utf8");
    // An escaped `__proto__` provider id, and enough comment lines for the fast YAML tier.
    const hostile = original.replace(
      "providers:\n",
      'providers:\n  "\\u005f_proto__":\n    type: ollama\n    base_url: http://127.0.0.1:11435\n    models:\n      - name: evil\n',
    );
    expect(hostile).not.toBe(original);
    await writeFile(path, `${hostile}${"# a comment line that pads the file past 64 KiB\n".repeat(1500)}`);
  });

  it("validate reports SY1007 at the key and exits 1; generate writes nothing", async () => {
    const validate = await runBuilt(["validate", "config", "--json"], { cwd });
    expect(validate.code).toBe(1);
    const report = JSON.parse(validate.stdout) as {
      diagnostics: { code: string; file?: string; range?: unknown }[];
    };
    expect(report.diagnostics.filter((d) => d.code === "SY1007")).toEqual([
      expect.objectContaining({
        file: "config/providers.yaml",
        range: expect.objectContaining({ start: expect.objectContaining({ line: expect.any(Number) }) }),
      }),
    ]);
    const generate = await runBuilt(["generate", "--config-dir", "config"], { cwd });
    expect(generate.code).toBe(1);
    expect(generate.stdout + generate.stderr).toContain("SY1007");
    expect(existsSync(join(cwd, "config", "litellm-unified.yaml"))).toBe(false);
  });
});

describe("audit of a config file that cannot be read (#10 item 9)", () => {
  it("a directory in place of providers.yaml fails `audit --quick --fail-on high` (exit 2)", async () => {
    const cwd = await copyExample("config");
    await rm(join(cwd, "config", "providers.yaml"));
    await mkdir(join(cwd, "config", "providers.yaml"));
    const run = await runBuilt(["audit", "config", "--quick", "--fail-on", "high"], { cwd });
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("SY5407 config-unreadable");
    expect(run.stdout).toContain("Cannot read config/providers.yaml: it is a directory");
    const json = await runBuilt(["audit", "config", "--quick", "--fail-on", "high", "--json"], { cwd });
    expect(json.code).toBe(2);
    expect(JSON.parse(json.stdout).findings).toContainEqual(
      expect.objectContaining({ id: "SY5407", severity: "critical", file: "config/providers.yaml" }),
    );
  });

  it("an unreadable providers.yaml (mode 000, audited as an unprivileged user) fails it too", async () => {
    expect(process.getuid?.(), "the test needs root, to run the audit as another user").toBe(0);
    const cwd = await copyExample("config");
    await chmod(cwd, 0o755);
    await chmod(join(cwd, "config"), 0o755);
    for (const name of await readdir(join(cwd, "config"))) await chmod(join(cwd, "config", name), 0o644);
    await chmod(join(cwd, "config", "providers.yaml"), 0o000);
    const run = await runBuilt(["audit", "config", "--quick", "--fail-on", "high"], {
      cwd,
      uid: 65534,
      env: { SWITCHYARD_NO_COMPILE_CACHE: "1", HOME: cwd },
    });
    expect(run.stderr).toBe("");
    expect(run.code).toBe(2);
    expect(run.stdout).toContain("Cannot read config/providers.yaml: permission denied");
  });
});

/** Mount helpers (the tests run as root, as CI does; a missing capability fails, never skips). */
function mountOrFail(args: readonly string[]): void {
  try {
    execFileSync("mount", args, { stdio: ["ignore", "ignore", "pipe"] });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString().trim() ?? String(error);
    throw new Error(`this test needs to mount (root with CAP_SYS_ADMIN): mount ${args.join(" ")}: ${stderr}`);
  }
}

/** The bytes of every file of `dir`, by name. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const entry of await readdir(dir, { withFileTypes: true }))
    if (entry.isFile()) out.set(entry.name, await readFile(join(dir, entry.name), "utf8"));
  return out;
}

describe("migrate on a file system that refuses writes (#10 item 3)", () => {
  it("a read-only mount: migrate --auto and migrate rollback exit 2 naming the directory; nothing changes", async () => {
    const cwd = await copyExample("legacy-v1", { into: "legacy-v1" });
    const source = join(cwd, "legacy-v1");
    const before = await snapshot(source);
    const ro = join(cwd, "ro");
    await mkdir(ro);
    mountOrFail(["--bind", source, ro]);
    try {
      mountOrFail(["-o", "remount,bind,ro", ro]);
      for (const args of [
        ["migrate", "--auto", "--config-dir", "ro"],
        ["migrate", "rollback", "--config-dir", "ro"],
      ]) {
        const run = await runBuilt(args, { cwd });
        expect(run.stderr, args.join(" ")).not.toContain("internal error");
        expect(run.code, args.join(" ")).toBe(2);
        expect(run.stderr, args.join(" ")).toContain("Cannot write ro: read-only file system");
      }
    } finally {
      execFileSync("umount", ["-l", ro], { stdio: "ignore" });
    }
    expect(await snapshot(source)).toEqual(before);
  });

  it("a full disk: migrate --auto exits 2 with 'no space left'; the set stays old and whole", async () => {
    const cwd = await copyExample("legacy-v1", { into: "legacy-v1" });
    const full = join(cwd, "full");
    await mkdir(full);
    mountOrFail(["-t", "tmpfs", "-o", "size=64k,mode=0755", "tmpfs", full]);
    try {
      for (const name of await readdir(join(cwd, "legacy-v1")))
        await writeFile(join(full, name), await readFile(join(cwd, "legacy-v1", name)));
      const before = await snapshot(full);
      // Fill the rest of the file system.
      const block = Buffer.alloc(4096, 0x61);
      await writeFile(join(full, "filler"), "");
      try {
        for (;;) await writeFile(join(full, "filler"), block, { flag: "a" });
      } catch (error) {
        expect((error as NodeJS.ErrnoException).code).toBe("ENOSPC");
      }
      const run = await runBuilt(["migrate", "--auto", "--config-dir", "full"], { cwd });
      expect(run.stderr).not.toContain("internal error");
      expect(run.code).toBe(2);
      expect(run.stderr).toMatch(/Cannot write full.*: no space left on the device/);
      const after = await snapshot(full);
      for (const [name, text] of before) expect(after.get(name), name).toBe(text);
    } finally {
      execFileSync("umount", ["-l", full], { stdio: "ignore" });
    }
  });

  it("a directory the user cannot write: exit 2, permission denied", async () => {
    expect(process.getuid?.(), "the test needs root, to run migrate as another user").toBe(0);
    const cwd = await copyExample("legacy-v1", { into: "legacy-v1" });
    await chmod(cwd, 0o755);
    await chmod(join(cwd, "legacy-v1"), 0o555);
    for (const name of await readdir(join(cwd, "legacy-v1")))
      await chmod(join(cwd, "legacy-v1", name), 0o644);
    const before = await snapshot(join(cwd, "legacy-v1"));
    const run = await runBuilt(["migrate", "--auto", "--config-dir", "legacy-v1"], {
      cwd,
      uid: 65534,
      env: { SWITCHYARD_NO_COMPILE_CACHE: "1", HOME: cwd },
    });
    expect(run.stderr).not.toContain("internal error");
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("Cannot write legacy-v1: permission denied");
    expect(await snapshot(join(cwd, "legacy-v1"))).toEqual(before);
  });
});

/** Insert `lines` right after the first provider's id line of `config/providers.yaml`. */
async function addToFirstProvider(cwd: string, lines: readonly string[]): Promise<void> {
  const path = join(cwd, "config", "providers.yaml");
  const text = await readFile(path, "utf8");
  const rows = text.split("\n");
  const at = rows.findIndex((row) => /^ {2}[a-z][\w-]*:\s*$/.test(row));
  await writeFile(path, [...rows.slice(0, at + 1), ...lines, ...rows.slice(at + 1)].join("\n"));
}

/** Lines GitHub Actions would run as workflow commands: `::name …` (after spaces) or `##[` anywhere. */
function workflowCommands(output: string): string[] {
  return output.split("\n").filter((line) => /^::[A-Za-z]/.test(line.trimStart()) || line.includes("##["));
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: looking for raw control characters is the point
const RAW_CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f]/;

describe("#10 item 10: keys cannot inject terminal escapes or workflow commands", () => {
  it.each([
    ["a key holding \\e[2J", '    "\\e[2J\\e]0;pwned\\a": 1', "␛[2J"],
    ["a key holding \\n::error", '    "\\n::error title=x::y": 2', "␊::error title=x::y"],
  ])("%s: validate and audit default outputs show it, never execute it", async (_name, line, shown) => {
    const cwd = await copyExample("config");
    await addToFirstProvider(cwd, [line]);
    for (const args of [
      ["validate", "config"],
      ["audit", "config"],
    ]) {
      const run = await runBuilt(args, { cwd });
      finished(run);
      const output = `${run.stdout}${run.stderr}`;
      expect(output, args[0]).toContain(shown);
      expect(output, args[0]).not.toMatch(RAW_CONTROL);
      expect(workflowCommands(output), args[0]).toEqual([]);
    }
  });
});

describe("#10 item 6: secrets never printed, never written", () => {
  const key = ["sk-proj-", "Q7m2ZxK9pL4vB8nR1tY6wE3uI0oA5sD"].join("");

  it("validate's code frame shows a literal api_key redacted", async () => {
    const cwd = await copyExample("config");
    const path = join(cwd, "config", "providers.yaml");
    const text = await readFile(path, "utf8");
    await writeFile(path, text.replace(/api_key: os\.environ\/OPENAI_API_KEY/, `api_key: ${key}`));
    const run = await runBuilt(["validate", "config"], { cwd });
    finished(run);
    expect(run.stdout).toContain("warning[SY1040]");
    expect(run.stdout).toContain("api_key: sk-p…****");
    expect(run.stdout).not.toContain(key.slice(0, 12));
  });

  it("import writes no header token, webhook token or URL password, and prints none", async () => {
    const cwd = await tempDir();
    const bearer = ["tok", "0123456789abcdefXYZ"].join("");
    await writeFile(
      join(cwd, "litellm.yaml"),
      [
        "model_list:",
        "  - model_name: a",
        "    litellm_params:",
        "      model: openai/gpt-4o",
        "      api_key: os.environ/OPENAI_API_KEY",
        `      extra_headers: { Authorization: "Bearer ${bearer}" }`,
        "  - model_name: b",
        '    litellm_params: { model: openai/local, api_base: "https://bob:hunter2pw@llm.internal/v1" }',
        "general_settings:",
        "  master_key: os.environ/LITELLM_MASTER_KEY",
        "  alerting: [webhook]",
        '  alerting_args: { webhook_url: "https://alerts.internal/hook?token=abcdef123456" }',
        "",
      ].join("\n"),
    );
    const run = await runBuilt(["import", "litellm", "litellm.yaml", "--out", "config"], { cwd });
    finished(run);
    expect(run.code).toBe(0);
    const written = (
      await Promise.all(
        (await readdir(join(cwd, "config"))).map((name) => readFile(join(cwd, "config", name), "utf8")),
      )
    ).join("\n");
    for (const secret of [bearer, "hunter2pw", "abcdef123456"]) {
      expect(written).not.toContain(secret);
      expect(`${run.stdout}${run.stderr}`).not.toContain(secret);
    }
    expect((await stat(join(cwd, "config", "litellm-passthrough.yaml"))).mode & 0o777).toBe(0o600);
  });

  it("generate creates the output 0600 when it copies a secret from a 0600 passthrough", async () => {
    const cwd = await copyExample("config");
    const passthrough = join(cwd, "config", "litellm-passthrough.yaml");
    await writeFile(passthrough, "router_settings:\n  redis_password: hunter2-literal\n", { mode: 0o600 });
    await chmod(passthrough, 0o600);
    const run = await runBuilt(["generate", "--config-dir", "config"], { cwd });
    finished(run);
    expect(run.code).toBe(0);
    const output = join(cwd, "config", "litellm-unified.yaml");
    expect(await readFile(output, "utf8")).toContain("hunter2-literal");
    expect((await stat(output)).mode & 0o777).toBe(0o600);
  });
});

describe("#10 item 6: a 0644 file that receives a secret becomes 0600, and generate says so", () => {
  for (const json of [false, true])
    it(`in the report${json ? " (--json: modeTightened)" : ""}`, async () => {
      const cwd = await copyExample("config");
      const output = join(cwd, "config", "litellm-unified.yaml");
      finished(await runBuilt(["generate", "--config-dir", "config"], { cwd }));
      await chmod(output, 0o644);
      const passthrough = join(cwd, "config", "litellm-passthrough.yaml");
      await writeFile(passthrough, "router_settings:\n  redis_password: hunter2-literal\n", { mode: 0o600 });
      await chmod(passthrough, 0o600);
      const run = await runBuilt(["generate", "--config-dir", "config", ...(json ? ["--json"] : [])], {
        cwd,
      });
      finished(run);
      expect(run.code, run.stderr).toBe(0);
      expect((await stat(output)).mode & 0o777).toBe(0o600);
      // --json says what was generated (11 model_list entries), never the text holding the secret.
      if (json)
        expect(JSON.parse(run.stdout)).toMatchObject({
          modeTightened: { from: 0o644, to: 0o600 },
          generation: { models: 11 },
        });
      else
        expect(run.stdout).toContain(
          "warning: tightened the mode of config/litellm-unified.yaml from 0644 to 0600 because it holds a secret",
        );
      expect(`${run.stdout}${run.stderr}`).not.toContain("hunter2-literal");
    });
});

describe("#10 item 8: long lines and broken brackets stay fast", () => {
  it("validate prints 1,000 frames of a 100,000-character line about as fast as --json", async () => {
    const cwd = await copyExample("config");
    const path = join(cwd, "config", "providers.yaml");
    const long = `    models: [${Array.from({ length: 40_000 }, () => "1").join(", ")}]`;
    const text = await readFile(path, "utf8");
    await writeFile(
      path,
      text.replace(
        "providers:\n",
        `providers:\n  longline:\n    type: ollama\n    base_url: http://127.0.0.1:11435\n${long}\n`,
      ),
    );
    const json = await runBuilt(["validate", "config", "--format", "json"], { cwd });
    const pretty = await runBuilt(["validate", "config"], { cwd });
    finished(pretty);
    expect(pretty.code).toBe(1);
    expect(pretty.stdout).toContain("error[SY1032]");
    // Before windowing each frame converted the whole line: minutes, against seconds for --json.
    // Compared in CPU time: wall time of two runs on a busy machine differs by more than 2×.
    expect(pretty.cpuMs, `${pretty.cpuMs} ms of CPU against ${json.cpuMs} ms`).toBeLessThan(
      (json.cpuMs ?? Number.NaN) * 2 + 5000,
    );
    for (const line of pretty.stdout.split("\n")) expect(line.length).toBeLessThan(400);
    // generate and --check print the same frames (53–56 s on fuzz cases before windowing).
    const check = await runBuilt(["generate", "--check", "--config-dir", "config"], { cwd });
    finished(check);
    expect(check.code).toBe(1);
    expect(check.stdout + check.stderr).toContain("error[SY1032]");
    expect(check.cpuMs, `${check.cpuMs} ms of CPU against ${json.cpuMs} ms`).toBeLessThan(
      (json.cpuMs ?? Number.NaN) * 2 + 5000,
    );
    for (const line of `${check.stdout}${check.stderr}`.split("\n")) expect(line.length).toBeLessThan(400);
  });

  it("validate --json on 150,000 broken lines reads up to 200 lines past the first error", async () => {
    const cwd = await copyExample("config");
    await writeFile(
      join(cwd, "config", "providers.yaml"),
      `schema_version: "2.0.0"\n${"]\n".repeat(150_000)}`,
    );
    const run = await runBuilt(["validate", "config", "--json"], { cwd });
    finished(run);
    expect(run.code).toBe(1);
    const report = JSON.parse(run.stdout) as {
      diagnostics: { code: string; file?: string; message: string; range?: { start: { line: number } } }[];
    };
    const inProviders = report.diagnostics.filter((d) => d.file === "config/providers.yaml");
    expect(inProviders[0]).toMatchObject({ code: "SY1001", range: { start: { line: 2 } } });
    const stop = inProviders.find((d) => d.message.startsWith("Reading stopped"));
    // Lines 203 to 150,001 were not read.
    expect(stop?.message).toBe(
      "Reading stopped 200 lines past the first syntax error; the rest of the file (149799 lines) was not read",
    );
    expect(stop?.range?.start.line).toBe(203);
    expect(inProviders.filter((d) => d.code === "SY1001")).toHaveLength(202);
  });

  it("validate --json on 220 KB of unclosed '{' lines stops reading past the first errors", async () => {
    const cwd = await copyExample("config");
    await writeFile(
      join(cwd, "config", "providers.yaml"),
      `schema_version: "2.0.0"\n${"{\n".repeat(110_000)}`,
    );
    const run = await runBuilt(["validate", "config", "--format", "json"], { cwd });
    finished(run);
    expect(run.code).toBe(1);
    expect(run.cpuMs, `${run.cpuMs} ms of CPU`).toBeLessThan(15_000);
    expect(run.stdout).toContain("Reading stopped 200 lines past the first syntax error");
  });
});

/**
 * Run the built CLI inside a private mount namespace with `dir` remounted read-only (a tmpfs holding
 * a copy of it). Needs root and util-linux's unshare, as CI has; without them the test fails, saying so.
 */
async function runOnReadOnly(dir: string, args: readonly string[], cwd: string): Promise<BuiltRun> {
  const script = [
    "set -e",
    'tmp=$(mktemp -d); cp -a "$1"/. "$tmp"/',
    'mount -t tmpfs -o size=8m tmpfs "$1"',
    'cp -a "$tmp"/. "$1"/; rm -rf "$tmp"',
    'mount -o remount,ro "$1"',
    'shift; cd "$1"; shift',
    'exec "$@"',
  ].join("\n");
  return runBuiltWith(
    ["unshare", "-m", "--propagation", "private", "sh", "-c", script, "sh", dir, cwd],
    args,
  );
}

describe("#10 item 12: a read-only file system is called read-only", () => {
  beforeAll(() => {
    try {
      execFileSync("unshare", ["-m", "true"], { stdio: "pipe" });
    } catch (error) {
      throw new Error(
        `these tests mount a read-only tmpfs in a private namespace and need root with unshare (CI runs as root): ${String(error)}`,
      );
    }
  });

  it("audit --write-baseline says read-only file system", async () => {
    const cwd = await copyExample("config");
    const run = await runOnReadOnly(cwd, ["audit", "config", "--write-baseline"], cwd);
    expect(run.killed).toBe(false);
    expect(run.stderr).toContain("read-only file system");
    expect(run.stderr).not.toContain("no such file or directory");
    expect(run.code).not.toBe(70);
  });

  it("schema --out says read-only file system", async () => {
    const cwd = await tempDir();
    const run = await runOnReadOnly(cwd, ["schema", "--out", "schemas/json"], cwd);
    expect(run.killed).toBe(false);
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/^error: Cannot create schemas\/json: read-only file system$/m);
  });
});
