import { hash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage } from "node:http";
import type { TokenRole } from "@switchyard/config-schema/schemas";
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
   * The credential header each open connection last proved, with whose it is: a keep-alive client
   * (every SDK, every proxy) sends the same header on every request, so it pays for the parsing and
   * the SHA-256 once per connection, not once per request. A later request on the connection
   * matches only by a constant-time comparison of its whole header with that proven one (through a
   * proxy a connection carries many callers' requests); anything else takes the full path. Entries
   * go with their connection.
   */
  private readonly proven = new WeakMap<object, ProvenCredential>();

  /** Whose token this is, or undefined (constant time in the number of tokens). */
  match(token: string): TokenEntry | undefined {
    const digest = tokenDigest(token);
    let found: TokenEntry | undefined;
    for (const entry of this.entries) {
      if (timingSafeEqual(digest, entry.digest) && found === undefined) found = entry;
    }
    return found;
  }

  /** Authenticate and authorise a request for a route of this access level; throws 401/403. */
  authorize(req: IncomingMessage, access: Access): Principal {
    if (access === "public") return ANONYMOUS;
    const bearer = req.headers.authorization;
    const credential = bearer ?? req.headers["x-api-key"];
    let principal: Principal | undefined;
    if (typeof credential === "string") {
      const last = this.proven.get(req.socket);
      if (
        last !== undefined &&
        last.bearer === (bearer !== undefined) &&
        sameSecret(credential, last.credential)
      ) {
        principal = last.principal;
      }
    }
    if (principal === undefined) {
      const token = TokenSet.presented(req);
      if (token === undefined) {
        if (!(access === "admin" ? this.hasAdmin : this.hasRead)) return ANONYMOUS;
        throw unauthorized("This needs a token: send Authorization: Bearer <token>");
      }
      const entry = token === "" ? undefined : this.match(token);
      if (entry === undefined) throw unauthorized("The token is not valid");
      principal = this.principals.get(entry) ?? { name: entry.name, role: entry.role };
      this.proven.set(req.socket, {
        bearer: bearer !== undefined,
        credential: credential as string,
        principal,
      });
    }
    if (access === "admin" && this.hasAdmin && principal.role !== "admin") {
      throw new ApiError("forbidden", `The token '${principal.name}' may read but not change anything`, {
        token: principal.name,
      });
    }
    return principal;
  }
}

/** A credential header a connection proved: which header, its whole value, and whose token it is. */
interface ProvenCredential {
  /** From `Authorization` (true) or `X-API-Key`. */
  readonly bearer: boolean;
  readonly credential: string;
  readonly principal: Principal;
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
