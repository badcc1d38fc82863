import { request as httpRequest } from "node:http";
import { request as httpsRequest } from "node:https";
import { setTimeout as sleep } from "node:timers/promises";

/** A response read in full (bodies are capped at 1 MiB). */
export interface HttpResponse {
  readonly status: number;
  readonly body: string;
}

const MAX_BODY = 1024 * 1024;

/**
 * GET a URL. Resolves with the status and body of any response; rejects on connection errors and
 * when no response arrives within `timeoutMs` (the error's `code` is e.g. `ECONNREFUSED`, `ETIMEDOUT`).
 */
export function httpGet(
  url: string,
  options: { readonly timeoutMs: number; readonly headers?: Readonly<Record<string, string>> },
): Promise<HttpResponse> {
  return new Promise((resolve, reject) => {
    const target = new URL(url);
    const request = (target.protocol === "https:" ? httpsRequest : httpRequest)(
      target,
      // A fresh connection per probe: a pooled keep-alive socket could still point at the old process.
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
    request.setTimeout(options.timeoutMs, () => {
      request.destroy(
        Object.assign(new Error(`no response within ${options.timeoutMs} ms`), { code: "ETIMEDOUT" }),
      );
    });
    request.on("error", reject);
    request.end();
  });
}

/** One attempt of a {@link poll}: done with a value, or not yet with a reason. */
export type Attempt<T> =
  | { readonly done: true; readonly value: T }
  | { readonly done: false; readonly reason: string; readonly fatal?: boolean };

/** The end of a {@link poll}. */
export type PollResult<T> =
  | { readonly ok: true; readonly value: T; readonly attempts: number }
  | { readonly ok: false; readonly reason: string; readonly attempts: number; readonly timedOut: boolean };

/**
 * Run `attempt` until it is done, fails fatally, or `timeoutMs` has passed (at least one attempt
 * is always made), pausing `intervalMs` between attempts. `attempt` receives the time left.
 */
export async function poll<T>(
  attempt: (remainingMs: number) => Promise<Attempt<T>>,
  options: { readonly timeoutMs: number; readonly intervalMs: number; readonly now: () => number },
): Promise<PollResult<T>> {
  const deadline = options.now() + options.timeoutMs;
  let attempts = 0;
  for (;;) {
    attempts++;
    const result = await attempt(Math.max(1, deadline - options.now()));
    if (result.done) return { ok: true, value: result.value, attempts };
    const left = deadline - options.now();
    if (result.fatal === true || left <= 0) {
      return { ok: false, reason: result.reason, attempts, timedOut: result.fatal !== true };
    }
    await sleep(Math.min(options.intervalMs, left));
  }
}

/** A network error as a short reason (`connection refused`, `no response within 500 ms`, ...). */
export function describeNetworkError(error: unknown): string {
  const code = (error as { code?: unknown }).code;
  if (code === "ECONNREFUSED") return "connection refused";
  if (code === "ECONNRESET") return "connection reset";
  if (code === "EHOSTUNREACH") return "host unreachable";
  if (code === "ENOTFOUND") return "host not found";
  return error instanceof Error ? error.message : String(error);
}
