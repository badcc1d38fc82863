import { describe, expect, test } from "vitest";
import { encodeCommand, parseReply } from "./resp.js";

describe("RESP", () => {
  test("encodes commands as arrays of bulk strings, counting bytes not characters", () => {
    expect(Buffer.from(encodeCommand(["AUTH", "pässword"])).toString("utf8")).toBe(
      "*2\r\n$4\r\nAUTH\r\n$9\r\npässword\r\n",
    );
  });

  test("parses a plain Uint8Array (not a Buffer) at an offset, as its declaration promises", () => {
    const bytes = new TextEncoder().encode("xx$6\r\npässw\r\n").subarray(1);
    expect(bytes).not.toBeInstanceOf(Buffer);
    expect(parseReply(bytes, 1)).toEqual({ reply: { type: "bulk", value: "pässw" }, next: 13 });
  });

  test("parses every reply type, and says when a reply is not complete yet", () => {
    const text =
      "+PONG\r\n-NOAUTH Authentication required.\r\n:42\r\n$5\r\nhello\r\n$-1\r\n*2\r\n$1\r\na\r\n:1\r\n";
    const buffer = Buffer.from(text);
    const replies = [];
    let at = 0;
    for (let parsed = parseReply(buffer, at); parsed; parsed = parseReply(buffer, at)) {
      replies.push(parsed.reply);
      at = parsed.next;
    }
    expect(replies).toEqual([
      { type: "simple", value: "PONG" },
      { type: "error", value: "NOAUTH Authentication required." },
      { type: "integer", value: 42 },
      { type: "bulk", value: "hello" },
      { type: "bulk", value: null },
      {
        type: "array",
        value: [
          { type: "bulk", value: "a" },
          { type: "integer", value: 1 },
        ],
      },
    ]);
    expect(at).toBe(buffer.length);
    expect(parseReply(Buffer.from("$5\r\nhel"))).toBeUndefined();
    expect(parseReply(Buffer.from("*2\r\n+a\r\n"))).toBeUndefined();
    expect(() => parseReply(Buffer.from("HTTP/1.1 400\r\n"))).toThrow(/not a RESP reply/);
  });
});
