/**
 * The legacy flag API, path for path (`/api/v1/features/…`), so existing callers keep working, plus
 * list edits and the global history. Evaluations read the engine (the store's snapshot); changes go
 * through `store.update` with the library's edits, so none is ever lost and each is recorded.
 */
import { FlagSchema } from "@switchyard/config-schema/schemas";
import {
  type EvaluationContext,
  type FlagEdit,
  FlagNotFoundError,
  flagEditor,
  type StoredFlag,
} from "@switchyard/feature-flags";
import { ApiError } from "../http/errors.js";
import { ifMatchVersion, noneMatch, versionEtag } from "../http/etag.js";
import type { AppState } from "../state.js";
import { defineRoute, type Reply, type RouteContext } from "./route.js";
import {
  ChangeResultSchema,
  ErrorSchema,
  EvaluateQuerySchema,
  EvaluationSchema,
  FlagListSchema,
  FlagParamsSchema,
  GlobalHistoryQuerySchema,
  HistoryQuerySchema,
  HistorySchema,
  ListEditBodySchema,
  ListQuerySchema,
  precheck,
  RolloutParamsSchema,
  UserFlagsSchema,
  UserParamsSchema,
} from "./schemas.js";

const TAGS = ["flags"];
/** The context properties of an evaluation whose query has none besides `user` and `session`. */
const NO_PROPERTIES: Record<string, string> = Object.freeze({}) as Record<string, string>;
const IF_MATCH = {
  "If-Match": 'Apply only if the flag is at this version (its ETag, e.g. "3"); 412 otherwise.',
};
const error = (description: string) => ({ description, schema: ErrorSchema });
const MUTATION_ERRORS = {
  400: error("A flag name outside the allowed pattern."),
  401: error("No token, or a token that is not valid."),
  403: error("A read token, or (without an admin token) a non-local caller."),
  404: error("No such flag."),
  412: error("`If-Match` names another version: someone changed the flag first."),
  429: error("Too many changes; see Retry-After."),
  503: error("The store cannot be written (Redis unreachable, the file invalid); evaluation still works."),
};

/** A flag by name from the engine's snapshot, or 404. */
function known(app: AppState, name: string): StoredFlag {
  const stored = app.store.snapshot().get(name);
  if (stored === undefined) throw new FlagNotFoundError(name);
  return stored;
}

/** The expected version of a change: `If-Match` (or, for a PUT, the body's `version`). */
function expectedVersion(
  ctx: RouteContext<unknown, unknown, unknown>,
  fallback?: number,
): number | undefined {
  const header = ifMatchVersion(ctx.req.headers["if-match"]);
  if (header === "*") return undefined;
  if (header !== undefined && Number.isNaN(header)) {
    throw new ApiError("precondition-failed", "If-Match names no version of this flag");
  }
  return header ?? fallback;
}

/** Apply an edit through the store and answer with the flag after it. */
async function change(
  ctx: RouteContext<unknown, unknown, unknown>,
  name: string,
  edit: FlagEdit,
  expected: number | undefined,
): Promise<Reply> {
  const result = await ctx.app.store.update(name, flagEditor(name, edit), {
    actor: ctx.principal.name,
    ...(expected === undefined ? {} : { expectedVersion: expected }),
  });
  return {
    status: result.previous === undefined ? 201 : 200,
    headers: { etag: versionEtag(result.stored.version) },
    body: {
      flag: name,
      changed: result.changed,
      version: result.stored.version,
      ...(result.previous === undefined ? {} : { previousVersion: result.previous.version }),
      definition: result.stored.flag,
    },
  };
}

const listFlags = defineRoute({
  method: "GET",
  path: "/api/v1/features",
  access: "read",
  summary: "List the flags (optionally those carrying a tag)",
  tags: TAGS,
  query: ListQuerySchema,
  responses: { 200: { description: "The flags with their versions.", schema: FlagListSchema } },
  handler: ({ app, query }) => ({
    body: {
      ...(query.tag === undefined ? {} : { tag: query.tag }),
      flags: app.engine.listFlags(query.tag === undefined ? {} : { tag: query.tag }).map((f) => ({
        name: f.name,
        ...f.flag,
        version: f.version,
        ...(f.override ? { override: f.override } : {}),
      })),
    },
  }),
});

const evaluateFlag = defineRoute({
  method: "GET",
  path: "/api/v1/features/:flag",
  access: "read",
  summary: "Evaluate a flag for a user",
  description:
    "The legacy evaluation: `enabled` is the answer for `?user=` (and `?session=`; any other query parameter is a context property for custom stickiness). The ETag is the flag's version.",
  tags: TAGS,
  params: FlagParamsSchema,
  query: EvaluateQuerySchema,
  accepts: { params: precheck.flagParams, query: precheck.evaluateQuery },
  responses: {
    200: {
      description: "The evaluation.",
      schema: EvaluationSchema,
      headers: { ETag: "The flag's version." },
    },
    304: { description: "`If-None-Match` names the flag's current version." },
    404: error("No such flag."),
  },
  handler: ({ app, params, query, req }) => {
    const { user, session } = query;
    // Any other query parameter is a context property (custom stickiness); defineProperty keeps a
    // `__proto__` parameter an ordinary key. Without one (the usual `?user=`), no object is made.
    let properties: Record<string, string> = NO_PROPERTIES;
    for (const key in query) {
      const value = query[key];
      if (key !== "user" && key !== "session" && typeof value === "string") {
        if (properties === NO_PROPERTIES) properties = {};
        Object.defineProperty(properties, key, { value, enumerable: true });
      }
    }
    const compiled = app.engine.get(params.flag);
    if (compiled === undefined) throw new FlagNotFoundError(params.flag);
    // One context shape whatever the query (an absent id is undefined, as the engine reads it).
    const result = compiled.evaluate({ userId: user, sessionId: session, properties } as EvaluationContext);
    app.metrics.countEvaluation(params.flag, result);
    const etag = versionEtag(result.version);
    const fresh = app.store.health().state === "ok";
    if (fresh && noneMatch(req.headers["if-none-match"], etag)) return { status: 304, headers: { etag } };
    // EvaluationSchema's shape, written directly: the flag name matches FLAG_NAME_PATTERN and the
    // reason is one of the engine's constants (neither needs escaping); the user id is quoted by
    // JSON.stringify. The route test parses the answer against EvaluationSchema.
    let json = `{"flag":"${params.flag}","enabled":${result.value},"reason":"${result.reason}","version":${result.version}`;
    if (result.bucket !== undefined) json += `,"bucket":${result.bucket}`;
    if (user !== undefined) json += `,"user":${JSON.stringify(user)}`;
    json += fresh ? "}" : `,"stale":true}`;
    return { headers: { etag }, json };
  },
});

const userFlags = defineRoute({
  method: "GET",
  path: "/api/v1/features/user/:userId/enabled",
  access: "read",
  summary: "The flags that are on for a user",
  tags: TAGS,
  params: UserParamsSchema,
  responses: { 200: { description: "The names of the flags on for this user.", schema: UserFlagsSchema } },
  handler: ({ app, params }) => ({
    body: { user: params.userId, flags: app.engine.enabledFlagsFor({ userId: params.userId }) },
  }),
});

const putFlag = defineRoute({
  method: "PUT",
  path: "/api/v1/features/:flag",
  access: "admin",
  mutation: true,
  summary: "Create or replace a flag's whole definition",
  description:
    "The body is a flag as feature-flags.yaml holds it (config-schema's FlagSchema). `If-Match` (or a `version` in the body) applies the change only on top of that version; `If-None-Match: *` only creates.",
  tags: TAGS,
  params: FlagParamsSchema,
  body: FlagSchema,
  requestHeaders: { ...IF_MATCH, "If-None-Match": "`*`: create only (412 when the flag exists)." },
  responses: {
    200: { description: "Replaced.", schema: ChangeResultSchema },
    201: { description: "Created.", schema: ChangeResultSchema },
    ...MUTATION_ERRORS,
    422: error("The body does not match the flag schema (each issue at its field path)."),
  },
  handler: (ctx) => {
    const { flag: name } = ctx.params;
    let expected = expectedVersion(ctx, ctx.body.version);
    if (noneMatch(ctx.req.headers["if-none-match"], "*")) expected = 0;
    if (expected !== undefined && expected > 0 && ctx.app.store.snapshot().get(name) === undefined) {
      throw new ApiError("precondition-failed", `No flag '${name}' at version ${expected}`);
    }
    const { version: _ignored, ...definition } = ctx.body;
    return change(ctx, name, { kind: "replace", flag: definition }, expected);
  },
});

function switchRoute(kind: "enable" | "disable") {
  return defineRoute({
    method: "POST",
    path: `/api/v1/features/:flag/${kind}`,
    access: "admin",
    mutation: true,
    summary: kind === "enable" ? "Turn a flag on (its master switch)" : "Turn a flag off for everyone",
    tags: TAGS,
    params: FlagParamsSchema,
    requestHeaders: IF_MATCH,
    responses: {
      200: { description: "The flag after the change.", schema: ChangeResultSchema },
      ...MUTATION_ERRORS,
    },
    handler: (ctx) => {
      known(ctx.app, ctx.params.flag);
      return change(ctx, ctx.params.flag, { kind }, expectedVersion(ctx));
    },
  });
}

const rollout = defineRoute({
  method: "POST",
  path: "/api/v1/features/:flag/rollout/:percent",
  access: "admin",
  mutation: true,
  summary: "Set a flag's rollout percentage",
  tags: TAGS,
  params: RolloutParamsSchema,
  requestHeaders: IF_MATCH,
  responses: {
    200: { description: "The flag after the change.", schema: ChangeResultSchema },
    ...MUTATION_ERRORS,
  },
  handler: (ctx) => {
    known(ctx.app, ctx.params.flag);
    return change(
      ctx,
      ctx.params.flag,
      { kind: "rollout", percentage: ctx.params.percent },
      expectedVersion(ctx),
    );
  },
});

function listRoute(list: "whitelist" | "blacklist") {
  return defineRoute({
    method: "POST",
    path: `/api/v1/features/:flag/${list}`,
    access: "admin",
    mutation: true,
    summary: `Add user ids to or remove them from a flag's ${list}`,
    tags: TAGS,
    params: FlagParamsSchema,
    body: ListEditBodySchema,
    requestHeaders: IF_MATCH,
    responses: {
      200: { description: "The flag after the change.", schema: ChangeResultSchema },
      ...MUTATION_ERRORS,
      422: error("The body does not match the schema."),
    },
    handler: (ctx) => {
      known(ctx.app, ctx.params.flag);
      const { add, remove } = ctx.body;
      return change(
        ctx,
        ctx.params.flag,
        { kind: "list", list, ...(add ? { add } : {}), ...(remove ? { remove } : {}) },
        expectedVersion(ctx),
      );
    },
  });
}

const flagHistory = defineRoute({
  method: "GET",
  path: "/api/v1/features/:flag/history",
  access: "read",
  summary: "A flag's recorded changes, newest first",
  tags: TAGS,
  params: FlagParamsSchema,
  query: HistoryQuerySchema,
  responses: { 200: { description: "The changes.", schema: HistorySchema }, 404: error("No such flag.") },
  handler: async ({ app, params, query }) => {
    known(app, params.flag);
    const history = await app.store.history({
      flag: params.flag,
      ...(query.limit ? { limit: query.limit } : {}),
    });
    return { body: { flag: params.flag, history } };
  },
});

const allHistory = defineRoute({
  method: "GET",
  path: "/api/v1/history",
  access: "read",
  summary: "Every recorded change, newest first",
  tags: TAGS,
  query: GlobalHistoryQuerySchema,
  responses: { 200: { description: "The changes.", schema: HistorySchema } },
  handler: async ({ app, query }) => ({
    body: {
      ...(query.flag ? { flag: query.flag } : {}),
      history: await app.store.history({
        ...(query.flag ? { flag: query.flag } : {}),
        ...(query.limit ? { limit: query.limit } : {}),
      }),
    },
  }),
});

export const FEATURE_ROUTES = [
  listFlags,
  userFlags,
  evaluateFlag,
  putFlag,
  switchRoute("enable"),
  switchRoute("disable"),
  rollout,
  listRoute("whitelist"),
  listRoute("blacklist"),
  flagHistory,
  allHistory,
];
