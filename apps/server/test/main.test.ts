import { chmod, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { tempDir } from "@switchyard/test-utils";
import { afterAll, describe, expect, test } from "vitest";
import { tokenDigest } from "../src/http/auth.js";
import { exampleConfigDir } from "./config-dir.js";
import { ADMIN_TOKEN, bearer, READ_TOKEN } from "./harness.js";
import { runToEnd, SERVER_BIN, type ServerProcess, startProcess } from "./process.js";

const running: ServerProcess[] = [];
afterAll(async () => {
  await Promise.all(running.map((p) => p.stop()));
});
const noTokens = { SWITCHYARD_ADMIN_TOKEN: "", SWITCHYARD_READ_TOKEN: "", SWITCHYARD_TOKENS_FILE: "" };

describe("switchyard-server as a process", () => {
  test("starts on a file store, logs JSON, serves, and stops cleanly on SIGTERM", async () => {
    const dir = exampleConfigDir();
    const p = await startProcess(["--config-dir", dir, "--port", "0"], {
      ...noTokens,
      SWITCHYARD_ADMIN_TOKEN: ADMIN_TOKEN,
      SWITCHYARD_READ_TOKEN: READ_TOKEN,
    });
    running.push(p);
    expect(p.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const listening = p.logs.find((l) => l.msg === "listening")!;
    expect(listening).toMatchObject({
      store: "file",
      storeState: "ok",
      tokens: ["admin:admin", "read:read"],
    });
    expect(JSON.stringify(p.logs)).not.toContain(ADMIN_TOKEN);
    const res = await fetch(`${p.url}/api/v1/features/semantic-cache?user=ann`, {
      headers: bearer(READ_TOKEN),
    });
    expect(res.status).toBe(200);
    expect(await p.stop()).toBe(0);
    expect(p.logs.some((l) => l.msg === "stopped")).toBe(true);
  });

  test("refuses a non-loopback address without an admin token (exit 2), and weak tokens", async () => {
    const dir = exampleConfigDir();
    const open = await runToEnd(
      process.execPath,
      [SERVER_BIN, "--config-dir", dir, "--host", "0.0.0.0", "--port", "0"],
      noTokens,
    );
    expect(open.code).toBe(2);
    expect(open.stderr).toMatch(/Refusing to listen on 0\.0\.0\.0 without an admin token/);
    const weak = await runToEnd(process.execPath, [SERVER_BIN, "--config-dir", dir, "--port", "0"], {
      ...noTokens,
      SWITCHYARD_ADMIN_TOKEN: "short",
    });
    expect(weak.code).toBe(2);
    expect(weak.stderr).toMatch(/SWITCHYARD_ADMIN_TOKEN must be at least 16/);
    expect(weak.stderr).not.toContain("short\n");
    const badPort = await runToEnd(process.execPath, [SERVER_BIN, "--port", "99999"], noTokens);
    expect(badPort.code).toBe(2);
    expect(badPort.stderr).toMatch(/Invalid port/);
    const unknown = await runToEnd(process.execPath, [SERVER_BIN, "--nope"], noTokens);
    expect(unknown.code).toBe(2);
  });

  test("listens on all interfaces with an admin token", async () => {
    const dir = exampleConfigDir();
    const p = await startProcess(["--config-dir", dir, "--host", "0.0.0.0", "--port", "0"], {
      ...noTokens,
      SWITCHYARD_ADMIN_TOKEN: ADMIN_TOKEN,
    });
    running.push(p);
    expect(p.url).toMatch(/^http:\/\/0\.0\.0\.0:\d+$/);
    expect(await p.stop()).toBe(0);
  });

  test("a tokens file with named tokens: plain ones must be 0600, SHA-256 ones may be shared", async () => {
    const dir = exampleConfigDir();
    const secrets = await tempDir("sy-tokens-");
    const plain = join(secrets, "tokens.yaml");
    await writeFile(plain, `tokens:\n  - name: ci-bot\n    role: admin\n    token: ${ADMIN_TOKEN}\n`, {
      mode: 0o644,
    });
    await chmod(plain, 0o644);
    const refused = await runToEnd(
      process.execPath,
      [SERVER_BIN, "--config-dir", dir, "--port", "0", "--tokens-file", plain],
      noTokens,
    );
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/readable by others \(mode 644\)/);
    expect(refused.stderr).not.toContain(ADMIN_TOKEN);
    const hashed = join(secrets, "hashed.yaml");
    await writeFile(
      hashed,
      `tokens:\n  - name: ci-bot\n    role: admin\n    sha256: ${tokenDigest(ADMIN_TOKEN).toString("hex")}\n  - name: grafana\n    role: read\n    sha256: ${tokenDigest(READ_TOKEN).toString("hex")}\n`,
      { mode: 0o644 },
    );
    const p = await startProcess(["--config-dir", dir, "--port", "0", "--tokens-file", hashed], noTokens);
    running.push(p);
    const change = await fetch(`${p.url}/api/v1/features/semantic-cache/disable`, {
      method: "POST",
      headers: bearer(ADMIN_TOKEN),
    });
    expect(change.status).toBe(200);
    const history = (await (
      await fetch(`${p.url}/api/v1/history`, { headers: bearer(READ_TOKEN) })
    ).json()) as {
      history: { actor: string }[];
    };
    expect(history.history[0]?.actor).toBe("ci-bot");
    const broken = join(secrets, "broken.yaml");
    await writeFile(broken, "tokens:\n  - name: x\n    role: root\n    sha256: abc\n", { mode: 0o600 });
    const invalid = await runToEnd(
      process.execPath,
      [SERVER_BIN, "--config-dir", dir, "--port", "0", "--tokens-file", broken],
      noTokens,
    );
    expect(invalid.code).toBe(2);
    expect(invalid.stderr).toMatch(/tokens\.0\.role/);
    expect(await p.stop()).toBe(0);
  });
});
