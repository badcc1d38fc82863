import { hash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { TokenRole } from "@switchyard/config-schema";
import { ApiError } from "./errors.js";

/** Who may call a route: anyone, a reader (when read tokens are configured), an admin. */
export type Access = "public" | "read" | "admin";

/** A token the server accepts: its name (for logs and history) and role; only its SHA-256 is kept. */
export interface TokenEntry {
  readonly name: string;
  readonly role: TokenRole;
  /** SHA-256 of the token. */
  readonly digest: Buffer;
}

/** Who made a request. */
export interface Principal {
  /** The token's name; `anonymous` without one. */
  readonly name: string;
  readonly role: TokenRole | "anonymous";
}

const ANONYMOUS: Principal = { name: "anonymous", role: "anonymous" };

/** SHA-256 of a token. */
export function tokenDigest(token: string): Buffer {
  // The one-shot hash: a third of createHash's cost, and this runs on every authenticated request.
  return hash("sha256", token, "buffer");
}

/**
 * The server's tokens, and the one decision who may call what:
 * - `admin` routes (every mutation) need an admin token. With no admin token configured at all
 *   (allowed on a loopback address only; see the start checks) they are open to local callers.
 * - `read` routes (evaluation, listings, history, reports, metrics) need a read or admin token when
 *   any read token is configured, else they are open.
 * - No token where one is needed: 401. A token that matches none: 401. A read token on an admin
 *   route: 403.
 * Tokens are compared as SHA-256 digests with `timingSafeEqual`, against every configured token
 * without stopping at the first match, so the time taken says nothing about any token.
 */
export class TokenSet {
  readonly entries: readonly TokenEntry[];
  readonly hasAdmin: boolean;
  readonly hasRead: boolean;

  /** Each token's principal, made once (a request gets the same object, not a new one). */
  private readonly principals: ReadonlyMap<TokenEntry, Principal>;

  constructor(entries: readonly TokenEntry[]) {
    this.entries = entries;
    this.principals = new Map(entries.map((e) => [e, { name: e.name, role: e.role }]));
    this.hasAdmin = entries.some((e) => e.role === "admin");
    this.hasRead = entries.some((e) => e.role === "read");
  }

  /** The token in `Authorization: Bearer …` or OFREP's `X-API-Key`. */
  static presented(req: IncomingMessage): string | undefined {
    const header = req.headers.authorization;
    if (header !== undefined) {
      const match = /^Bearer[ \t]+(\S+)[ \t]*$/i.exec(header);
      return match ? match[1] : "";
    }
    const key = req.headers["x-api-key"];
    return typeof key === "string" ? key : undefined;
  }

  /**
   * The token each open connection last proved, so that a keep-alive client (every SDK, every
   * proxy) pays the SHA-256 once per connection, not once per request. A later request on the
   * connection matches only by a constant-time comparison with that proven token; anything else
   * takes the full path. Entries go with their connection.
   */
  private readonly proven = new WeakMap<object, { readonly token: string; readonly entry: TokenEntry }>();

  /**
   * Whose token this is, or undefined (constant time in the number of tokens). `connection`: the
   * socket the token came on, to remember it for that connection's next requests.
   */
  match(token: string, connection?: object): TokenEntry | undefined {
    if (connection !== undefined) {
      const last = this.proven.get(connection);
      if (last !== undefined && sameSecret(token, last.token)) return last.entry;
    }
    const digest = tokenDigest(token);
    let found: TokenEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(digest, entry.digest) && found === undefined) found = entry;
    }
    if (found !== undefined && connection !== undefined) this.proven.set(connection, { token, entry: found });
    return found;
  }

  /** Authenticate and authorise a request for a route of this access level; throws 401/403. */
  authorize(req: IncomingMessage, access: Access): Principal {
    if (access === "public") return ANONYMOUS;
    const needed = access === "admin" ? this.hasAdmin : this.hasRead;
    const token = TokenSet.presented(req);
    if (token === undefined) {
      if (!needed) return ANONYMOUS;
      throw unauthorized("This needs a token: send Authorization: Bearer <token>");
    }
    const entry = token === "" ? undefined : this.match(token, req.socket);
    if (entry === undefined) throw unauthorized("The token is not valid");
    if (access === "admin" && this.hasAdmin && entry.role !== "admin") {
      throw new ApiError("forbidden", `The token '${entry.name}' may read but not change anything`, {
        token: entry.name,
      });
    }
    return this.principals.get(entry) ?? { name: entry.name, role: entry.role };
  }
}

/**
 * Whether `presented` equals `known`, in a time that depends on `known`'s length only: every
 * character of `known` is compared, whatever the first difference (no early exit).
 */
export function sameSecret(presented: string, known: string): boolean {
  let difference = presented.length ^ known.length;
  for (let i = 0; i < known.length; i++) {
    // Past the end of `presented`, charCodeAt is NaN and `| 0` makes it 0: still a difference.
    difference |= (presented.charCodeAt(i) | 0) ^ known.charCodeAt(i);
  }
  return difference === 0;
}

function unauthorized(message: string): ApiError {
  return new ApiError("unauthorized", message, {}, { "www-authenticate": 'Bearer realm="switchyard"' });
}
