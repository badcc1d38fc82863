import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { once } from "node:events";
import { createServer } from "node:net";
import { tempDirSync } from "./temp.js";

/** A free TCP port on 127.0.0.1. */
export async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, "127.0.0.1");
  await once(server, "listening");
  const address = server.address();
  server.close();
  if (address === null || typeof address === "string") throw new Error("no port");
  return address.port;
}

/**
 * A real `redis-server` (the Debian package) on a free port, without persistence, that a test can
 * stop and start again on the same port. Missing redis-server is an error: the test fails, never skips.
 */
export class RedisServer {
  private child: ChildProcess | undefined;
  private readonly dir = tempDirSync("sy-redis-");
  private constructor(readonly port: number) {}

  get url(): string {
    return `redis://127.0.0.1:${this.port}`;
  }

  static async start(): Promise<RedisServer> {
    try {
      execFileSync("redis-server", ["--version"], { stdio: "ignore" });
    } catch {
      throw new Error(
        "redis-server is not installed (apt-get install -y redis-server); the Redis store tests need it",
      );
    }
    const server = new RedisServer(await freePort());
    await server.resume();
    return server;
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
