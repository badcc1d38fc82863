import { type ChildProcess, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { tempDirSync } from "./temp.js";
import { requireTools } from "./tools.js";

/** Where {@link freePort} binds to find its port. */
export interface FreePortOptions {
  /**
   * The address to bind (default `127.0.0.1`). `"::"` takes a port free on every address (IPv6
   * and, on a dual-stack host, IPv4): for a test whose port check looks at all listeners, e.g.
   * doctor's, where a port free on loopback but taken on another address would be a false "in use".
   */
  readonly host?: string;
}

/** A free TCP port (bound, then let go: a hint, good enough for a test). */
export async function freePort(options: FreePortOptions = {}): Promise<number> {
  const server = createServer();
  server.listen({ host: options.host ?? "127.0.0.1", port: 0 });
  await once(server, "listening");
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/** How {@link RedisServer.start} configures the server. */
export interface RedisServerOptions {
  /** `requirepass`: clients must AUTH with it. */
  readonly password?: string;
}

/**
 * A real `redis-server` (the Debian package) on a free port, without persistence, that a test can
 * stop and start again on the same port. Missing redis-server is an error: the test fails, never skips.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private readonly dir = tempDirSync("sy-redis-");
  private constructor(
    readonly port: number,
    private readonly options: RedisServerOptions,
  ) {}

  /** The server process's id (undefined while stopped). */
  get pid(): number | undefined {
    return this.child?.pid;
  }

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(options: RedisServerOptions = {}): Promise<RedisServer> {
    requireTools("redis-server");
    for (let attempt = 0; ; attempt++) {
      const server = new RedisServer(await freePort(), options);
      try {
        await server.resume();
        return server;
      } catch (error) {
        // Another process took the port between freePort and redis's bind: try another one.
        if (attempt >= 3 || !String(error).includes("Address already in use")) throw error;
      }
    }
  }

  /** Start (again) on the same port; resolves when the server accepts connections. */
  async resume(): Promise<void> {
    const child = spawn(
      "redis-server",
      // A snapshot on shutdown (SIGTERM) and reload at start: a restart keeps the data, as in production.
      [
        "--port",
        String(this.port),
        "--bind",
        "127.0.0.1",
        "--dir",
        this.dir,
        "--save",
        "3600 1",
        "--appendonly",
        "no",
        ...(this.options.password === undefined ? [] : ["--requirepass", this.options.password]),
      ],
      { stdio: ["ignore", "pipe", "pipe"] },
    );
    this.child = child;
    let output = "";
    await new Promise<void>((resolve, reject) => {
      const onData = (chunk: Buffer) => {
        output += chunk.toString();
        if (output.includes("Ready to accept connections")) {
          child.stdout?.off("data", onData);
          resolve();
        }
      };
      child.stdout?.on("data", onData);
      child.once("exit", (code) => reject(new Error(`redis-server exited (${code}): ${output.slice(-500)}`)));
    });
  }

  /** Stop the server (SIGTERM: it writes its snapshot, which {@link resume} loads). */
  async stop(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null) return;
    this.child = undefined;
    const exited = once(child, "exit");
    child.kill("SIGTERM");
    await exited;
  }
}
