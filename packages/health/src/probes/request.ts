import { describeNetworkError, httpGet, isTimeout } from "../http/http-get.js";
import type { ProbeContext, ProbeStep } from "./types.js";

/** What one GET of a probe gave. */
export type Fetched =
  | {
      readonly ok: true;
      readonly status: number;
      readonly body: string;
      /** The body as JSON, or undefined when it is not JSON. */
      readonly json: unknown;
    }
  | { readonly ok: false; readonly reason: string; readonly timeout: boolean; readonly refused: boolean };

/**
 * The URLs to try for one: `localhost` is tried as 127.0.0.1 and then [::1], never by name (Node
 * resolves it to ::1 first, which reads as "down" against IPv4-only servers).
 */
export function probeUrls(url: string): string[] {
  const parsed = new URL(url);
  if (parsed.hostname.toLowerCase() !== "localhost") return [url];
  const v4 = new URL(url);
  v4.hostname = "127.0.0.1";
  const v6 = new URL(url);
  v6.hostname = "[::1]";
  return [v4.href, v6.href];
}

/** `base` + `path`, without doubled slashes (`http://h:8001/v1` + `/models`). */
export function joinUrl(base: string, path: string): string {
  return `${base.replace(/\/+$/, "")}${path}`;
}

/** The origin of a URL (`http://127.0.0.1:8080/v1` → `http://127.0.0.1:8080`). */
export function originOf(url: string): string {
  return new URL(url).origin;
}

/** Display form of a URL with any user info removed. */
export function showUrl(url: string): string {
  const parsed = new URL(url);
  parsed.username = "";
  parsed.password = "";
  return parsed.href.replace(/\/$/, "");
}

/** GET `url` for a probe, recording the step (`GET /api/tags` → `200`, 12 ms). */
export async function getStep(
  steps: ProbeStep[],
  url: string,
  context: ProbeContext,
  options: { readonly headers?: Readonly<Record<string, string>>; readonly timeoutMs?: number } = {},
): Promise<Fetched> {
  const name = `GET ${new URL(url).pathname}`;
  let last: Fetched | undefined;
  for (const candidate of probeUrls(url)) {
    const start = context.now();
    try {
      const response = await httpGet(candidate, {
        timeoutMs: options.timeoutMs ?? context.timeoutMs,
        ...(options.headers ? { headers: options.headers } : {}),
      });
      steps.push({ name, outcome: String(response.status), latencyMs: Math.round(context.now() - start) });
      let json: unknown;
      try {
        json = JSON.parse(response.body);
      } catch {}
      return { ok: true, status: response.status, body: response.body, json };
    } catch (error) {
      const reason = describeNetworkError(error);
      steps.push({ name, outcome: reason, latencyMs: Math.round(context.now() - start) });
      last = {
        ok: false,
        reason,
        timeout: isTimeout(error),
        refused: (error as { code?: unknown }).code === "ECONNREFUSED",
      };
      if (!last.refused) return last;
    }
  }
  return last!;
}

/** A short excerpt of a body for messages. */
export function excerpt(body: string, most = 120): string {
  const flat = body.replace(/\s+/g, " ").trim();
  return flat.length > most ? `${flat.slice(0, most - 3)}...` : flat;
}

/** A plain object, or undefined. */
export function record(value: unknown): Record<string, unknown> | undefined {
  return typeof value === "object" && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** The ids of an OpenAI-style `/v1/models` answer (`{object: "list", data: [{id}, …]}`), or undefined. */
export function openAiModelIds(json: unknown): string[] | undefined {
  const data = record(json)?.data;
  if (!Array.isArray(data)) return undefined;
  return data.flatMap((item) => {
    const id = record(item)?.id;
    return typeof id === "string" ? [id] : [];
  });
}

/** The Authorization header of an API key, when its value is known. */
export function bearer(key: { readonly value?: string } | undefined): Record<string, string> | undefined {
  return key?.value === undefined ? undefined : { authorization: `Bearer ${key.value}` };
}
