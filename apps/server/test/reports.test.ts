import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { writeFile } from "node:fs/promises";
import { join } from "node:path";
import { resolveAuditFlags } from "@switchyard/audit";
import { loadConfigFile } from "@switchyard/config-schema/load";
import { type DoctorReport, runDoctor } from "@switchyard/doctor";
import { checkPorts } from "@switchyard/port-registry";
import { freePort } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { exampleConfigDir } from "./config-dir.js";
import { ADMIN_TOKEN, bearer, READ_TOKEN } from "./harness.js";
import { type ServerProcess, startProcess } from "./process.js";

// A secret on a listening process's command line and one in the server's environment: neither may
// leave through the API.
const ARGV_SECRET = "sk-proj-Zq8rT1vW3xY5aB7cD9eF2gH4jK6mN8pQ0sU2wY4zA6";
const ENV_SECRET = "sk-ant-api03-Qw3Er5Ty7Ui9Op1As3Df5Gh7Jk9Lz2Xc4Vb6Nm8";

let dir: string;
let server: ServerProcess;
let listener: ChildProcess;
let busyPort: number;

/** A process listening on `port` with a secret among its arguments; resolves once it listens. */
async function listenWithSecret(port: number): Promise<ChildProcess> {
  const child = spawn(
    process.execPath,
    [
      "-e",
      `require("node:net").createServer().listen(${port}, "127.0.0.1", () => console.log("up"))`,
      "--",
      "--api-key",
      ARGV_SECRET,
    ],
    { stdio: ["ignore", "pipe", "inherit"] },
  );
  await once(child.stdout!, "data");
  return child;
}

beforeAll(async () => {
  dir = exampleConfigDir();
  busyPort = await freePort();
  const freeOne = await freePort();
  // Two services of our own (the example's 4000, 11434… may be in use on a shared machine): one
  // listened on by a process with a secret argument, one required and down (SY6011 with its fix).
  await writeFile(
    join(dir, "ports.yaml"),
    [
      'schema_version: "2.0.0"',
      "services:",
      "  api:",
      `    port: ${busyPort}`,
      "    expected_processes: [node]",
      "  cache:",
      `    port: ${freeOne}`,
      "    required: true",
      "",
    ].join("\n"),
  );
  listener = await listenWithSecret(busyPort);
  server = await startProcess(["--config-dir", dir, "--port", "0"], {
    SWITCHYARD_ADMIN_TOKEN: ADMIN_TOKEN,
    SWITCHYARD_READ_TOKEN: READ_TOKEN,
    SWITCHYARD_TOKENS_FILE: "",
    ANTHROPIC_API_KEY: ENV_SECRET,
  });
});

afterAll(async () => {
  await server?.stop();
  if (listener !== undefined && listener.exitCode === null && listener.signalCode === null) {
    const exited = once(listener, "exit");
    listener.kill("SIGTERM");
    await exited;
  }
});

const get = (path: string, token?: string) =>
  fetch(`${server.url}${path}`, token === undefined ? {} : { headers: bearer(token) });

/** A doctor report without its timings (they differ from run to run). */
function untimed(report: DoctorReport) {
  return {
    ...report,
    durationMs: 0,
    checks: report.checks.map((c) => ({ id: c.id, status: c.status, reason: c.reason, fix: c.fix })),
  };
}

describe("GET /api/v1/ports and /api/v1/doctor on a switchyard-server process", () => {
  test("admin only: 401 without a token, 403 with a read token", async () => {
    for (const path of ["/api/v1/ports", "/api/v1/doctor"]) {
      expect((await get(path)).status).toBe(401);
      const read = await get(path, READ_TOKEN);
      expect(read.status).toBe(403);
      expect(await read.json()).toMatchObject({ error: { code: "forbidden" } });
    }
  });

  test("/ports is checkPorts' report on ports.yaml (what `ports --json` prints), secrets redacted", async () => {
    const res = await get("/api/v1/ports", ADMIN_TOKEN);
    expect(res.status).toBe(200);
    // The required service is down: the CLI's `invalid` (exit 1).
    expect(res.headers.get("x-switchyard-status")).toBe("invalid");
    const text = await res.text();
    const file = await loadConfigFile("ports", join(dir, "ports.yaml"), { cwd: dir });
    const expected = JSON.parse(JSON.stringify(await checkPorts(file.value!)));
    expect(JSON.parse(text)).toEqual(expected);
    const body = JSON.parse(text) as {
      services: { service: string; state: string; code?: string; hint?: string }[];
    };
    expect(body.services.find((s) => s.service === "api")).toMatchObject({ state: "RUNNING" });
    expect(body.services.find((s) => s.service === "cache")).toMatchObject({
      state: "AVAILABLE",
      code: "SY6011",
      hint: expect.stringContaining("Start 'cache'"),
    });
    // The listener's command line is in the report, its key is not.
    expect(text).toContain("--api-key");
    expect(text).not.toContain(ARGV_SECRET);
    // ?required=true: only the required service, as `ports --required`.
    const required = (await (await get("/api/v1/ports?required=true", ADMIN_TOKEN)).json()) as {
      services: { service: string }[];
    };
    expect(required.services.map((s) => s.service)).toEqual(["cache"]);
    expect((await get("/api/v1/ports?required=maybe", ADMIN_TOKEN)).status).toBe(400);
  });

  test("/doctor is runDoctor's report (what `doctor --json` prints), no secret in it", async () => {
    const res = await get("/api/v1/doctor?critical=true", ADMIN_TOKEN);
    expect(res.status).toBe(200);
    const text = await res.text();
    const body = JSON.parse(text) as DoctorReport;
    const gate = resolveAuditFlags({});
    const expected = await runDoctor({
      configDir: dir,
      critical: true,
      generate: {},
      env: { ...process.env, ANTHROPIC_API_KEY: ENV_SECRET },
      ...(gate.ok ? { auditGate: gate.value.gate } : {}),
    });
    expect(untimed(body)).toEqual(untimed(JSON.parse(JSON.stringify(expected))));
    expect(res.headers.get("x-switchyard-status")).toBe(expected.ok ? "ok" : "invalid");
    expect(body.checks.length).toBeGreaterThan(3);
    expect(text).not.toContain(ENV_SECRET);
    expect(text).not.toContain(ARGV_SECRET);
  });
});
