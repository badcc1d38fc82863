import { connect } from "node:net";

/** A RESP2 reply: `+OK`, `-ERR …`, `:1`, `$…` bulk (null when `$-1`), or an array of replies. */
export type RespReply =
  | { readonly type: "simple"; readonly value: string }
  | { readonly type: "error"; readonly value: string }
  | { readonly type: "integer"; readonly value: number }
  | { readonly type: "bulk"; readonly value: string | null }
  | { readonly type: "array"; readonly value: readonly RespReply[] | null };

/**
 * One command as RESP sends it: an array of bulk strings. The bytes are a `Uint8Array` (a `Buffer`
 * in Node), so that the declarations name no Node-only type.
 */
export function encodeCommand(args: readonly string[]): Uint8Array {
  const parts: Buffer[] = [Buffer.from(`*${args.length}\r\n`)];
  for (const arg of args) {
    const bytes = Buffer.from(arg, "utf8");
    parts.push(Buffer.from(`$${bytes.length}\r\n`), bytes, Buffer.from("\r\n"));
  }
  return Buffer.concat(parts);
}

/**
 * Read one reply from `bytes` at `offset`: the reply and where the next one starts, or
 * `undefined` when the bytes do not hold all of it yet. Throws on bytes that are not RESP.
 */
export function parseReply(bytes: Uint8Array, offset = 0): { reply: RespReply; next: number } | undefined {
  return parseBuffer(asBuffer(bytes), offset);
}

/** The same bytes as a `Buffer`, without copying. */
function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.isBuffer(bytes) ? bytes : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

function parseBuffer(buffer: Buffer, offset: number): { reply: RespReply; next: number } | undefined {
  const lineEnd = buffer.indexOf("\r\n", offset);
  if (lineEnd === -1) return undefined;
  const kind = String.fromCharCode(buffer[offset]!);
  const line = buffer.toString("utf8", offset + 1, lineEnd);
  const after = lineEnd + 2;
  switch (kind) {
    case "+":
      return { reply: { type: "simple", value: line }, next: after };
    case "-":
      return { reply: { type: "error", value: line }, next: after };
    case ":":
      return { reply: { type: "integer", value: Number(line) }, next: after };
    case "$": {
      const length = Number(line);
      if (length === -1) return { reply: { type: "bulk", value: null }, next: after };
      if (!Number.isInteger(length) || length < 0) throw new Error(`bad bulk length '${line}'`);
      if (buffer.length < after + length + 2) return undefined;
      return {
        reply: { type: "bulk", value: buffer.toString("utf8", after, after + length) },
        next: after + length + 2,
      };
    }
    case "*": {
      const count = Number(line);
      if (count === -1) return { reply: { type: "array", value: null }, next: after };
      if (!Number.isInteger(count) || count < 0) throw new Error(`bad array length '${line}'`);
      const items: RespReply[] = [];
      let at = after;
      for (let i = 0; i < count; i++) {
        const item = parseBuffer(buffer, at);
        if (!item) return undefined;
        items.push(item.reply);
        at = item.next;
      }
      return { reply: { type: "array", value: items }, next: at };
    }
    default:
      throw new Error(`not a RESP reply (starts with ${JSON.stringify(kind)})`);
  }
}

/**
 * Send `commands` over one connection (pipelined) and read one reply each. Rejects on connection
 * errors (`code` ECONNREFUSED, …), on a timeout (`code` ETIMEDOUT) and on bytes that are not RESP;
 * a server that closes early rejects with `code` ECONNRESET.
 */
export function redisCommands(
  host: string,
  port: number,
  commands: readonly (readonly string[])[],
  options: { readonly timeoutMs: number },
): Promise<RespReply[]> {
  return new Promise((resolve, reject) => {
    const socket = connect({ host: host.replace(/^\[|\]$/g, ""), port });
    let buffer = Buffer.alloc(0);
    const replies: RespReply[] = [];
    let settled = false;
    const finish = (error: Error | undefined) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(replies);
    };
    const timer = setTimeout(
      () =>
        finish(Object.assign(new Error(`no reply within ${options.timeoutMs} ms`), { code: "ETIMEDOUT" })),
      options.timeoutMs,
    );
    socket.once("connect", () => socket.write(Buffer.concat(commands.map(encodeCommand))));
    socket.on("data", (chunk: Buffer) => {
      buffer = Buffer.concat([buffer, chunk]);
      try {
        let parsed = parseReply(buffer);
        while (parsed) {
          replies.push(parsed.reply);
          buffer = buffer.subarray(parsed.next);
          if (replies.length === commands.length) return finish(undefined);
          parsed = parseReply(buffer);
        }
      } catch (error) {
        finish(error as Error);
      }
    });
    socket.once("error", (error) => finish(error));
    socket.once("close", () =>
      finish(Object.assign(new Error("the server closed the connection"), { code: "ECONNRESET" })),
    );
  });
}
