/**
 * `switchyard serve` as operators run it: the built CLI as a process on a copy of the examples'
 * config, its startup line read from stdout (an event, not a sleep), a real request, a graceful
 * SIGTERM, and the refusals that exit 2.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { cpSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { requireBuiltCli, runBuilt } from "./test-support/built.js";
import { testCacheDir } from "./test-support/cache-dir.js";
import { BIN, EXAMPLES_CONFIG } from "./test-support/paths.js";

const ADMIN = "serve-test-admin-token-0123456789";
let dir: string;

beforeAll(() => {
  requireBuiltCli();
  dir = mkdtempSync(join(tmpdir(), "sy-serve-"));
  cpSync(EXAMPLES_CONFIG, dir, { recursive: true });
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Start `switchyard serve … --json` and resolve with the parsed startup line. */
function start(args: readonly string[], env: Record<string, string> = {}) {
  const child: ChildProcess = spawn(process.execPath, [BIN, "serve", ...args], {
    env: {
      ...process.env,
      SWITCHYARD_CACHE_DIR: testCacheDir(),
      SWITCHYARD_ADMIN_TOKEN: ADMIN,
      SWITCHYARD_READ_TOKEN: "",
      SWITCHYARD_TOKENS_FILE: "",
      ...env,
    },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stderr?.on("data", (chunk) => {
    stderr += chunk;
  });
  const first = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout?.on("data", (chunk) => {
      stdout += chunk;
      const line = stdout.split("\n")[0];
      if (stdout.includes("\n") && line !== undefined) resolve(JSON.parse(line) as Record<string, unknown>);
    });
    child.once("exit", (code) => reject(new Error(`exited ${code} before listening: ${stderr}`)));
  });
  const exited = once(child, "exit") as Promise<[number | null, NodeJS.Signals | null]>;
  return { child, first, exited, output: () => ({ stdout, stderr }) };
}

describe("switchyard serve", () => {
  test("--json: one startup line with the URL, the API answers, SIGTERM stops it gracefully (exit 0)", async () => {
    const s = start([dir, "--port", "0", "--json"]);
    const line = await s.first;
    expect(line).toMatchObject({ event: "listening", store: "file", configDir: dir });
    const url = line.url as string;
    expect(url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    expect((await fetch(`${url}/health`)).status).toBe(200);
    const flags = await fetch(`${url}/api/v1/features`);
    expect(flags.status).toBe(200);
    expect(((await flags.json()) as { flags: unknown[] }).flags.length).toBeGreaterThan(0);
    expect((await fetch(`${url}/api/v1/features/x/enable`, { method: "POST" })).status).toBe(401);
    s.child.kill("SIGTERM");
    const [code] = await s.exited;
    expect(code).toBe(0);
    // JSON log lines, then the command's result (the CLI's --json output, pretty-printed).
    const { stdout } = s.output();
    const at = stdout.lastIndexOf("\n{\n");
    expect(JSON.parse(stdout.slice(at + 1))).toEqual({ ok: true, url, stoppedBy: "SIGTERM" });
    const lines = stdout
      .slice(0, at)
      .split("\n")
      .map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines.some((l) => l.msg === "stopped")).toBe(true);
  });

  test("refusals exit 2 with the reason: a public address without an admin token, a bad port", async () => {
    const open = await runBuilt(["serve", dir, "--host", "0.0.0.0", "--port", "0"], {
      cwd: dir,
      env: { SWITCHYARD_ADMIN_TOKEN: "", SWITCHYARD_READ_TOKEN: "", SWITCHYARD_TOKENS_FILE: "" },
    });
    expect(open.code).toBe(2);
    expect(open.stderr).toContain("Refusing to listen on 0.0.0.0 without an admin token");
    const port = await runBuilt(["serve", dir, "--port", "70000"], {
      cwd: dir,
      env: { SWITCHYARD_ADMIN_TOKEN: ADMIN },
    });
    expect(port.code).toBe(2);
    expect(port.stderr).toContain("Invalid port '70000'");
  });
});
