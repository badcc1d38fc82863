import { mkdir, readFile, rm, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { describe, expect, it } from "vitest";
import { COMMANDS, main } from "./cli.js";
import { memoryIO } from "./test-support/memory-io.js";
import { REPO_ROOT } from "./test-support/paths.js";
import { VERSION } from "./version.js";

async function run(argv: string[], cwd = REPO_ROOT, env: Record<string, string> = {}) {
  const io = memoryIO(cwd, { env });
  const code = await main(argv, io);
  return { code, stdout: io.stdoutText(), stderr: io.stderrText() };
}

describe("help and version", () => {
  it("--help lists every command, the exit codes and examples", async () => {
    for (const flag of ["--help", "-h", "help"]) {
      const { code, stdout, stderr } = await run([flag]);
      expect(code).toBe(0);
      expect(stderr).toBe("");
      // Stated, not read from COMMANDS: a command dropped from the table must fail this test.
      const commands = [
        "audit",
        "backup",
        "doctor",
        "explain",
        "flags",
        "generate",
        "health",
        "import",
        "init",
        "migrate",
        "ports",
        "reload",
        "schema",
        "serve",
        "validate",
      ];
      for (const name of commands) expect(stdout).toContain(`  ${name} `);
      expect(COMMANDS.map((c) => c.name).sort()).toEqual(commands);
      expect(stdout).toContain("Exit codes:");
      expect(stdout).toContain("switchyard validate examples/config");
    }
  });

  it("no arguments prints the help on stderr and exits 2", async () => {
    const { code, stdout, stderr } = await run([]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("Usage: switchyard <command>");
  });

  it.each(COMMANDS.map((c) => c.name))("'%s --help' shows usage, options and examples", async (name) => {
    const { code, stdout } = await run([name, "--help"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(new RegExp(`^Usage: switchyard ${name}`));
    expect(stdout).toContain("-h, --help");
    expect(stdout).toContain("Examples:");
    expect((await run(["help", name])).stdout).toBe(stdout);
  });

  it("validate --help names its options and their choices", async () => {
    const { stdout } = await run(["validate", "-h"]);
    expect(stdout).toContain("-c, --config-dir <dir>");
    expect(stdout).toContain("One of: pretty, json, github, sarif.");
  });

  it("--version and -v print the version", async () => {
    for (const flag of ["--version", "-v"]) {
      const { code, stdout } = await run([flag]);
      expect(code).toBe(0);
      expect(stdout).toBe(`${VERSION}\n`);
    }
  });
});

describe("usage errors exit 2", () => {
  it("suggests the nearest command for an unknown one", async () => {
    const { code, stderr, stdout } = await run(["valdate"]);
    expect(code).toBe(2);
    expect(stdout).toBe("");
    expect(stderr).toContain("error: Unknown command 'valdate' — did you mean 'validate'?");
    expect(stderr).toContain("switchyard --help");
  });

  it("does not invent a suggestion for a command nothing resembles", async () => {
    const { code, stderr } = await run(["frobnicate"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown command 'frobnicate'\n");
  });

  it("suggests the nearest option of the command for an unknown option", async () => {
    const { code, stderr } = await run(["validate", "examples/config", "--formt", "json"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown option '--formt' — did you mean '--format'?");
    expect(stderr).toContain("switchyard validate --help");
  });

  it("suggests among global options before a command", async () => {
    const { code, stderr } = await run(["--verison"]);
    expect(code).toBe(2);
    expect(stderr).toContain("did you mean '--version'?");
  });

  it("rejects a value outside an option's choices, naming the closest", async () => {
    const { code, stderr } = await run(["validate", "--format", "sarf"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Invalid value 'sarf' for --format — did you mean 'sarif'?");
  });

  it("rejects a string option without its value, extra arguments and conflicting flags", async () => {
    expect((await run(["validate", "--format"])).code).toBe(2);
    const extra = await run(["validate", "a", "b"]);
    expect(extra.code).toBe(2);
    expect(extra.stderr).toContain("unexpected 'b'");
    const conflict = await run(["validate", "examples/config", "--json", "--format", "sarif"]);
    expect(conflict.code).toBe(2);
    expect(conflict.stderr).toContain("--json conflicts with --format sarif");
    const twoDirs = await run(["validate", "examples/config", "--config-dir", "other"]);
    expect(twoDirs.code).toBe(2);
    expect((await run(["schema", "extra"])).stderr).toContain("'schema' takes no arguments");
    expect((await run(["validate", "--max-file-size", "lots"])).code).toBe(2);
  });
});

describe("unexpected errors", () => {
  async function explode(argv: string[], env: Record<string, string> = {}) {
    const err: string[] = [];
    const io = {
      cwd: REPO_ROOT,
      env,
      stdout: {
        write: () => {
          throw new TypeError("stdout exploded");
        },
      },
      stderr: { write: (text: string) => err.push(text) },
    };
    return { code: await main(argv, io), stderr: err.join("") };
  }

  it("print a bug-report hint with the error's name and message, no stack, and exit 70", async () => {
    const { code, stderr } = await explode(["--version"]);
    expect(code).toBe(70);
    expect(stderr).toContain("This is a bug");
    expect(stderr).toContain("\n  switchyard --version\n");
    expect(stderr).toContain("\n  TypeError: stdout exploded\n");
    expect(stderr).not.toMatch(/^\s+at /m);
    expect(stderr).toContain("Run it again as 'switchyard --debug <command> …' to add the stack trace.");
  });

  it("show the stack after a leading --debug or with SWITCHYARD_DEBUG=1", async () => {
    for (const run of [
      await explode(["--debug", "--version"]),
      await explode(["--version"], { SWITCHYARD_DEBUG: "1" }),
    ]) {
      expect(run.code).toBe(70);
      expect(run.stderr).toContain("\n  switchyard --version\n");
      expect(run.stderr).toContain("  TypeError: stdout exploded\n");
      expect(run.stderr).toMatch(/^ {2}at .*cli\.(ts|cjs)/m);
      expect(run.stderr).not.toContain("--debug <command>");
    }
  });
});

describe("validate", () => {
  it("exits 0 on examples/config with no findings at all", async () => {
    const { code, stdout, stderr } = await run(["validate", "examples/config"]);
    expect(code).toBe(0);
    expect(stderr).toBe("");
    expect(stdout).toBe("✔ no problems found in examples/config\n");
    expect((await run(["validate", "--config-dir", "examples/config"])).stdout).toBe(stdout);
  });

  it("defaults to ./config", async () => {
    const cwd = await tempDir("switchyard-cli-");
    expect((await run(["init"], cwd)).code).toBe(0);
    expect(await run(["validate"], cwd)).toMatchObject({
      code: 0,
      stdout: "✔ no problems found in config\n",
    });
  });

  it("exits 1 on an invalid set, with file:line:col, a code frame and the code", async () => {
    const { code, stdout } = await run(["validate", "examples/broken/unknown-key-typo"]);
    expect(code).toBe(1);
    expect(stdout).toContain("error[SY1030]");
    expect(stdout).toMatch(/--> examples\/broken\/unknown-key-typo\/model-mappings\.yaml:\d+:\d+/);
    expect(stdout).toMatch(/^> 18 \| {5}fallback: \[gpt-4o-mini\]\n +\| {5}\^{8}$/m);
    expect(stdout).toContain("did you mean 'fallbacks'?");
  });

  it("exits 0 when there are only warnings", async () => {
    const { code, stdout } = await run(["validate", "examples/broken/literal-api-key"]);
    expect(code).toBe(0);
    expect(stdout).toContain("warning[SY1040]");
  });

  it("exits 2 with SY1010 when the directory cannot be read", async () => {
    const { code, stdout } = await run(["validate", "no/such/dir"]);
    expect(code).toBe(2);
    expect(stdout).toContain("error[SY1010]");
    expect(stdout).toContain("no/such/dir");
  });

  it("exits 2 when a file of the set cannot be read", async () => {
    const cwd = await tempDir("switchyard-cli-");
    await run(["init"], cwd);
    await rm(join(cwd, "config/ports.yaml"));
    await mkdir(join(cwd, "config/ports.yaml"));
    const { code, stdout } = await run(["validate"], cwd);
    expect(code).toBe(2);
    expect(stdout).toContain("error[SY1010]");
    expect(stdout).toContain("config/ports.yaml");
  });

  it("passes --max-file-size and --max-alias-count to the loader", async () => {
    const small = await run(["validate", "examples/config", "--max-file-size", "1k"]);
    expect(small.code).toBe(1);
    expect(small.stdout).toContain("error[SY1006]");
    const aliases = await run(["validate", "examples/broken/alias-bomb", "--max-alias-count", "100000000"]);
    expect(aliases.stdout).not.toContain("SY1004");
  });

  it("--json and --format json print the same parseable report", async () => {
    const json = await run(["validate", "examples/broken/wrong-enum-provider-type", "--json"]);
    const format = await run(["validate", "examples/broken/wrong-enum-provider-type", "--format", "json"]);
    expect(json.code).toBe(1);
    expect(json.stdout).toBe(format.stdout);
    const report = JSON.parse(json.stdout) as {
      summary: { error: number };
      diagnostics: { code: string; file: string }[];
    };
    expect(report.summary.error).toBeGreaterThan(0);
    expect(report.diagnostics[0]).toMatchObject({
      code: "SY1033",
      file: "examples/broken/wrong-enum-provider-type/providers.yaml",
    });
  });

  it("--format github prints ::error workflow commands", async () => {
    const { code, stdout } = await run([
      "validate",
      "examples/broken/port-out-of-range",
      "--format",
      "github",
    ]);
    expect(code).toBe(1);
    expect(stdout).toMatch(/^::error file=examples\/broken\/port-out-of-range\/ports\.yaml,line=\d+,/m);
  });

  it("--format sarif prints SARIF 2.1.0 with a located result", async () => {
    const { code, stdout } = await run([
      "validate",
      "examples/broken/missing-required-key",
      "--format",
      "sarif",
    ]);
    expect(code).toBe(1);
    const sarif = JSON.parse(stdout) as {
      version: string;
      runs: {
        tool: { driver: { name: string; version?: string } };
        results: { ruleId: string; locations: unknown[] }[];
      }[];
    };
    expect(sarif.version).toBe("2.1.0");
    expect(sarif.runs[0]?.tool.driver.version).toBe(VERSION);
    expect(sarif.runs[0]?.results[0]).toMatchObject({ ruleId: "SY1031" });
    expect(sarif.runs[0]?.results[0]?.locations.length).toBe(1);
  });

  it("--format sarif: a missing required file is a notification, not a result at a line that does not exist", async () => {
    const { code, stdout } = await run([
      "validate",
      "examples/broken/missing-required-file",
      "--format",
      "sarif",
    ]);
    expect(code).toBe(1);
    const [sarifRun] = (
      JSON.parse(stdout) as {
        runs: {
          results: unknown[];
          invocations: { toolExecutionNotifications?: { level: string; message: { text: string } }[] }[];
        }[];
      }
    ).runs;
    expect(sarifRun!.results).toEqual([]);
    expect(sarifRun!.invocations[0]!.toolExecutionNotifications).toEqual([
      expect.objectContaining({
        level: "error",
        message: {
          text: "SY1011: examples/broken/missing-required-file/model-mappings.yaml: Required file model-mappings.yaml is missing\nHint: Run `switchyard init` to write a complete config set, or restore the file from a backup.",
        },
      }),
    ]);
  });
});

describe("colour", () => {
  const broken = ["validate", "examples/broken/unknown-key-typo"];

  it("is off for a pipe, on with FORCE_COLOR, and off again with NO_COLOR", async () => {
    // biome-ignore lint/suspicious/noControlCharactersInRegex: matching ANSI escapes is the point
    const ansi = /\u001b\[/;
    expect((await run(broken)).stdout).not.toMatch(ansi);
    expect((await run(broken, REPO_ROOT, { FORCE_COLOR: "1" })).stdout).toMatch(ansi);
    expect((await run(broken, REPO_ROOT, { FORCE_COLOR: "1", NO_COLOR: "1" })).stdout).not.toMatch(ansi);
    const tty = memoryIO(REPO_ROOT, { isTTY: true, env: { TERM: "xterm" } });
    await main(broken, tty);
    expect(tty.stdoutText()).toMatch(ansi);
    const ttyNoColor = memoryIO(REPO_ROOT, { isTTY: true, env: { TERM: "xterm", NO_COLOR: "1" } });
    await main(broken, ttyNoColor);
    expect(ttyNoColor.stdoutText()).not.toMatch(ansi);
  });
});

describe("init", () => {
  it("writes a set that validates, and prints what it wrote and what to do next", async () => {
    const cwd = await tempDir("switchyard-init-");
    const { code, stdout } = await run(["init", "stack"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("stack/providers.yaml");
    expect(stdout).toContain("Next steps:");
    expect(stdout).toContain("switchyard validate --config-dir stack");
    expect((await run(["validate", "stack"], cwd)).code).toBe(0);
  });

  it("refuses to overwrite existing files without --force, listing them and exiting 1", async () => {
    const cwd = await tempDir("switchyard-init-");
    await run(["init"], cwd);
    const edited = "# my edits\n";
    await writeFile(join(cwd, "config/ports.yaml"), edited);
    const { code, stdout, stderr } = await run(["init"], cwd);
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr).toContain("Refusing to overwrite 4 existing files:");
    expect(stderr).toContain("  config/ports.yaml\n");
    expect(stderr).toContain("--force");
    expect(await readFile(join(cwd, "config/ports.yaml"), "utf8")).toBe(edited);
  });

  it("with --force backs up what it replaces", async () => {
    const cwd = await tempDir("switchyard-init-");
    await run(["init"], cwd);
    const edited = "# my edits\n";
    await writeFile(join(cwd, "config/ports.yaml"), edited);
    const { code, stdout } = await run(["init", "--force", "--json"], cwd);
    expect(code).toBe(0);
    const result = JSON.parse(stdout) as { written: { path: string; changed: boolean; backup?: string }[] };
    const ports = result.written.find((w) => w.path === "config/ports.yaml");
    expect(ports?.changed).toBe(true);
    expect(ports?.backup).toMatch(/^config\/ports\.yaml\.backup-\d{8}_\d{6}/);
    expect(await readFile(join(cwd, ports!.backup!), "utf8")).toBe(edited);
    expect(result.written.find((w) => w.path === "config/providers.yaml")).toEqual({
      path: "config/providers.yaml",
      changed: false,
    });
    expect((await run(["validate"], cwd)).code).toBe(0);
  });

  it("exits 2 when the directory cannot be created", async () => {
    const cwd = await tempDir("switchyard-init-");
    await writeFile(join(cwd, "file"), "");
    const { code, stderr } = await run(["init", "file/config"], cwd);
    expect(code).toBe(2);
    expect(stderr).toMatch(/^error: Cannot \w+ file\/config\S*: a parent path is not a directory$/m);
  });
});

describe("schema", () => {
  it("lists the kinds with their schema URLs", async () => {
    const { code, stdout } = await run(["schema"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/providers\s+providers\.yaml\s+https:\/\/\S+\/providers\.schema\.json/);
    const list = JSON.parse((await run(["schema", "--json"])).stdout) as { kind: string }[];
    expect(list.map((k) => k.kind)).toContain("model-mappings");
  });

  it("--kind prints one JSON Schema, accepting the file name too", async () => {
    const { code, stdout } = await run(["schema", "--kind", "providers"]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toMatchObject({ title: "providers.yaml" });
    expect((await run(["schema", "-k", "providers.yaml"])).stdout).toBe(stdout);
    expect((await run(["schema", "--kind", "providers", "--json"])).stdout).toBe(stdout);
  });

  it("--kind with an unknown kind suggests the nearest", async () => {
    const { code, stderr } = await run(["schema", "--kind", "provider"]);
    expect(code).toBe(2);
    expect(stderr).toContain("did you mean 'providers'?");
  });

  it("--out writes every schema as a file", async () => {
    const cwd = await tempDir("switchyard-schema-");
    const { code, stdout } = await run(["schema", "--out", "schemas"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("schemas/ports.schema.json");
    const schema = JSON.parse(await readFile(join(cwd, "schemas/ports.schema.json"), "utf8")) as {
      title: string;
    };
    expect(schema.title).toBe("ports.yaml");
    const one = await run(["schema", "--out", "one", "--kind", "ports", "--json"], cwd);
    expect(JSON.parse(one.stdout)).toEqual({ written: ["one/ports.schema.json"] });
  });
});

describe("explain", () => {
  it("prints the catalogue entry of a code, in any case, or of its name", async () => {
    const { code, stdout } = await run(["explain", "SY1030"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SY1030 unknown-key \(error\)\n/);
    expect(stdout).toContain("Fix\n");
    expect((await run(["explain", "sy1030"])).stdout).toBe(stdout);
    expect((await run(["explain", "unknown-key"])).stdout).toBe(stdout);
  });

  it("--json prints the entry", async () => {
    const entry = JSON.parse((await run(["explain", "SY1002", "--json"])).stdout) as {
      code: string;
      name: string;
    };
    expect(entry).toMatchObject({ code: "SY1002", name: "duplicate-key" });
  });

  it("suggests the nearest code for an unknown one and exits 2", async () => {
    const { code, stderr } = await run(["explain", "SY130"]);
    expect(code).toBe(2);
    expect(stderr).toContain("Unknown diagnostic code 'SY130' — did you mean 'SY1030'?");
    expect(stderr).toContain("switchyard explain --list");
    expect((await run(["explain", "unknwn-key"])).stderr).toContain("did you mean 'unknown-key'?");
  });

  it("--list lists every code; a missing code is a usage error", async () => {
    const { code, stdout } = await run(["explain", "--list"]);
    expect(code).toBe(0);
    expect(stdout).toMatch(/^SY1001 {2}yaml-syntax +error +The file is not valid YAML\.$/m);
    expect(stdout.trim().split("\n").length).toBeGreaterThan(20);
    expect((await run(["explain"])).code).toBe(2);
  });
});
