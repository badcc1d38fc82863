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
 * Whether a host name or address stays on this machine: `localhost` (and `*.localhost`), 127.0.0.0/8,
 * `::1`, an IPv4-mapped loopback, or `host.docker.internal` (the host, seen from its own containers).
 */
export function isLoopbackHost(host: string): boolean {
  const h = host.replace(/^\[|\]$/g, "").toLowerCase();
  if (h === "localhost" || h.endsWith(".localhost") || h === "host.docker.internal") return true;
  if (/^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(h)) return true;
  if (h === "::1" || h === "0:0:0:0:0:0:0:1") return true;
  return /^::ffff:127\./.test(h) || /^::ffff:7f[0-9a-f]{2}:/.test(h);
}

/** Whether a bind address means "every interface". */
export function isAllInterfaces(host: string): boolean {
  const h = host.trim().replace(/^\[|\]$/g, "");
  return h === "0.0.0.0" || h === "::" || h === "*" || h === "" || h === "0:0:0:0:0:0:0:0";
}
