import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";

/** A response read in full (bodies are capped at 1 MiB). */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

const MAX_BODY = 1024 * 1024;

/**
 * GET a URL. Resolves with the status and body of any response; rejects on connection errors and
 * when no response arrives within `timeoutMs` (the error's `code` is e.g. `ECONNREFUSED`,
 * `ETIMEDOUT`). A fresh connection every time: a pooled keep-alive socket could still point at a
 * process that has just been restarted.
 */
export function httpGet(
  url: string,
  options: { readonly timeoutMs: number; readonly headers?: Readonly<Record<string, string>> },
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === "https:" ? httpsRequest : httpRequest)(
      target,
      {
        method: "GET",
        agent: false,
        headers: { accept: "application/json, text/plain", ...options.headers },
      },
      (response) => {
        const chunks: Buffer[] = [];
        let size = 0;
        response.on("data", (chunk: Buffer) => {
          size += chunk.length;
          if (size <= MAX_BODY) chunks.push(chunk);
        });
        response.on("end", () =>
          resolve({ status: response.statusCode ?? 0, body: Buffer.concat(chunks).toString("utf8") }),
        );
        response.on("error", reject);
      },
    );
    // The whole exchange, not only idle time: a server that trickles bytes must not hold a probe.
    const timer = setTimeout(() => {
      request.destroy(
        Object.assign(new Error(`no response within ${options.timeoutMs} ms`), { code: "ETIMEDOUT" }),
      );
    }, options.timeoutMs);
    request.on("close", () => clearTimeout(timer));
    request.on("error", reject);
    request.end();
  });
}

/** A network error as a short reason (`connection refused`, `no response within 500 ms`, ...). */
export function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET") return "connection reset";
  if (code === "EHOSTUNREACH") return "host unreachable";
  if (code === "ENETUNREACH") return "network unreachable";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN") return "host not found";
  if (code === "EPIPE") return "connection closed";
  return error instanceof Error ? error.message : String(error);
}

/** Whether a network error is a timeout (the server took too long, as opposed to refusing). */
export function isTimeout(error: unknown): boolean {
  return (error as { code?: unknown } | undefined)?.code === "ETIMEDOUT";
}
