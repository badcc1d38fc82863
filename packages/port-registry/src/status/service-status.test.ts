import { chmod, mkdir, symlink, writeFile } from "node:fs/promises";
import { join } from "node:path";
import type { PortsFile, Service } from "@switchyard/config-schema/schemas";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { HOLD_PORT, type Holder, holdPorts, holdPortsAs, startHolder } from "../../test/processes.js";
import { probeBind } from "./bind-probe.js";
import { checkPorts } from "./service-status.js";

const linux = process.platform === "linux";
const root = process.getuid?.() === 0;
let dir: string;
const holders: Holder[] = [];

beforeAll(async () => {
  dir = await tempDir("sy-ports-");
});
afterAll(async () => {
  await Promise.all(holders.splice(0).map((h) => h.stop()));
});

async function hold(start: Promise<Holder>): Promise<Holder> {
  const holder = await start;
  holders.push(holder);
  return holder;
}

/** A free port, confirmed by binding `::`. */
async function freePort(): Promise<number> {
  const holder = await holdPorts("::/0");
  const port = holder.ports[0]!.port;
  await holder.stop();
  expect((await probeBind("::", port)).result).toBe("free");
  return port;
}

function registry(services: Record<string, Service>): PortsFile {
  return { schema_version: "2.0.0", services };
}

/** A command named like the real server: a symlink to node called `name` (its comm is `name`). */
async function binary(name: string): Promise<string> {
  const path = join(dir, name);
  await symlink(process.execPath, path).catch(() => {});
  return path;
}

describe.skipIf(!linux)("checkPorts against real sockets", () => {
  test("AVAILABLE when nothing listens; RUNNING when an expected process holds the port", async () => {
    const free = await freePort();
    const ollama = await hold(startHolder(await binary("ollama"), [HOLD_PORT, "127.0.0.1/0"]));
    const report = await checkPorts(
      registry({
        idle: { port: free },
        ollama: { port: ollama.ports[0]!.port, expected_processes: ["ollama"], required: true },
      }),
    );
    expect(report.source).toBe("proc");
    const [idle, running] = report.services;
    expect(idle).toMatchObject({ state: "AVAILABLE", reason: `free: nothing listens on 127.0.0.1:${free}` });
    expect(running).toMatchObject({ state: "RUNNING", service: "ollama" });
    expect(running!.reason).toContain(`ollama (pid ${ollama.pid})`);
    expect(running!.holders[0]!.processes[0]).toMatchObject({
      pid: ollama.pid,
      comm: "ollama",
      matched: "ollama",
    });
    expect(report).toMatchObject({ ok: true, counts: { AVAILABLE: 1, RUNNING: 1, CONFLICT: 0, UNKNOWN: 0 } });
  });

  test("CONFLICT names the process, its pid and user, and what was expected", async () => {
    const other = await hold(root ? holdPortsAs("nobody", "nogroup", "0.0.0.0/0") : holdPorts("0.0.0.0/0"));
    const port = other.ports[0]!.port;
    const report = await checkPorts(registry({ ollama: { port, expected_processes: ["ollama"] } }));
    const [status] = report.services;
    expect(status).toMatchObject({ state: "CONFLICT", code: "SY6010" });
    // As root the holder runs as nobody; otherwise as this user, whose name the passwd file gives.
    expect(status!.reason).toMatch(
      new RegExp(
        `^held by node \\(pid ${other.pid}\\) as ${root ? "nobody" : "\\S+"} on 0\\.0\\.0\\.0:${port}, expected ollama$`,
      ),
    );
    expect(status!.hint).toContain(`switchyard ports suggest ollama`);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([{ service: "ollama", code: "SY6010", reason: status!.reason }]);
  });

  test("matches comm, vLLM's renamed workers and `python3 -m module` command lines", async () => {
    const worker = await hold(holdPorts("--title", "VLLM::EngineCore", "127.0.0.1/0"));
    const pkg = join(dir, "py", "llama_cpp");
    await mkdir(pkg, { recursive: true });
    await writeFile(join(pkg, "__init__.py"), "");
    await writeFile(
      join(pkg, "server.py"),
      [
        "import json, os, socket, sys",
        "s = socket.socket(); s.bind(('127.0.0.1', 0)); s.listen()",
        "print(json.dumps({'pid': os.getpid(), 'ports': [{'host': '127.0.0.1', 'port': s.getsockname()[1]}]}), flush=True)",
        "sys.stdin.read()",
      ].join("\n"),
    );
    await chmod(join(pkg, "server.py"), 0o644);
    const python = await hold(
      startHolder("env", [`PYTHONPATH=${join(dir, "py")}`, "python3", "-m", "llama_cpp.server"]),
    );
    const report = await checkPorts(
      registry({
        vllm: { port: worker.ports[0]!.port, expected_processes: ["vllm"] },
        "llamacpp-python": { port: python.ports[0]!.port, expected_processes: ["llama_cpp.server"] },
        "by-interpreter": { port: python.ports[0]!.port, host: "127.0.0.2", expected_processes: ["python3"] },
      }),
    );
    expect(report.services.map((s) => [s.service, s.state])).toEqual([
      ["vllm", "RUNNING"],
      ["llamacpp-python", "RUNNING"],
      // 127.0.0.2 does not overlap the python server's 127.0.0.1 bind: free there, and said so.
      ["by-interpreter", "AVAILABLE"],
    ]);
    expect(report.services[1]!.holders[0]!.processes[0]!.cmdline.slice(1, 3)).toEqual([
      "-m",
      "llama_cpp.server",
    ]);
    expect(report.services[2]!.reason).toContain(`python3 (pid ${python.pid})`);
    expect(report.services[2]!.reason).toContain("which does not overlap");
  });

  test("wildcard and IPv6 binds decide overlap as the kernel does", async () => {
    const v6 = await hold(holdPorts("::1/0"));
    const v4 = await hold(holdPorts("127.0.0.1/0"));
    const report = await checkPorts(
      registry({
        "v4-on-v6-port": { port: v6.ports[0]!.port, expected_processes: ["node"] },
        "all-v4": { port: v6.ports[0]!.port, host: "0.0.0.0", expected_processes: ["node"] },
        "dual-stack": { port: v6.ports[0]!.port, host: "::", expected_processes: ["node"] },
        "wildcard-over-loopback": { port: v4.ports[0]!.port, host: "0.0.0.0", expected_processes: ["node"] },
        mapped: { port: v4.ports[0]!.port, host: "::ffff:127.0.0.1", expected_processes: ["node"] },
      }),
    );
    expect(report.services.map((s) => [s.service, s.state])).toEqual([
      ["v4-on-v6-port", "AVAILABLE"],
      ["all-v4", "AVAILABLE"],
      ["dual-stack", "RUNNING"],
      ["wildcard-over-loopback", "RUNNING"],
      ["mapped", "RUNNING"],
    ]);
  });

  test("a required service that is not running fails the report (SY6011); --required checks only those", async () => {
    const free = await freePort();
    const ports = registry({
      redis: { port: free, required: true },
      extra: { port: free, host: "127.0.0.3" },
    });
    const report = await checkPorts(ports);
    expect(report.ok).toBe(false);
    expect(report.failures).toEqual([
      { service: "redis", code: "SY6011", reason: "required, but nothing listens on its port" },
    ]);
    expect(report.services[0]).toMatchObject({ state: "AVAILABLE", code: "SY6011" });
    expect((await checkPorts(ports, { requiredOnly: true })).services.map((s) => s.service)).toEqual([
      "redis",
    ]);
  });

  test("with lsof as the source, a port lsof cannot see but a bind finds taken is UNKNOWN, not free", async () => {
    // An lsof that sees nothing, as an unprivileged lsof sees nothing of other users' processes.
    const blindLsof = join(dir, "blind-lsof");
    await writeFile(blindLsof, "#!/bin/sh\nexit 1\n");
    await chmod(blindLsof, 0o755);
    const held = await hold(holdPorts("127.0.0.1/0"));
    const free = await freePort();
    const report = await checkPorts(registry({ held: { port: held.ports[0]!.port }, free: { port: free } }), {
      procRoot: "/nonexistent-proc",
      lsof: blindLsof,
    });
    expect(report.source).toBe("lsof");
    expect(report.services[0]).toMatchObject({ state: "UNKNOWN", code: "SY6012" });
    expect(report.services[0]!.reason).toBe(
      `in use (a bind on 127.0.0.1:${held.ports[0]!.port} fails), but lsof shows no process holding it`,
    );
    expect(report.services[1]).toMatchObject({
      state: "AVAILABLE",
      reason: `free: a bind on 127.0.0.1:${free} succeeded`,
    });
  });
});
