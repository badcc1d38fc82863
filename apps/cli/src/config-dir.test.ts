// Every command that reads or writes a config set takes it the same way: as a positional directory
// (after the action and the action's own arguments) or as -c/--config-dir, with the same result; and
// a directory that cannot be read is exit 2 in every one of them. Through the built CLI, as a user runs it.
import { existsSync } from "node:fs";
import { cp, mkdir, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { beforeAll, describe, expect, test } from "vitest";
import { COMMANDS } from "./commands/index.js";
import { type BuiltRun, requireBuiltCli, runBuilt } from "./test-support/built.js";
import { EXAMPLES_CONFIG } from "./test-support/paths.js";

/** `DIR` in an argument list is where the config directory goes. */
const DIR = "\u0000dir";

interface Row {
  /** What the row runs, for the test's name. */
  readonly name: string;
  /** The arguments, with {@link DIR} where the positional directory goes. */
  readonly argv: readonly string[];
  /** Commands run first in the fresh copy (with the positional directory), e.g. a backup to restore. */
  readonly setup?: readonly (readonly string[])[];
  /** The command writes a new set (init, import): the directory does not exist before. */
  readonly creates?: boolean;
}

const LITELLM_CONFIG = `model_list:
  - model_name: llama3
    litellm_params:
      model: ollama/llama3
      api_base: http://127.0.0.1:11434
`;

/** One row per action; every command of the CLI appears here or in {@link NO_CONFIG_SET}. */
const ROWS: readonly Row[] = [
  { name: "validate", argv: ["validate", DIR] },
  { name: "validate --json", argv: ["validate", DIR, "--json"] },
  { name: "generate --check", argv: ["generate", DIR, "--check"] },
  { name: "generate", argv: ["generate", DIR] },
  { name: "generate monitoring", argv: ["generate", "monitoring", DIR] },
  { name: "reload", argv: ["reload", DIR, "--timeout", "500"] },
  { name: "import litellm", argv: ["import", "litellm", "litellm.yaml", DIR], creates: true },
  { name: "migrate", argv: ["migrate", DIR] },
  { name: "migrate --auto", argv: ["migrate", DIR, "--auto"] },
  { name: "migrate history", argv: ["migrate", "history", DIR] },
  { name: "migrate rollback", argv: ["migrate", "rollback", DIR] },
  { name: "audit", argv: ["audit", DIR, "--json"] },
  { name: "backup create", argv: ["backup", "create", DIR, "--file", "providers.yaml"] },
  { name: "backup list", argv: ["backup", "list", DIR, "--file", "providers.yaml"] },
  { name: "backup prune", argv: ["backup", "prune", DIR, "--dry-run", "--file", "providers.yaml"] },
  {
    name: "backup verify",
    argv: ["backup", "verify", DIR, "--file", "providers.yaml"],
    setup: [["backup", "create", DIR, "--file", "providers.yaml"]],
  },
  {
    name: "backup restore --latest",
    argv: ["backup", "restore", "--latest", DIR, "--file", "providers.yaml"],
    setup: [["backup", "create", DIR, "--file", "providers.yaml"]],
  },
  { name: "flags list", argv: ["flags", "list", DIR] },
  { name: "flags get", argv: ["flags", "get", "semantic-cache", DIR] },
  { name: "flags eval", argv: ["flags", "eval", "semantic-cache", DIR, "--user", "u1"] },
  { name: "flags enable", argv: ["flags", "enable", "cloud-fallback", DIR] },
  { name: "flags rollout", argv: ["flags", "rollout", "semantic-cache", "40", DIR] },
  { name: "flags whitelist add", argv: ["flags", "whitelist", "add", "semantic-cache", "u7", DIR] },
  { name: "ports", argv: ["ports", DIR, "--json"] },
  { name: "ports order", argv: ["ports", "order", DIR] },
  { name: "ports suggest", argv: ["ports", "suggest", "vllm", DIR, "--count", "1", "--json"] },
  { name: "health", argv: ["health", DIR, "--timeout", "500"] },
  { name: "doctor", argv: ["doctor", DIR, "--timeout", "500"] },
  { name: "init", argv: ["init", DIR], creates: true },
];

/** Commands that read no config set, and so take no directory: each refuses one (exit 2). */
const NO_CONFIG_SET = ["schema", "explain"] as const;
/** `serve` takes the set like every command, but runs until stopped: only its unreadable directory is tested here. */
const LONG_RUNNING = ["serve"] as const;

/** The arguments with the directory as a positional, or as `--config-dir`. */
function place(argv: readonly string[], dir: string, as: "positional" | "option"): string[] {
  return as === "positional"
    ? argv.map((a) => (a === DIR ? dir : a))
    : [...argv.filter((a) => a !== DIR), "--config-dir", dir];
}

/** Output with the parts that differ between two identical runs (times, backup stamps, the temp cwd) made equal. */
function normalized(run: BuiltRun & { cwd: string }): {
  code: number | undefined;
  stdout: string;
  stderr: string;
} {
  const clean = (text: string) =>
    text
      .replaceAll(run.cwd, "<cwd>")
      .replace(/\d{8}_\d{6}(-\d+)?/g, "<stamp>")
      .replace(/\d{4}-\d\d-\d\dT[\d:.]+Z/g, "<time>")
      .replace(/"(durationMs|ms|latencyMs|elapsedMs|tookMs)":\s*[\d.]+/g, '"$1":<n>')
      .replace(/ *\b\d+(\.\d+)? ?m?s\b/g, " <n> ms")
      .replace(/×\d+/g, "×<n>")
      .replace(/pid \d+/g, "pid <n>");
  return { code: run.code, stdout: clean(run.stdout), stderr: clean(run.stderr) };
}

let base: string;

beforeAll(async () => {
  requireBuiltCli();
  base = await tempDir("switchyard-config-dir-");
}, 60_000);

/** A fresh working directory holding a copy of examples/config as `stack` (or nothing, for a command that creates the set). */
async function freshCwd(row: Row): Promise<string> {
  const cwd = await mkdtempIn(base);
  if (row.creates !== true) await cp(EXAMPLES_CONFIG, join(cwd, "stack"), { recursive: true });
  await writeFile(join(cwd, "litellm.yaml"), LITELLM_CONFIG);
  return cwd;
}

let made = 0;
async function mkdtempIn(parent: string): Promise<string> {
  const dir = join(parent, `run-${made++}`);
  await mkdir(dir);
  return dir;
}

async function runIn(row: Row, as: "positional" | "option"): Promise<BuiltRun & { cwd: string }> {
  const cwd = await freshCwd(row);
  for (const step of row.setup ?? []) {
    const setup = await runBuilt(place(step, "stack", "positional"), { cwd });
    expect(setup.code, setup.stderr).toBe(0);
  }
  return { ...(await runBuilt(place(row.argv, "stack", as), { cwd })), cwd };
}

describe("every command takes the config set the same way", () => {
  test("the table covers every command of the CLI", () => {
    const covered = new Set([...ROWS.map((r) => r.argv[0]), ...NO_CONFIG_SET, ...LONG_RUNNING]);
    expect(COMMANDS.map((c) => c.name).filter((name) => !covered.has(name))).toEqual([]);
  });

  test.concurrent.each(ROWS)(
    "$name: DIR as a positional and as --config-dir give the same result",
    async (row) => {
      const [positional, option] = await Promise.all([runIn(row, "positional"), runIn(row, "option")]);
      expect(positional.killed).toBe(false);
      expect(normalized(positional)).toEqual(normalized(option));
      // It read the directory given, not ./config: the output names it, or the command succeeded on it.
      expect(`${positional.stdout}${positional.stderr}`).not.toMatch(/(^|[\s'"])config\/[a-z-]+\.yaml/);
    },
    240_000,
  );

  test.concurrent.each(ROWS)(
    "$name: a directory that cannot be read is exit 2 (audit: its own 3), given either way, and is not made",
    async (row) => {
      // A directory that does not exist (for a command that creates the set: one under a regular file,
      // which can be neither read nor made), and a regular file given as the directory. Each run in a
      // working directory of its own, so that one run cannot make the directory another reads.
      const missing = row.creates === true ? "litellm.yaml/sub" : "nowhere";
      const cases = [
        [missing, "positional"],
        [missing, "option"],
        ["litellm.yaml", "positional"],
        ["litellm.yaml", "option"],
      ] as const;
      await Promise.all(
        cases.map(async ([dir, as]) => {
          const cwd = await freshCwd({ ...row, creates: false });
          const run = await runBuilt(place(row.argv, dir, as), { cwd });
          // audit's exit codes are its own table (2 is "below the gate"): 3 is "the audit could not run".
          expect({ dir, as, code: run.code, stderr: run.stderr }).toMatchObject({
            code: row.argv[0] === "audit" ? 3 : 2,
          });
          // Said in words, naming the path as typed; never a stack trace; nothing made where nothing was.
          expect(`${run.stdout}${run.stderr}`).toContain(dir === missing ? missing : "litellm.yaml");
          expect(run.stderr).not.toMatch(/\n\s+at /);
          expect(existsSync(join(cwd, "nowhere"))).toBe(false);
        }),
      );
    },
    240_000,
  );

  test.concurrent.each([...NO_CONFIG_SET])(
    "%s reads no config set: a directory is refused (exit 2)",
    async (name) => {
      const cwd = await freshCwd({ name, argv: [] });
      const extra = name === "explain" ? ["SY1001"] : [];
      const positional = await runBuilt([name, ...extra, "stack"], { cwd });
      const option = await runBuilt([name, ...extra, "--config-dir", "stack"], { cwd });
      expect([positional.code, option.code]).toEqual([2, 2]);
      expect(option.stderr).toContain("Unknown option '--config-dir'");
    },
  );

  test("serve: a directory that cannot be read is exit 2, given either way", async () => {
    const cwd = await freshCwd({ name: "serve", argv: [] });
    for (const argv of [
      ["serve", "nowhere", "--port", "0"],
      ["serve", "--config-dir", "nowhere", "--port", "0"],
    ]) {
      const run = await runBuilt(argv, { cwd, guardMs: 60_000 });
      expect({ code: run.code, killed: run.killed, stderr: run.stderr }).toMatchObject({
        code: 2,
        killed: false,
      });
    }
  }, 120_000);
});
