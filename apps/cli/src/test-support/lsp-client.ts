/**
 * A minimal Language Server Protocol client over stdio, as an editor speaks it: `Content-Length`
 * framed JSON-RPC, requests with ids, notifications, and answers to the server's own requests
 * (`workspace/configuration` is answered from `settings`). Tests wait for events (a message
 * matching a predicate), never for time.
 */
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";

/** One JSON-RPC message (request, response or notification). */
export interface RpcMessage {
  readonly jsonrpc: "2.0";
  readonly id?: number | string;
  readonly method?: string;
  readonly params?: unknown;
  readonly result?: unknown;
  readonly error?: { code: number; message: string };
}

export class LspClient {
  private readonly child: ChildProcessWithoutNullStreams;
  private buffer = Buffer.alloc(0);
  private nextId = 1;
  private readonly received: RpcMessage[] = [];
  private readonly waiters: { match: (m: RpcMessage) => boolean; resolve: (m: RpcMessage) => void }[] = [];
  /** Everything the server wrote to stderr (shown when a wait fails). */
  stderr = "";

  /**
   * Start `node <script> --stdio`; `settings` answers the server's configuration requests by section;
   * `env` is added to the server's environment (e.g. `NODE_EXTRA_CA_CERTS`).
   */
  constructor(
    script: string,
    private readonly settings: Record<string, unknown>,
    env: Record<string, string> = {},
  ) {
    this.child = spawn(process.execPath, [script, "--stdio"], {
      stdio: ["pipe", "pipe", "pipe"],
      env: { ...process.env, ...env },
    });
    this.child.stdout.on("data", (chunk: Buffer) => this.read(chunk));
    this.child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString("utf8");
    });
  }

  private read(chunk: Buffer): void {
    this.buffer = Buffer.concat([this.buffer, chunk]);
    for (;;) {
      const headerEnd = this.buffer.indexOf("\r\n\r\n");
      if (headerEnd === -1) return;
      const length = Number(
        /Content-Length: (\d+)/i.exec(this.buffer.subarray(0, headerEnd).toString())?.[1],
      );
      if (this.buffer.length < headerEnd + 4 + length) return;
      const body = this.buffer.subarray(headerEnd + 4, headerEnd + 4 + length).toString("utf8");
      this.buffer = this.buffer.subarray(headerEnd + 4 + length);
      this.dispatch(JSON.parse(body) as RpcMessage);
    }
  }

  private dispatch(message: RpcMessage): void {
    if (message.method !== undefined && message.id !== undefined) this.answer(message);
    this.received.push(message);
    for (const waiter of [...this.waiters]) {
      if (waiter.match(message)) {
        this.waiters.splice(this.waiters.indexOf(waiter), 1);
        waiter.resolve(message);
      }
    }
  }

  /** The server asks: configuration by section, anything else gets `null`. */
  private answer(request: RpcMessage): void {
    let result: unknown = null;
    if (request.method === "workspace/configuration") {
      const items = (request.params as { items?: { section?: string }[] }).items ?? [];
      result = items.map((item) =>
        item.section === undefined ? this.settings : (this.settings[item.section] ?? null),
      );
    }
    this.send({ jsonrpc: "2.0", id: request.id!, result });
  }

  private send(message: RpcMessage): void {
    const body = Buffer.from(JSON.stringify(message), "utf8");
    this.child.stdin.write(`Content-Length: ${body.length}\r\n\r\n`);
    this.child.stdin.write(body);
  }

  /** The first message (already received or still to come) that `match` accepts. */
  waitFor(match: (m: RpcMessage) => boolean): Promise<RpcMessage> {
    const seen = this.received.find(match);
    if (seen !== undefined) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      this.waiters.push({ match, resolve });
      this.child.once("exit", (code) =>
        reject(new Error(`the language server exited (${code}) before answering; stderr:\n${this.stderr}`)),
      );
    });
  }

  /** Send a request and wait for its response; a JSON-RPC error rejects. */
  async request<T>(method: string, params: unknown): Promise<T> {
    const id = this.nextId++;
    this.send({ jsonrpc: "2.0", id, method, params });
    const response = await this.waitFor((m) => m.id === id && m.method === undefined);
    if (response.error !== undefined) throw new Error(`${method}: ${response.error.message}`);
    return response.result as T;
  }

  notify(method: string, params: unknown): void {
    this.send({ jsonrpc: "2.0", method, params });
  }

  /** Shut the server down as an editor does (shutdown, exit), then make sure the process is gone. */
  async close(): Promise<void> {
    if (this.child.exitCode !== null) return;
    const exited = new Promise((resolve) => this.child.once("exit", resolve));
    try {
      await this.request("shutdown", null);
      this.notify("exit", null);
    } catch {
      this.child.kill("SIGKILL");
    }
    await exited;
  }
}
