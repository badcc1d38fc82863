import { parseHost } from "@switchyard/config-schema/hosts";
import { HTTP_URL_PATTERN, SELF_HOSTED_PROVIDER_TYPES } from "@switchyard/config-schema/schemas";

/** Provider types that run inside the stack (as opposed to cloud APIs): config-schema's list. */
export const SELF_HOSTED_TYPES: ReadonlySet<string> = new Set(SELF_HOSTED_PROVIDER_TYPES);

/** Self-hosted types whose server speaks the OpenAI API under `/v1`. */
export const OPENAI_COMPATIBLE_TYPES: ReadonlySet<string> = new Set([
  "vllm",
  "llamacpp",
  "llamacpp_python",
  "openai_compatible",
]);

/** The port each self-hosted server listens on unless told otherwise (vLLM: 8001 in this stack, 8000 upstream). */
export const CONVENTIONAL_PORTS: Readonly<Record<string, number>> = {
  ollama: 11434,
  vllm: 8001,
  llamacpp: 8080,
  llamacpp_python: 8000,
};

/** Endpoint paths that belong to a request, never to a base URL. */
export const ENDPOINT_SUFFIXES = [
  "/chat/completions",
  "/completions",
  "/embeddings",
  "/api/chat",
  "/api/generate",
] as const;

/** A URL as the rules see it. */
export interface ParsedUrl {
  readonly url: URL;
  /** The explicit port, or the scheme's default (80, 443). */
  readonly port: number;
  /** The host as {@link normalizeHost} keys it: without IPv6 brackets, `localhost` folded into `127.0.0.1`. */
  readonly host: string;
  /** The path without trailing slashes (`""` for the root). */
  readonly path: string;
}

/** The outcome of reading a URL value. */
export type UrlReading =
  | { readonly kind: "ok"; readonly value: string; readonly parsed: ParsedUrl }
  /** The schema's pattern already rejects it (reported as SY1035); rules stay silent. */
  | { readonly kind: "schema-invalid" }
  /** It passes the schema's pattern but is not a valid URL (a bad port, an empty host). */
  | { readonly kind: "malformed"; readonly value: string; readonly reason: string };

/**
 * A URL host as one key per host (config-schema's host model: IPv6 canonical, IPv4-mapped
 * addresses as IPv4), with `localhost` folded into `127.0.0.1` as the URL rules document.
 */
export function normalizeHost(host: string): string {
  const parsed = parseHost(host);
  return parsed.kind === "loopback" && parsed.family === undefined && parsed.key === "localhost"
    ? "127.0.0.1"
    : parsed.key;
}

export function readUrl(value: unknown): UrlReading {
  if (typeof value !== "string" || !HTTP_URL_PATTERN.test(value)) return { kind: "schema-invalid" };
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    const port = /^https?:\/\/[^/?#]*:([^/?#@]*)(?:[/?#]|$)/.exec(value)?.[1];
    const reason =
      port !== undefined && !/^\d+$/.test(port)
        ? `port '${port}' is not a number`
        : port !== undefined && Number(port) > 65535
          ? `port ${port} is above 65535`
          : "it cannot be parsed as a URL (check the host)";
    return { kind: "malformed", value, reason };
  }
  if (url.hostname === "") return { kind: "malformed", value, reason: "it has no host" };
  const port = url.port !== "" ? Number(url.port) : url.protocol === "https:" ? 443 : 80;
  return {
    kind: "ok",
    value,
    parsed: { url, port, host: normalizeHost(url.hostname), path: url.pathname.replace(/\/+$/, "") },
  };
}

/** `href` of an edited URL, without the `/` the URL class adds when the original had no path. */
function likeOriginal(original: string, edited: URL): string {
  const bare =
    edited.pathname === "/" &&
    edited.search === "" &&
    edited.hash === "" &&
    !/^https?:\/\/[^/?#]*\//.test(original);
  return bare ? edited.href.slice(0, -1) : edited.href;
}

/** The URL without user name and password. */
export function withoutCredentials(original: string, url: URL): string {
  const copy = new URL(url.href);
  copy.username = "";
  copy.password = "";
  return likeOriginal(original, copy);
}

/** The URL with another path (query and fragment dropped). */
export function withPath(url: URL, path: string): string {
  return `${url.protocol}//${url.host}${path}`;
}

/** The URL with another port. */
export function withPort(original: string, url: URL, port: number): string {
  const copy = new URL(url.href);
  copy.port = String(port);
  return likeOriginal(original, copy);
}
