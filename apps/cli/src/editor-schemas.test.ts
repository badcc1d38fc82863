/**
 * The schemas reach the editor through the `# yaml-language-server: $schema=` line, as a user meets
 * them: the real yaml-language-server, spoken to over stdio LSP like VS Code or Neovim does, opens a
 * file that `init --schema local` wrote (and the `litellm-unified.yaml` that `generate` wrote), and
 * must underline a wrong value and complete a key — with no schema configured in its settings, so the
 * modeline alone associates the schema.
 */
import { spawnSync } from "node:child_process";
import { once } from "node:events";
import { mkdir, readFile, symlink, writeFile } from "node:fs/promises";
import { createServer as createHttpServer } from "node:http";
import { createServer as createHttpsServer } from "node:https";
import { createRequire } from "node:module";
import { connect } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { SCHEMA_PACKAGE_VERSION, yamlLanguageServerComment } from "@switchyard/config-schema/schemas";
import { tempDir } from "@switchyard/test-utils";
import { afterEach, describe, expect, it } from "vitest";
import { main } from "./cli.js";
import { LspClient, type RpcMessage } from "./test-support/lsp-client.js";
import { memoryIO } from "./test-support/memory-io.js";
import { REPO_ROOT } from "./test-support/paths.js";

const require = createRequire(import.meta.url);
const SERVER = join(
  require.resolve("yaml-language-server/package.json"),
  "..",
  "bin",
  "yaml-language-server",
);
const CONFIG_SCHEMA_PACKAGE = join(REPO_ROOT, "packages", "config-schema");

interface LspDiagnostic {
  readonly range: { start: { line: number; character: number } };
  readonly message: string;
  readonly severity?: number;
}

/** A project with `@switchyard/config-schema` installed as a package manager links it. */
async function projectWithSchemas(): Promise<string> {
  const root = await tempDir("switchyard-editor-");
  await mkdir(join(root, "node_modules", "@switchyard"), { recursive: true });
  await symlink(CONFIG_SCHEMA_PACKAGE, join(root, "node_modules", "@switchyard", "config-schema"), "dir");
  return root;
}

let servers: LspClient[] = [];
afterEach(async () => {
  await Promise.all(servers.map((s) => s.close()));
  servers = [];
});

/**
 * A started and initialised yaml-language-server with no schema associations of its own; `proxy`
 * routes its HTTP(S) requests (its `http.proxy` setting, verified TLS), `env` adds to its environment.
 */
async function startServer(
  root: string,
  options: { readonly proxy?: string; readonly env?: Record<string, string> } = {},
): Promise<LspClient> {
  const settings = {
    yaml: { validate: true, completion: true, hover: true, schemas: {}, schemaStore: { enable: false } },
    http: { proxy: options.proxy ?? "", proxyStrictSSL: true },
  };
  const server = new LspClient(SERVER, settings, options.env);
  servers.push(server);
  await server.request("initialize", {
    processId: process.pid,
    rootUri: pathToFileURL(root).href,
    capabilities: {
      workspace: { configuration: true, didChangeConfiguration: { dynamicRegistration: true } },
      textDocument: {
        completion: { completionItem: { snippetSupport: true } },
        publishDiagnostics: { relatedInformation: true },
      },
    },
  });
  server.notify("initialized", {});
  server.notify("workspace/didChangeConfiguration", { settings });
  return server;
}

function open(server: LspClient, path: string, text: string): string {
  const uri = pathToFileURL(path).href;
  server.notify("textDocument/didOpen", { textDocument: { uri, languageId: "yaml", version: 1, text } });
  return uri;
}

const diagnosticsOf = (uri: string, match: (d: LspDiagnostic[]) => boolean) => (m: RpcMessage) =>
  m.method === "textDocument/publishDiagnostics" &&
  (m.params as { uri: string }).uri === uri &&
  match((m.params as { diagnostics: LspDiagnostic[] }).diagnostics);

async function diagnostics(
  server: LspClient,
  uri: string,
  match: (d: LspDiagnostic[]) => boolean,
): Promise<LspDiagnostic[]> {
  const message = await server.waitFor(diagnosticsOf(uri, match));
  return (message.params as { diagnostics: LspDiagnostic[] }).diagnostics;
}

async function completionLabels(
  server: LspClient,
  uri: string,
  line: number,
  character: number,
): Promise<string[]> {
  const result = await server.request<{ items: { label: string }[] } | { label: string }[] | null>(
    "textDocument/completion",
    { textDocument: { uri }, position: { line, character } },
  );
  const items = result === null ? [] : Array.isArray(result) ? result : result.items;
  return items.map((item) => item.label);
}

describe("init --schema local", () => {
  it("points each file's modeline at the installed package's schema, relative to the file", async () => {
    const root = await projectWithSchemas();
    const io = memoryIO(root);
    expect(await main(["init", "infra/config", "--schema", "local"], io), io.stderrText()).toBe(0);
    const text = await readFile(join(root, "infra", "config", "providers.yaml"), "utf8");
    expect(text.split("\n")[0]).toBe(
      "# yaml-language-server: $schema=../../node_modules/@switchyard/config-schema/schemas/providers.schema.json",
    );
    const io2 = memoryIO(root);
    expect(await main(["validate", "infra/config"], io2), io2.stdoutText()).toBe(0);
  });

  it("refuses with exit 2 and writes nothing when the package is not installed above the directory", async () => {
    const root = await tempDir("switchyard-editor-bare-");
    const io = memoryIO(root);
    expect(await main(["init", "config", "--schema", "local"], io)).toBe(2);
    expect(io.stderrText()).toContain("npm install --save-dev @switchyard/config-schema");
    await expect(readFile(join(root, "config", "providers.yaml"))).rejects.toThrow();
  });

  it("without --schema, pins the modeline to the published release of the schemas", async () => {
    const root = await tempDir("switchyard-editor-remote-");
    expect(await main(["init", "config"], memoryIO(root))).toBe(0);
    const first = (await readFile(join(root, "config", "ports.yaml"), "utf8")).split("\n")[0];
    expect(first).toBe(yamlLanguageServerComment("ports"));
    expect(first).toContain(`/@switchyard/config-schema@${SCHEMA_PACKAGE_VERSION}/schemas/ports.schema.json`);
  });
});

describe("the real yaml-language-server, by the modeline alone", () => {
  it("underlines a wrong value and completes a key in a file `init --schema local` wrote", async () => {
    const root = await projectWithSchemas();
    expect(await main(["init", "config", "--schema", "local"], memoryIO(root))).toBe(0);
    const path = join(root, "config", "providers.yaml");
    const written = await readFile(path, "utf8");
    const server = await startServer(root);

    // The file as written: no diagnostics.
    const cleanUri = open(
      server,
      join(root, "config", "ports.yaml"),
      await readFile(join(root, "config", "ports.yaml"), "utf8"),
    );
    expect(await diagnostics(server, cleanUri, () => true)).toEqual([]);

    // A typo in a value the schema enumerates.
    const broken = written.replace("    type: ollama\n", "    type: olama\n");
    expect(broken).not.toBe(written);
    const uri = open(server, path, broken);
    const found = await diagnostics(server, uri, (d) => d.length > 0);
    const typoLine = broken.split("\n").indexOf("    type: olama");
    expect(found).toHaveLength(1);
    expect(found[0]!.range.start.line).toBe(typoLine);
    expect(found[0]!.severity).toBe(1);
    expect(found[0]!.message).toMatch(/ollama/);

    // Completion of a key inside a provider: the schema's property names.
    const draft = [
      "# yaml-language-server: $schema=../node_modules/@switchyard/config-schema/schemas/providers.schema.json",
      'schema_version: "2.0.0"',
      "providers:",
      "  local:",
      "    type: ollama",
      "    ",
      "",
    ].join("\n");
    const draftUri = open(server, join(root, "config", "draft-providers.yaml"), draft);
    const labels = await completionLabels(server, draftUri, 5, 4);
    expect(labels).toEqual(expect.arrayContaining(["base_url", "models", "status", "api_key"]));
  });
});

/**
 * A stand-in for unpkg.com on loopback: a CA and a certificate for unpkg.com made with openssl, an
 * HTTPS server that serves `/@switchyard/config-schema@<version>/schemas/<kind>.schema.json` from
 * the package's `schemas/` (what the published tarball holds), and an HTTP proxy whose CONNECT to
 * unpkg.com:443 reaches it. The language server trusts the CA through NODE_EXTRA_CA_CERTS and
 * verifies the certificate (proxyStrictSSL), as it would the real host's.
 */
async function fakeUnpkg(dir: string) {
  const ssl = (args: readonly string[]) => {
    const run = spawnSync("openssl", args, { cwd: dir, encoding: "utf8" });
    if (run.status !== 0) throw new Error(`openssl ${args[0]} failed: ${run.stderr}`);
  };
  const ec = ["-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes"];
  ssl([
    "req",
    "-x509",
    ...ec,
    "-keyout",
    "ca.key",
    "-out",
    "ca.crt",
    "-days",
    "1",
    "-subj",
    "/CN=Switchyard test CA",
  ]);
  ssl(["req", ...ec, "-keyout", "unpkg.key", "-out", "unpkg.csr", "-subj", "/CN=unpkg.com"]);
  await writeFile(join(dir, "san.ext"), "subjectAltName=DNS:unpkg.com\n");
  ssl([
    "x509",
    "-req",
    "-in",
    "unpkg.csr",
    "-CA",
    "ca.crt",
    "-CAkey",
    "ca.key",
    "-CAcreateserial",
    "-days",
    "1",
    "-extfile",
    "san.ext",
    "-out",
    "unpkg.crt",
  ]);

  const served: string[] = [];
  const prefix = `/@switchyard/config-schema@${SCHEMA_PACKAGE_VERSION}/schemas/`;
  const https = createHttpsServer(
    { key: await readFile(join(dir, "unpkg.key")), cert: await readFile(join(dir, "unpkg.crt")) },
    (req, res) => {
      const name = req.url?.startsWith(prefix) ? req.url.slice(prefix.length) : "";
      served.push(req.url ?? "");
      if (!/^[a-z-]+\.schema\.json$/.test(name)) return void res.writeHead(404).end();
      readFile(join(CONFIG_SCHEMA_PACKAGE, "schemas", name)).then(
        (body) => res.writeHead(200, { "content-type": "application/json" }).end(body),
        () => res.writeHead(404).end(),
      );
    },
  );
  https.listen(0, "127.0.0.1");
  await once(https, "listening");
  const httpsPort = (https.address() as { port: number }).port;

  const tunnels: string[] = [];
  const proxy = createHttpServer((_req, res) => res.writeHead(405).end());
  proxy.on("connect", (req, socket, head) => {
    tunnels.push(req.url ?? "");
    if (req.url !== "unpkg.com:443") return void socket.end("HTTP/1.1 403 Forbidden\r\n\r\n");
    const upstream = connect(httpsPort, "127.0.0.1", () => {
      socket.write("HTTP/1.1 200 Connection Established\r\n\r\n");
      upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    upstream.on("error", () => socket.destroy());
    socket.on("error", () => upstream.destroy());
  });
  proxy.listen(0, "127.0.0.1");
  await once(proxy, "listening");
  return {
    proxy: `http://127.0.0.1:${(proxy.address() as { port: number }).port}`,
    ca: join(dir, "ca.crt"),
    served,
    tunnels,
    close: () => {
      proxy.close();
      https.close();
      proxy.closeAllConnections();
      https.closeAllConnections();
    },
  };
}

describe("the real yaml-language-server, through the published (pinned) modeline URL", () => {
  it("fetches the schema from unpkg's URL over verified HTTPS and underlines a wrong type once", async () => {
    const root = await tempDir("switchyard-editor-unpkg-");
    const unpkg = await fakeUnpkg(root);
    try {
      expect(await main(["init", "config"], memoryIO(root))).toBe(0);
      const path = join(root, "config", "providers.yaml");
      const written = await readFile(path, "utf8");
      expect(written.split("\n")[0]).toBe(yamlLanguageServerComment("providers"));
      const server = await startServer(root, { proxy: unpkg.proxy, env: { NODE_EXTRA_CA_CERTS: unpkg.ca } });

      // A type that is not one of the schema's: exactly one error, on its line, naming the right one.
      const broken = written.replace("    type: ollama\n", "    type: olama\n");
      expect(broken).not.toBe(written);
      const uri = open(server, path, broken);
      const found = await diagnostics(server, uri, (d) => d.length > 0);
      expect(found, server.stderr).toHaveLength(1);
      expect(found[0]!.range.start.line).toBe(broken.split("\n").indexOf("    type: olama"));
      expect(found[0]!.severity).toBe(1);
      expect(found[0]!.message).toMatch(/ollama/);
      // It came through the proxy, from the pinned URL of this release.
      expect(unpkg.tunnels).toContain("unpkg.com:443");
      expect(unpkg.served).toContain(
        `/@switchyard/config-schema@${SCHEMA_PACKAGE_VERSION}/schemas/providers.schema.json`,
      );
    } finally {
      unpkg.close();
    }
  });
});
