import type { ServerResponse } from "node:http";

/** Headers on every API answer: JSON is never sniffed as something else, never cached by proxies. */
const API_HEADERS = {
  "content-type": "application/json; charset=utf-8",
  "x-content-type-options": "nosniff",
  "cache-control": "no-store",
} as const;

/** Send a JSON body (serialised once, with its length). */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Readonly<Record<string, string>> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, { ...API_HEADERS, ...headers, "content-length": Buffer.byteLength(text) });
  res.end(text);
}

/** Send a body that is already text (a page, a script, Prometheus metrics). */
export function sendText(
  res: ServerResponse,
  status: number,
  text: string,
  headers: Readonly<Record<string, string>>,
): void {
  res.writeHead(status, {
    "x-content-type-options": "nosniff",
    ...headers,
    "content-length": Buffer.byteLength(text),
  });
  res.end(text);
}
