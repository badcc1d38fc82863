import { parseHost } from "@switchyard/config-schema/hosts";

/** What a URL says about where it goes. */
export interface UrlInfo {
  readonly protocol: string;
  /** Host name without brackets, lower case. */
  readonly host: string;
  readonly port?: number;
  readonly username: string;
  readonly password: string;
  readonly search: string;
}

/** Parse an absolute URL, or `undefined`. */
export function parseUrl(value: string): UrlInfo | undefined {
  if (!/^[a-z][a-z0-9+.-]*:\/\//i.test(value)) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return undefined;
  }
  const host = url.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  return {
    protocol: url.protocol.replace(/:$/, ""),
    host,
    ...(url.port !== "" ? { port: Number(url.port) } : {}),
    username: decodeURIComponent(url.username),
    password: decodeURIComponent(url.password),
    search: url.search,
  };
}

/**
 * Whether a host stays on this machine: loopback by config-schema's host model (127.0.0.0/8,
 * `::1`, their IPv4-mapped forms, `localhost`, `*.localhost`), or `host.docker.internal` (the host,
 * seen from its own containers: traffic to it never leaves the machine either).
 */
export function isLoopbackHost(host: string): boolean {
  const parsed = parseHost(host);
  return parsed.kind === "loopback" || parsed.key === "host.docker.internal";
}
