import { existsSync } from "node:fs";
import { appendFile, mkdir, readFile, writeFile } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parseYaml } from "@switchyard/config-schema";
import { afterAll, describe, expect, it } from "vitest";
import { copyExample, runCli, tempDir } from "./test-support/run.js";

const KEY = "sk-reload-test-master-key";
const GENERATED = "config/litellm-unified.yaml";

interface FakeGateway {
  readonly url: string;
  /** Model names /v1/models answers with instead of the file's, to make the models gate fail. */
  stale?: readonly string[];
  readonly server: Server;
}

const servers: Server[] = [];
afterAll(() => Promise.all(servers.map((s) => new Promise((done) => s.close(done)))));

/**
 * A LiteLLM stand-in: liveliness and readiness answer 200, and /v1/models (with the master key)
 * lists the concrete model names of the generated file on disk, read at every request, as a proxy
 * restarted on the new file would.
 */
async function fakeGateway(file: string): Promise<FakeGateway> {
  const gateway: { url: string; stale?: readonly string[]; server: Server } = {
    url: "",
    server: createServer(async (request, response) => {
      if (request.url === "/health/liveliness") return response.end("I'm alive!");
      if (request.url === "/health/readiness") {
        response.setHeader("content-type", "application/json");
        return response.end(JSON.stringify({ status: "healthy", db: "Not connected", cache: null }));
      }
      if (request.url === "/v1/models") {
        if (request.headers.authorization !== `Bearer ${KEY}`) {
          response.statusCode = 401;
          return response.end("{}");
        }
        const data = parseYaml(await readFile(file, "utf8"), { file }).data as {
          model_list: { model_name: string }[];
        };
        const names = gateway.stale ?? [
          ...new Set(data.model_list.map((m) => m.model_name).filter((n) => !n.includes("*"))),
        ];
        response.setHeader("content-type", "application/json");
        return response.end(
          JSON.stringify({ object: "list", data: names.map((id) => ({ id, object: "model" })) }),
        );
      }
      response.statusCode = 404;
      response.end();
    }),
  };
  servers.push(gateway.server);
  await new Promise<void>((listening) => gateway.server.listen(0, "127.0.0.1", listening));
  gateway.url = `http://127.0.0.1:${(gateway.server.address() as AddressInfo).port}`;
  return gateway;
}

const ENV = { LITELLM_MASTER_KEY: KEY, PATH: process.env.PATH ?? "/usr/bin:/bin" };

describe("reload", () => {
  it("writes the new config, restarts, passes every health gate and exits 0", async () => {
    const cwd = await copyExample("config");
    const gateway = await fakeGateway(join(cwd, GENERATED));
    const { code, stdout } = await runCli(
      ["reload", "--gateway-url", gateway.url, "--restart-command", "touch restarted", "--timeout", "5"],
      cwd,
      ENV,
    );
    expect(code).toBe(0);
    expect(stdout).toContain("Reloaded: the gateway serves the new config.");
    expect(stdout).toMatch(/✓ models /);
    expect(existsSync(join(cwd, "restarted"))).toBe(true);
    expect((await runCli(["generate", "--check"], cwd)).code).toBe(0);

    const again = await runCli(["reload", "--gateway-url", gateway.url, "--json"], cwd, ENV);
    expect(again.code).toBe(0);
    expect(JSON.parse(again.stdout)).toMatchObject({ ok: true, changed: false, rolledBack: false });
  });

  it("rolls back to the previous file and exits 1 when the gateway does not serve the new models", async () => {
    const cwd = await copyExample("config");
    expect((await runCli(["generate"], cwd)).code).toBe(0);
    const previous = await readFile(join(cwd, GENERATED), "utf8");
    const gateway = await fakeGateway(join(cwd, GENERATED));
    await appendFile(join(cwd, "config/providers.yaml"), "# a change\n");
    const models = parseYaml(previous, { file: "x" }).data as { model_list: { model_name: string }[] };
    gateway.stale = ["not-a-model", ...models.model_list.map((m) => m.model_name)];
    const { code, stdout, stderr } = await runCli(
      ["reload", "--gateway-url", gateway.url, "--timeout", "1"],
      cwd,
      ENV,
    );
    expect(code).toBe(1);
    expect(stdout).toContain("rolled back to the previous config");
    expect(stderr).toMatch(/error\[SY43\d\d\]/);
    expect(await readFile(join(cwd, GENERATED), "utf8")).toBe(previous);
  });

  it("refuses a config set with errors, and a bad --timeout is a usage error", async () => {
    const cwd = await copyExample("broken/unknown-key-typo");
    const refused = await runCli(["reload", "--gateway-url", "http://127.0.0.1:9"], cwd, ENV);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain("Nothing reloaded");
    expect((await runCli(["reload", "--timeout", "soon"], cwd)).code).toBe(2);
  });
});

const LITELLM_CONFIG = `model_list:
  - model_name: llama3
    litellm_params:
      model: ollama_chat/llama3.1:8b
      api_base: http://127.0.0.1:11434
  - model_name: gpt-4o
    litellm_params:
      model: openai/gpt-4o
      api_key: os.environ/OPENAI_API_KEY
litellm_settings:
  drop_params: true
general_settings:
  master_key: os.environ/LITELLM_MASTER_KEY
`;

describe("import litellm", () => {
  it("imports a LiteLLM config into a config set that validates and generates", async () => {
    const cwd = await tempDir();
    await writeFile(join(cwd, "litellm.yaml"), LITELLM_CONFIG);
    const { code, stdout } = await runCli(["import", "litellm", "litellm.yaml"], cwd);
    expect(code).toBe(0);
    expect(stdout).toContain("Imported litellm.yaml into config:");
    expect(stdout).toContain("config/providers.yaml");
    expect((await runCli(["validate"], cwd)).code).toBe(0);
    expect((await runCli(["generate"], cwd)).code).toBe(0);
  });

  it("never writes a literal key; refuses to overwrite without --force", async () => {
    const cwd = await tempDir();
    const key = ["sk", "proj", "A1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q7r8S9t0U1v2W3x4"].join("-");
    await writeFile(join(cwd, "litellm.yaml"), LITELLM_CONFIG.replace("os.environ/OPENAI_API_KEY", key));
    await mkdir(join(cwd, "out"));
    expect((await runCli(["import", "litellm", "litellm.yaml", "--out", "out"], cwd)).code).toBe(0);
    for (const name of ["providers.yaml", "model-mappings.yaml"])
      expect(await readFile(join(cwd, "out", name), "utf8")).not.toContain(key);
    const again = await runCli(["import", "litellm", "litellm.yaml", "--out", "out"], cwd);
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("error[SY4220]");
    expect((await runCli(["import", "litellm", "litellm.yaml", "--out", "out", "--force"], cwd)).code).toBe(
      0,
    );
  });

  it("usage errors: an unknown source, a missing file", async () => {
    const typo = await runCli(["import", "litelm", "x.yaml"]);
    expect(typo.code).toBe(2);
    expect(typo.stderr).toContain("did you mean 'litellm'?");
    expect((await runCli(["import", "litellm"])).code).toBe(2);
    expect((await runCli(["import", "litellm", "no/such/file.yaml"])).code).toBe(2);
  });
});
