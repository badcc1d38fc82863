import { chmod, writeFile } from "node:fs/promises";
import { type AddressInfo, createServer as createNetServer } from "node:net";
import { join } from "node:path";
import { FileFlagStore } from "@switchyard/feature-flags";
import { createLogger, createServer, TokenSet, tokenDigest } from "@switchyard/server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { copyExample, runCli } from "./test-support/run.js";

const ADMIN = "cli-admin-token-0123456789abcdef";
const READ = "cli-read-token-0123456789abcdef";

let cwd: string;
let url: string;
let store: FileFlagStore;
let server: ReturnType<typeof createServer>;

beforeAll(async () => {
  cwd = await copyExample("config");
  store = await FileFlagStore.open(join(cwd, "config", "feature-flags.yaml"));
  server = createServer({
    store,
    storeKind: "file",
    configDir: join(cwd, "config"),
    cwd,
    tokens: new TokenSet([
      { name: "ops", role: "admin", digest: tokenDigest(ADMIN) },
      { name: "dashboard", role: "read", digest: tokenDigest(READ) },
    ]),
    logger: createLogger({ level: "silent" }),
    rateLimit: false,
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (server.listening) {
    await new Promise<void>((resolve) => {
      server.close(() => resolve());
      server.closeAllConnections();
    });
  }
  await store.close();
});

/** `switchyard <argv> --server <url>` with SWITCHYARD_TOKEN set to `token` (null: no token). */
const remote = (argv: string[], token: string | null = READ) =>
  runCli([...argv, "--server", url], cwd, token === null ? {} : { SWITCHYARD_TOKEN: token });
const local = (argv: string[]) => runCli(argv, cwd);

describe("switchyard flags --server (against a listening switchyard-server)", () => {
  it("list, get and eval answer exactly what the local file gives", async () => {
    for (const argv of [
      ["flags", "list", "--json"],
      ["flags", "list", "--tag", "routing", "--json"],
    ]) {
      const there = await remote(argv);
      expect(there.code).toBe(0);
      const { server: shown, ...data } = JSON.parse(there.stdout);
      const { file: _file, ...here } = JSON.parse((await local(argv)).stdout);
      expect(shown).toBe(url);
      expect(data).toEqual(here);
    }
    expect((await remote(["flags", "list"])).stdout).toBe((await local(["flags", "list"])).stdout);
    const get = ["flags", "get", "semantic-cache", "--json"];
    expect(JSON.parse((await remote(get)).stdout)).toEqual(JSON.parse((await local(get)).stdout));
    for (const user of ["alice", "bob", "carol", "dave"]) {
      const evaluate = ["flags", "eval", "semantic-cache", "--user", user, "--attr", "plan=pro"];
      expect(JSON.parse((await remote([...evaluate, "--json"])).stdout)).toEqual(
        JSON.parse((await local([...evaluate, "--json"])).stdout),
      );
      expect((await remote(evaluate)).stdout).toBe((await local(evaluate)).stdout);
    }
  });

  it("changes go through the server (admin token), are recorded with the token's name, and land in the file", async () => {
    const enabled = await remote(["flags", "enable", "cloud-fallback", "--json"], ADMIN);
    expect(enabled.code).toBe(0);
    expect(JSON.parse(enabled.stdout)).toEqual({
      flag: "cloud-fallback",
      changed: true,
      version: 2,
      previousVersion: 1,
      server: url,
    });
    const rollout = await remote(["flags", "rollout", "semantic-cache", "40%"], ADMIN);
    expect(rollout.stdout).toBe(`semantic-cache: rolled out to 40 % (version 1 → 2) on ${url}.\n`);
    expect((await remote(["flags", "whitelist", "add", "cloud-fallback", "qa-bot"], ADMIN)).code).toBe(0);
    expect((await remote(["flags", "blacklist", "add", "semantic-cache", "ci-bot"], ADMIN)).code).toBe(0);
    const again = await remote(["flags", "enable", "cloud-fallback"], ADMIN);
    expect(again.stdout).toBe("cloud-fallback: already enabled; nothing to change.\n");

    // The file the server's store writes is what the local CLI now reads.
    const fromFile = JSON.parse((await local(["flags", "get", "cloud-fallback", "--json"])).stdout);
    expect(fromFile).toMatchObject({ version: 3, flag: { enabled: true } });
    expect(fromFile.flag.whitelist).toContain("qa-bot");
    const semantic = JSON.parse((await local(["flags", "get", "semantic-cache", "--json"])).stdout);
    expect(semantic.flag).toMatchObject({ rollout_percentage: 40, blacklist: ["ci-bot"] });
    const history = await store.history({ flag: "cloud-fallback" });
    expect(history.map((h) => h.actor)).toEqual(["ops", "ops"]);
    for (const output of [enabled, rollout, again]) {
      expect(output.stdout + output.stderr).not.toContain(ADMIN);
    }
  });

  it("refusals: no token 401, a read token 403, an unknown flag, a bad percentage; exit 1 and nothing changed", async () => {
    const before = store.snapshot().get("semantic-cache")!.version;
    const anonymous = await remote(["flags", "disable", "semantic-cache", "--json"], null);
    expect(anonymous.code).toBe(1);
    expect(JSON.parse(anonymous.stdout)).toMatchObject({
      status: 401,
      diagnostics: [{ code: "unauthorized" }],
    });
    const reader = await remote(["flags", "disable", "semantic-cache"], READ);
    expect(reader.code).toBe(1);
    expect(reader.stderr).toMatch(/admin token: give one with --token-file FILE or SWITCHYARD_TOKEN/);
    expect(reader.stderr).not.toContain(READ);
    const unknown = await remote(["flags", "enable", "semantic-cach"], ADMIN);
    expect(unknown.code).toBe(1);
    expect(unknown.stderr).toMatch(/SY7001/);
    expect(unknown.stderr).toMatch(/did you mean 'semantic-cache'/i);
    const percent = await remote(["flags", "rollout", "semantic-cache", "150"], ADMIN);
    expect(percent.code).toBe(1);
    expect(percent.stderr).toMatch(/Invalid rollout percentage '150'/);
    expect(store.snapshot().get("semantic-cache")!.version).toBe(before);
  });

  it("usage errors exit 2: --server with --config-dir, a non-http URL, credentials in the URL", async () => {
    const both = await runCli(["flags", "list", "--server", url, "--config-dir", "config"], cwd);
    expect(both.code).toBe(2);
    expect((await runCli(["flags", "list", "--server", "ftp://example.org"], cwd)).code).toBe(2);
    const secret = await runCli(["flags", "list", "--server", "http://u:hunter2@127.0.0.1:1"], cwd);
    expect(secret.code).toBe(2);
    expect(secret.stderr).not.toContain("hunter2");
  });

  it("--token-file: a private file's token (over SWITCHYARD_TOKEN); a file open to others is refused, like ssh", async () => {
    const file = join(cwd, "admin.token");
    await writeFile(file, `${ADMIN}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    const before = store.snapshot().get("semantic-cache")!.version;
    // SWITCHYARD_TOKEN holds the read token; the file's admin token is the one used.
    const changed = await runCli(
      ["flags", "rollout", "semantic-cache", "30", "--server", url, "--token-file", "admin.token", "--json"],
      cwd,
      { SWITCHYARD_TOKEN: READ },
    );
    expect(changed.code).toBe(0);
    expect(store.snapshot().get("semantic-cache")!.version).toBe(before + 1);
    const [record] = await store.history({ flag: "semantic-cache", limit: 1 });
    expect(record).toMatchObject({ actor: "ops", after: { rollout_percentage: 30 } });
    expect(changed.stdout + changed.stderr).not.toContain(ADMIN);

    for (const mode of [0o640, 0o604, 0o660]) {
      await chmod(file, mode);
      const open = await runCli(
        ["flags", "enable", "semantic-cache", "--server", url, "--token-file", "admin.token"],
        cwd,
      );
      expect(open.code).toBe(2);
      expect(open.stderr).toContain(`--token-file admin.token is open to others (mode 0${mode.toString(8)})`);
      expect(open.stderr).toContain("chmod 600 admin.token");
      expect(open.stderr).not.toContain(ADMIN);
    }
    expect(store.snapshot().get("semantic-cache")!.version).toBe(before + 1);
    await chmod(file, 0o600);
    const missing = await runCli(["flags", "list", "--server", url, "--token-file", "nope.token"], cwd);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toMatch(/Cannot read --token-file nope\.token/);
    const local = await runCli(["flags", "list", "--token-file", "admin.token"], cwd);
    expect(local.code).toBe(2);
    expect(local.stderr).toMatch(/--token-file applies only with --server/);
  });

  it("--token is refused (exit 2) without echoing the token: argv is visible in ps", async () => {
    const result = await runCli(
      ["flags", "enable", "semantic-cache", "--server", url, "--token", ADMIN],
      cwd,
    );
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(/--token is refused: a token on the command line is visible/);
    expect(result.stderr).toMatch(/--token-file FILE, or set SWITCHYARD_TOKEN/);
    expect(result.stdout + result.stderr).not.toContain(ADMIN);
  });

  it("a server that is not there is an I/O error (exit 2) that says so", async () => {
    // A port that was just free: nothing listens there.
    const probe = createNetServer();
    await new Promise<void>((resolve) => probe.listen(0, "127.0.0.1", resolve));
    const port = (probe.address() as AddressInfo).port;
    await new Promise<void>((resolve) => probe.close(() => resolve()));
    const result = await runCli(["flags", "list", "--server", `http://127.0.0.1:${port}`], cwd, {
      SWITCHYARD_TOKEN: READ,
    });
    expect(result.code).toBe(2);
    expect(result.stderr).toContain(`Cannot reach http://127.0.0.1:${port}: connection refused`);
  });
});
