import type { IncomingMessage } from "node:http";
import type { z } from "zod";
import type { Access, Principal } from "../http/auth.js";
import type { FieldIssue } from "../http/errors.js";
import type { AppState } from "../state.js";

/** The HTTP methods the API uses. */
export type Method = "GET" | "POST" | "PUT";

/** What a handler answers: a JSON body (default), JSON already serialised, or text with its content type. */
export interface Reply {
  readonly status?: number;
  readonly body?: unknown;
  /** The JSON body, already serialised (a hot route writes its own; sent as `application/json`). */
  readonly json?: string;
  /** Send this text as is instead of JSON (pages, scripts, metrics). */
  readonly text?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/** What a handler gets: the parsed and validated request, who sent it, and the server's state. */
export interface RouteContext<P, Q, B> {
  readonly req: IncomingMessage;
  readonly params: P;
  readonly query: Q;
  readonly body: B;
  readonly principal: Principal;
  readonly requestId: string;
  readonly app: AppState;
}

/** One documented response of a route (for the OpenAPI document). */
export interface ResponseSpec {
  readonly description: string;
  readonly schema?: z.ZodType;
  /** The body is not JSON (`text/html`, `text/plain`…). */
  readonly contentType?: string;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * One route: method, path (find-my-way syntax, `:name` for a parameter), who may call it, the zod
 * schemas its input is parsed with (config-schema's where they exist), its documented responses
 * and its handler. The table of routes is the router and the OpenAPI document both.
 */
export interface RouteSpec<P = unknown, Q = unknown, B = unknown> {
  readonly method: Method;
  readonly path: string;
  readonly access: Access;
  /** A mutation: rate limited, admin only, recorded in the history. */
  readonly mutation?: boolean;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  readonly params?: z.ZodType<P>;
  readonly query?: z.ZodType<Q>;
  readonly body?: z.ZodType<B>;
  /**
   * Precompiled checks of the raw params and query for a hot route (see `precheck` in schemas.ts):
   * true means the schema would accept the input unchanged, so it is used as is; false sends it to
   * the schema, which parses it or explains why not.
   */
  readonly accepts?: {
    readonly params?: (raw: Readonly<Record<string, unknown>>) => boolean;
    readonly query?: (raw: Readonly<Record<string, unknown>>) => boolean;
  };
  /** Documented request headers (`If-Match`…), name → description. */
  readonly requestHeaders?: Readonly<Record<string, string>>;
  readonly responses: Readonly<Record<number, ResponseSpec>>;
  /**
   * The answer to a body that does not match `body`, when the protocol prescribes one (OFREP: 400
   * with `errorCode`); default 422 with the field paths.
   */
  readonly invalidBody?: (
    issues: readonly FieldIssue[],
    params: Readonly<Record<string, string | undefined>>,
  ) => Reply;
  /** Leave out of the OpenAPI document (the admin page's assets). */
  readonly hidden?: boolean;
  readonly handler: (context: RouteContext<P, Q, B>) => Reply | Promise<Reply>;
}

/** A route of the table, its input types erased. */
// biome-ignore lint/suspicious/noExplicitAny: the table holds routes of every input type
export type AnyRoute = RouteSpec<any, any, any>;

/** Declare a route (types flow from its schemas into its handler). */
export function defineRoute<P = Record<string, never>, Q = Record<string, never>, B = undefined>(
  spec: RouteSpec<P, Q, B>,
): RouteSpec<P, Q, B> {
  return spec;
}
