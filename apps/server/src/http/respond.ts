import type { ServerResponse } from "node:http";

/** Headers on every API answer: JSON is never sniffed as something else, never cached by proxies. */
const API_HEADERS: readonly string[] = [
  "content-type",
  "application/json; charset=utf-8",
  "x-content-type-options",
  "nosniff",
  "cache-control",
  "no-store",
];
/** Headers on every text answer (a page, a script, metrics): never sniffed. */
const TEXT_HEADERS: readonly string[] = ["x-content-type-options", "nosniff"];

/**
 * The header list of an answer, as the flat `[name, value, …]` array `writeHead` takes (no object
 * spread or merge per request): a copy of the base pairs (a name in `extra` replaces the base
 * value), the request id, the other `extra` headers, then the content length when there is a body.
 */
function headerList(
  base: readonly string[],
  requestId: string | undefined,
  extra: Readonly<Record<string, string>> | undefined,
  length: number | undefined,
): string[] {
  const list = base.slice();
  if (requestId !== undefined) list.push("x-request-id", requestId);
  if (extra !== undefined) {
    for (const name in extra) {
      if (name === "content-length") continue;
      let at = 0;
      while (at < base.length && base[at] !== name) at += 2;
      if (at < base.length) list[at + 1] = extra[name]!;
      else list.push(name, extra[name]!);
    }
  }
  if (length !== undefined) list.push("content-length", String(length));
  return list;
}

/** Send JSON that is already serialised (the hot routes write their own), with its length. */
export function sendJsonText(
  res: ServerResponse,
  status: number,
  text: string,
  requestId?: string,
  headers?: Readonly<Record<string, string>>,
): void {
  res.writeHead(status, headerList(API_HEADERS, requestId, headers, Buffer.byteLength(text)));
  res.end(text);
}

/** Send a JSON body (serialised once, with its length). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers?: Readonly<Record<string, string>>,
  requestId?: string,
): void {
  sendJsonText(res, status, JSON.stringify(body), requestId, headers);
}

/** Send a body that is already text (a page, a script, Prometheus metrics). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>>,
  requestId?: string,
): void {
  res.writeHead(status, headerList(TEXT_HEADERS, requestId, headers, Buffer.byteLength(text)));
  res.end(text);
}

/** Send a status with headers and no body (304, 201 without content…). */
export function sendEmpty(
  res: ServerResponse,
  status: number,
  headers?: Readonly<Record<string, string>>,
  requestId?: string,
): void {
  res.writeHead(status, headerList([], requestId, headers, undefined));
  res.end();
}
