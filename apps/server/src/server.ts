import {
  createServer as createHttpServer,
  type IncomingMessage,
  type Server,
  type ServerResponse,
} from "node:http";
import { isLoopbackHost } from "@switchyard/config-schema/hosts";
import { FLAG_CODES, FlagEngine, type FlagStore, flagsOf } from "@switchyard/feature-flags";
import FindMyWay, { type HTTPVersion } from "find-my-way";
import type { z } from "zod";
import { type Principal, TokenSet } from "./http/auth.js";
import { DEFAULT_BODY_LIMIT, readJsonBody } from "./http/body.js";
import { ApiError, type FieldIssue, toApiError } from "./http/errors.js";
import { DEFAULT_RATE_LIMIT, type RateLimit, RateLimiter } from "./http/rate-limit.js";
import { sendEmpty, sendJson, sendJsonText, sendText } from "./http/respond.js";
import { createLogger, type Logger } from "./observability/logger.js";
import { type RouteSeries, ServerMetrics } from "./observability/metrics.js";
import { type ConfigReports, defaultConfigReports } from "./routes/config.js";
import { ROUTES } from "./routes/index.js";
import type { AnyRoute, Reply } from "./routes/route.js";
import type { AppState } from "./state.js";
import { SERVER_VERSION } from "./version.js";

/** What the server needs from its surroundings (everything is injected; nothing listens on import). */
export interface ServerDeps {
  /** The flag store the API serves and changes (file, Redis or memory). */
  readonly store: FlagStore;
  /** `file`, `redis` or `memory`, as /ready names it (default `memory`). */
  readonly storeKind?: string;
  /** The accepted tokens (default none: reads open, mutations open to local callers only). */
  readonly tokens?: TokenSet;
  /** The config directory the config endpoints and the audit-score metric report on. */
  readonly configDir?: string;
  /** How the config reports are made (default: the libraries, on `configDir`). */
  readonly reports?: ConfigReports;
  /** The environment for `FEATURE_*` overrides (default none). */
  readonly env?: Readonly<Record<string, string | undefined>>;
  /** Mutations per caller (default 20/s, bursts of 40); false: unlimited. */
  readonly rateLimit?: RateLimit | false;
  /** The largest request body, in bytes (default 64 KiB). */
  readonly bodyLimit?: number;
  /** The structured logger (default JSON lines on stdout). */
  readonly logger?: Logger;
  /** The directory paths in reports are relative to (default the process's). */
  readonly cwd?: string;
}

/** The server with its state (tests and the start code read it). */
export interface SwitchyardServer extends Server {
  readonly app: AppState;
}

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;
let requestCounter = 0;
const BOOT = Date.now().toString(36);

function requestIdOf(req: IncomingMessage): string {
  const given = req.headers["x-request-id"];
  if (typeof given === "string" && REQUEST_ID.test(given)) return given;
  requestCounter = (requestCounter + 1) % Number.MAX_SAFE_INTEGER;
  return `${BOOT}-${requestCounter.toString(36)}`;
}

/** Zod issues as field paths in the request (`body.rollout_percentage`). */
function issuesOf(error: z.ZodError, where: string): FieldIssue[] {
  return error.issues.map((issue) => ({
    path: [where, ...issue.path.map(String)].join("."),
    message: issue.message,
  }));
}

function parsePart<T>(
  schema: z.ZodType<T> | undefined,
  value: unknown,
  where: "params" | "query" | "body",
): T {
  if (schema === undefined) return value as T;
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issues = issuesOf(parsed.error, where);
  const first = issues[0];
  const message = `${first?.path ?? where}: ${first?.message ?? "invalid"}`;
  throw where === "body"
    ? new ApiError("invalid-body", `The body does not match the schema: ${message}`, { issues })
    : new ApiError(
        "invalid-parameter",
        `Invalid ${where === "params" ? "path parameter" : "query"}: ${message}`,
        {
          issues,
        },
      );
}

/**
 * Without an admin token the server runs only on a loopback address, and a mutation must come from
 * this machine's own pages or tools: a `Host` that is a loopback name (a DNS-rebinding page cannot
 * forge it) and no foreign `Origin` (a cross-site form cannot post).
 */
function checkLocalCaller(req: IncomingMessage): void {
  const host = (req.headers.host ?? "").replace(/:\d+$/, "").replace(/^\[|\]$/g, "");
  if (host !== "localhost" && !isLoopbackHost(host)) {
    throw new ApiError(
      "forbidden-origin",
      "Without an admin token, changes are accepted for a loopback Host only",
    );
  }
  const origin = req.headers.origin;
  if (origin !== undefined && origin !== `http://${req.headers.host}`) {
    throw new ApiError("forbidden-origin", "Without an admin token, changes from another origin are refused");
  }
}

/**
 * Create (but do not start) Switchyard's HTTP API on `node:http` with find-my-way's router: the
 * legacy flag API, OFREP, read-only config reports, health, readiness, metrics, the OpenAPI
 * document and the admin page. Every route is declared once in `routes/` with the schemas its input
 * is parsed with; errors become statuses in one table (`http/errors.ts`).
 */
export function createServer(deps: ServerDeps): SwitchyardServer {
  const engine = new FlagEngine(flagsOf(deps.store.snapshot()), deps.env ? { env: deps.env } : {});
  const logger = deps.logger ?? createLogger();
  const reportOverrides = overrideReporter(engine, logger);
  const unwatch = deps.store.watch(() => {
    engine.setFlags(flagsOf(deps.store.snapshot()));
    reportOverrides();
  });
  const reports =
    deps.reports ??
    defaultConfigReports(deps.configDir, {
      ...(deps.cwd === undefined ? {} : { cwd: deps.cwd }),
      ...(deps.env === undefined ? {} : { env: deps.env }),
    });
  const app: AppState = {
    store: deps.store,
    engine,
    storeKind: deps.storeKind ?? "memory",
    tokens: deps.tokens ?? new TokenSet([]),
    metrics: new ServerMetrics({
      store: deps.store,
      ...(reports.auditScore === undefined ? {} : { auditScore: reports.auditScore }),
    }),
    logger,
    reports,
    limiter: deps.rateLimit === false ? undefined : new RateLimiter(deps.rateLimit ?? DEFAULT_RATE_LIMIT),
    bodyLimit: deps.bodyLimit ?? DEFAULT_BODY_LIMIT,
    version: SERVER_VERSION,
    stopping: false,
  };

  const router = FindMyWay<HTTPVersion.V1>({
    ignoreTrailingSlash: true,
    maxParamLength: 256,
    defaultRoute: (req, res) => notFound(app, router, req, res),
  });
  // One handler for every route; the route and its metrics series ride in find-my-way's store.
  const onRequest = (
    req: IncomingMessage,
    res: ServerResponse,
    params: Record<string, string | undefined>,
    registered: Registered,
    query: Record<string, unknown>,
  ) => handle(app, registered, req, res, params, query);
  for (const route of ROUTES) {
    const registered: Registered = { route, series: app.metrics.routeSeries(route.method, route.path) };
    router.on(route.method, route.path, onRequest as FindMyWay.Handler<HTTPVersion.V1>, registered);
  }

  const server = createHttpServer({ requestTimeout: 30_000, headersTimeout: 15_000 }, (req, res) =>
    router.lookup(req, res),
  ) as SwitchyardServer;
  Object.defineProperty(server, "app", { value: app, enumerable: true });
  server.on("close", unwatch);
  return server;
}

/**
 * Log the `FEATURE_*` variables the engine ignores (SY7010–SY7012) as warnings, at start and
 * whenever the set changes (a flag added or removed can make a variable apply or stop applying):
 * an override that does not apply is never silent.
 */
function overrideReporter(engine: FlagEngine, logger: Logger): () => void {
  let reported = "";
  const report = () => {
    const warnings = engine.overrideDiagnostics;
    const key = warnings.map((d) => `${d.code} ${d.message}`).join("\n");
    if (key === reported) return;
    reported = key;
    for (const d of warnings) logger.warn({ code: d.code, hint: d.hint }, d.message);
  };
  report();
  return report;
}

/**
 * The access log: a change (every mutation, whatever its answer) and every refused or failed
 * request (status ≥ 400: bad tokens, rate limits, store errors) is an `info` line; a successful
 * read (an evaluation, a listing, a scrape) is a `debug` line. Reads are the hot path — tens of
 * thousands a second — and each is already counted by route, status and latency in /metrics, so
 * one JSON line per evaluation would cost more than the evaluation and drown the lines that
 * matter; `--log-level debug` brings them back.
 */
function requestLogLevel(logger: Logger, route: AnyRoute, status: number): "info" | "debug" | undefined {
  if (route.mutation === true || status >= 400) return "info";
  return logger.isLevelEnabled("debug") ? "debug" : undefined;
}

/** A route as the router holds it: its declaration and its metrics series (made once). */
interface Registered {
  readonly route: AnyRoute;
  readonly series: RouteSeries;
}

/** One request in flight: what its answer and its access-log line need. */
interface Exchange {
  readonly app: AppState;
  readonly route: AnyRoute;
  readonly series: RouteSeries;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
  readonly start: number;
  readonly requestId: string;
  actor: string;
}

/**
 * Answer one request: authenticate and rate-limit, parse the input with the route's schemas, run
 * the handler, send its reply. A route without a body whose handler answers at once (every
 * evaluation) is answered in the router's own call, with no promise in between; a body or a
 * handler's promise takes the asynchronous path. Each request ends in {@link done} exactly once.
 */
function handle(
  app: AppState,
  { route, series }: Registered,
  req: IncomingMessage,
  res: ServerResponse,
  params: Record<string, string | undefined>,
  query: Record<string, unknown>,
): void {
  const x: Exchange = {
    app,
    route,
    series,
    req,
    res,
    start: performance.now(),
    requestId: requestIdOf(req),
    actor: "anonymous",
  };
  try {
    const principal = admit(x);
    // A hot route's precompiled check passes valid input as it is; the schema parses the rest.
    const accepts = route.accepts;
    const parsedParams =
      accepts?.params?.(params) === true ? params : parsePart(route.params, params, "params");
    const parsedQuery = accepts?.query?.(query) === true ? query : parsePart(route.query, query, "query");
    if (route.body !== undefined) {
      void withBody(x, principal, params, parsedParams, parsedQuery);
      return;
    }
    const reply = route.handler({
      req,
      params: parsedParams,
      query: parsedQuery,
      body: undefined,
      principal,
      requestId: x.requestId,
      app,
    });
    if (reply instanceof Promise) {
      reply.then(
        (settled: Reply) => answer(x, settled),
        (error: unknown) => fail(x, error),
      );
    } else answer(x, reply);
  } catch (error) {
    fail(x, error);
  }
}

/** Who is calling (401/403), and for a change: a local caller when no admin token exists, the rate limit (429). */
function admit(x: Exchange): Principal {
  const { app, route, req } = x;
  const principal = app.tokens.authorize(req, route.access);
  x.actor = principal.name;
  if (route.mutation) {
    if (!app.tokens.hasAdmin) checkLocalCaller(req);
    const wait = app.limiter?.take(
      principal.role === "anonymous" ? `ip:${req.socket.remoteAddress}` : `token:${principal.name}`,
    );
    if (wait !== undefined && wait > 0) {
      throw new ApiError(
        "rate-limited",
        `Too many changes; retry in ${wait} s`,
        { retryAfter: wait },
        { "retry-after": String(wait) },
      );
    }
  }
  return principal;
}

/** The rest of a request that has a body: read it (within the limit), parse it, run the handler. */
async function withBody(
  x: Exchange,
  principal: Principal,
  rawParams: Record<string, string | undefined>,
  params: unknown,
  query: unknown,
): Promise<void> {
  const { app, route, req } = x;
  try {
    const raw = await readJsonBody(req, app.bodyLimit);
    const parsed = route.body!.safeParse(raw);
    if (!parsed.success) {
      if (route.invalidBody === undefined) parsePart(route.body, raw, "body");
      else {
        const reply = route.invalidBody(issuesOf(parsed.error, "body"), rawParams);
        answer(x, { ...reply, status: reply.status ?? 400 });
        return;
      }
    }
    const body = parsed.data;
    answer(x, await route.handler({ req, params, query, body, principal, requestId: x.requestId, app }));
  } catch (error) {
    fail(x, error);
  }
}

/** Send a handler's reply. */
function answer(x: Exchange, reply: Reply): void {
  const status = reply.status ?? 200;
  try {
    if (reply.json !== undefined) sendJsonText(x.res, status, reply.json, x.requestId, reply.headers);
    else if (reply.text !== undefined) sendText(x.res, status, reply.text, reply.headers ?? {}, x.requestId);
    else if (reply.body === undefined) sendEmpty(x.res, status, reply.headers, x.requestId);
    else sendJson(x.res, status, reply.body, reply.headers, x.requestId);
  } catch (error) {
    fail(x, error);
    return;
  }
  done(x, status);
}

/** Send the error's status and body (one table: `http/errors.ts`). */
function fail(x: Exchange, error: unknown): void {
  const { app, route, req, res, requestId } = x;
  const apiError = toApiError(error);
  if (apiError.code === "internal") app.logger.error({ reqId: requestId, err: error }, "request failed");
  if (apiError.code === FLAG_CODES.storeUnavailable)
    app.metrics.countStoreError(`${req.method} ${route.path}`);
  const headers: Record<string, string> = { ...apiError.headers };
  if (apiError.code === "body-too-large") headers.connection = "close";
  if (!res.headersSent) sendJson(res, apiError.status, apiError.body(), headers, requestId);
  else res.destroy();
  done(x, apiError.status);
}

/** Count the request in the metrics and write its access-log line (see {@link requestLogLevel}). */
function done(x: Exchange, status: number): void {
  const { app, route, req } = x;
  const seconds = (performance.now() - x.start) / 1000;
  x.series.observe(status, seconds);
  const level = requestLogLevel(app.logger, route, status);
  if (level !== undefined) {
    app.logger[level](
      {
        reqId: x.requestId,
        method: req.method,
        route: route.path,
        status,
        ms: Math.round(seconds * 1e4) / 10,
        actor: x.actor,
      },
      "request",
    );
  }
}

function notFound(
  app: AppState,
  router: FindMyWay.Instance<HTTPVersion.V1>,
  req: IncomingMessage,
  res: ServerResponse,
): void {
  const requestId = requestIdOf(req);
  const path = (req.url ?? "/").split("?")[0] ?? "/";
  const allowed = (["GET", "POST", "PUT"] as const).filter(
    (m) => m !== req.method && router.find(m, path) !== null,
  );
  const error =
    allowed.length > 0
      ? new ApiError(
          "method-not-allowed",
          `${req.method} is not allowed here; use ${allowed.join(", ")}`,
          {},
          {
            allow: allowed.join(", "),
          },
        )
      : new ApiError("not-found", `No route for ${req.method} ${path.slice(0, 200)}`);
  sendJson(res, error.status, error.body(), error.headers, requestId);
  app.metrics.observeRequest(req.method ?? "GET", "(none)", error.status, 0);
  app.logger.info({ reqId: requestId, method: req.method, route: "(none)", status: error.status }, "request");
}
