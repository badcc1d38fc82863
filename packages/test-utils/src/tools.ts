/**
 * Tests that need a program of this machine (PyYAML, redis-server, ss, …). The rule (GUIDE.md):
 * under CI (`CI` set) a missing tool FAILS the test, it never skips, because a skipped conformance
 * check is a green run that proved nothing; on a developer's machine the test is skipped, and says
 * why and how to install the tool. Every test that needs a tool goes through this file, so the rule
 * holds in one place and `.ci/run` installs exactly what is listed here.
 */
import { spawnSync } from "node:child_process";
import { beforeAll, describe, type TestContext, test } from "vitest";

/** A program a test needs, how to tell it is there, and the Debian package that provides it. */
export interface Tool {
  /** What the tests call it, e.g. `PyYAML`. */
  readonly name: string;
  /** The Debian package `.ci/run` installs it from. */
  readonly debian: string;
  /** The command whose success proves the tool can run here. */
  readonly probe: readonly [string, ...string[]];
  /** Why the tests need it (shown with the failure or the skip). */
  readonly why: string;
}

/** Every tool a test may need. `.ci/run` and the GitHub workflow install each `debian` package. */
export const TOOLS = {
  python3: {
    name: "python3",
    debian: "python3",
    probe: ["python3", "--version"],
    why: "stand-in servers run as Python processes",
  },
  pyyaml: {
    name: "PyYAML",
    debian: "python3-yaml",
    probe: ["python3", "-c", "import yaml"],
    why: "LiteLLM reads its config with PyYAML: the generator's output is checked against the real loader",
  },
  "redis-server": {
    name: "redis-server",
    debian: "redis-server",
    probe: ["redis-server", "--version"],
    why: "the Redis flag store and the Redis health probe run against a real server",
  },
  ss: {
    name: "ss",
    debian: "iproute2",
    probe: ["ss", "--version"],
    why: "the port probe is compared with iproute2's view of the listening sockets",
  },
  lsof: {
    name: "lsof",
    debian: "lsof",
    probe: ["lsof", "-v"],
    why: "the port probe falls back to lsof where /proc cannot be read",
  },
  setpriv: {
    name: "setpriv",
    debian: "util-linux",
    probe: ["setpriv", "--version"],
    why: "a port held by another user is started through setpriv",
  },
  prometheus: {
    name: "prometheus",
    debian: "prometheus",
    probe: ["prometheus", "--version"],
    why: "the generated monitoring runs in a real Prometheus, which evaluates every dashboard query",
  },
  "redis-exporter": {
    name: "redis_exporter",
    debian: "prometheus-redis-exporter",
    probe: ["prometheus-redis-exporter", "--version"],
    why: "the cache dashboard's Redis panels query a real redis_exporter",
  },
  openssl: {
    name: "openssl",
    debian: "openssl",
    probe: ["openssl", "version"],
    why: "the editor-schema test makes a CA and an unpkg.com certificate for its HTTPS stand-in",
  },
  git: {
    name: "git",
    debian: "git",
    probe: ["git", "--version"],
    why: "the audit reads a real git index",
  },
} as const satisfies Record<string, Tool>;

/** The name of a tool in {@link TOOLS}. */
export type ToolName = keyof typeof TOOLS;

/** True when the tests run under CI (`CI` set to anything but "", "0" or "false"). */
export function underCi(env: NodeJS.ProcessEnv = process.env): boolean {
  const value = env.CI;
  return value !== undefined && !["", "0", "false"].includes(value.trim().toLowerCase());
}

const probed = new Map<ToolName, string | undefined>();

/** Why a tool cannot run here (`undefined` when it can). Each tool is probed once per process. */
export function toolProblem(name: ToolName): string | undefined {
  if (!probed.has(name)) {
    const tool: Tool = TOOLS[name];
    const [command, ...args] = tool.probe;
    const run = spawnSync(command, args, { encoding: "utf8", stdio: ["ignore", "ignore", "pipe"] });
    const detail =
      run.error !== undefined
        ? (run.error as NodeJS.ErrnoException).code === "ENOENT"
          ? `${command} is not installed`
          : run.error.message
        : run.status !== 0
          ? `\`${tool.probe.join(" ")}\` failed: ${run.stderr.trim().split("\n").pop() ?? `exit ${run.status}`}`
          : undefined;
    probed.set(
      name,
      detail === undefined
        ? undefined
        : `${tool.name} is needed (${tool.why}) and cannot run here: ${detail}. Install it: apt-get install -y ${tool.debian}`,
    );
  }
  return probed.get(name);
}

/** The problems of every missing tool among `names`, one sentence each. */
export function missingTools(names: readonly ToolName[]): string[] {
  return names.map(toolProblem).filter((p): p is string => p !== undefined);
}

/** Throw when a tool is missing, whatever the environment (for helpers that start a tool). */
export function requireTools(...names: ToolName[]): void {
  const missing = missingTools(names);
  if (missing.length > 0) throw new Error(missing.join("\n"));
}

/**
 * Call at the start of a test that needs `names`: when one is missing, the test fails under CI and
 * is skipped elsewhere, with the reason (and the install command) printed either way.
 */
export function needTools(context: Pick<TestContext, "skip">, ...names: ToolName[]): void {
  onMissingTools(context, missingTools(names));
}

/**
 * What {@link needTools} does with the problems of the missing tools: nothing when there are none;
 * under CI (`env.CI`) throw, so the test fails; elsewhere skip the test, saying why.
 */
export function onMissingTools(
  context: Pick<TestContext, "skip">,
  missing: readonly string[],
  env: NodeJS.ProcessEnv = process.env,
): void {
  if (missing.length === 0) return;
  const reason = missing.join("\n");
  if (underCi(env)) throw new Error(`${reason}\n(CI=${env.CI}: a missing tool fails the run, never skips)`);
  console.warn(`skipped: ${reason}`);
  context.skip(reason);
}

type TestBody = (context: TestContext) => unknown;

/**
 * `test`, for a test that needs `names`: see {@link needTools}.
 * `testNeeding(["pyyaml"])("loads like PyYAML", () => { … })`.
 */
export function testNeeding(names: readonly ToolName[]) {
  return (title: string, body: TestBody, timeout?: number): void => {
    test(
      title,
      (context) => {
        onMissingTools(context, missingTools(names));
        return body(context);
      },
      timeout,
    );
  };
}

/**
 * `describe`, for a block whose set-up starts a tool: when one is missing, every test of the block
 * fails under CI (its `beforeAll` throws the reason) and the block is skipped elsewhere, its title
 * saying why.
 */
export function describeNeeding(names: readonly ToolName[]) {
  return (title: string, body: () => void): void => {
    const missing = missingTools(names);
    if (missing.length === 0) {
      describe(title, body);
    } else if (underCi()) {
      describe(title, () => {
        beforeAll(() => {
          throw new Error(`${missing.join("\n")}\n(CI=${process.env.CI}: a missing tool fails the run)`);
        });
        body();
      });
    } else {
      console.warn(`skipped "${title}": ${missing.join("\n")}`);
      describe.skip(`${title} (skipped: ${missing.join("; ")})`, body);
    }
  };
}
