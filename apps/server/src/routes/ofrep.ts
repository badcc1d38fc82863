/**
 * OFREP, the OpenFeature Remote Evaluation Protocol (`open-feature/protocol`, service/openapi.yaml):
 * single and bulk evaluation, the bulk answer with an ETag (a hash of exactly what is sent) and
 * 304 for a matching `If-None-Match`, and the configuration endpoint providers may read. Auth by
 * `Authorization: Bearer` or `X-API-Key`.
 */
import {
  isOfrepFailure,
  OfrepEvaluationRequestSchema,
  ofrepEvaluateFlag,
  ofrepEvaluateFlags,
} from "@switchyard/feature-flags";
import { bodyEtag, noneMatch } from "../http/etag.js";
import { defineRoute } from "./route.js";
import {
  ErrorSchema,
  OfrepBulkFailureSchema,
  OfrepBulkSchema,
  OfrepFailureSchema,
  OfrepKeyParamsSchema,
  OfrepSuccessSchema,
} from "./schemas.js";

const TAGS = ["ofrep"];
const RequestSchema = OfrepEvaluationRequestSchema.optional();

const single = defineRoute({
  method: "POST",
  path: "/ofrep/v1/evaluate/flags/:key",
  access: "read",
  summary: "OFREP: evaluate one flag",
  tags: TAGS,
  params: OfrepKeyParamsSchema,
  body: RequestSchema,
  invalidBody: (issues, params) => ({
    status: 400,
    body: {
      key: params.key ?? "",
      errorCode: "INVALID_CONTEXT",
      errorDetails: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
    },
  }),
  responses: {
    200: { description: "The value, reason, variant and metadata.", schema: OfrepSuccessSchema },
    400: { description: "A context that cannot be evaluated.", schema: OfrepFailureSchema },
    401: { description: "No token or a token that is not valid.", schema: ErrorSchema },
    404: { description: "FLAG_NOT_FOUND.", schema: OfrepFailureSchema },
  },
  handler: ({ app, params, body }) => {
    const { key } = params;
    const answer = ofrepEvaluateFlag(app.engine, key, body ?? {}, {
      stale: app.store.health().state !== "ok",
    });
    if (isOfrepFailure(answer)) {
      if (answer.errorCode === "FLAG_NOT_FOUND") {
        app.metrics.countEvaluation(key, {
          value: false,
          reason: "ERROR",
          version: 0,
          errorCode: "FLAG_NOT_FOUND",
        });
      }
      return { status: answer.errorCode === "FLAG_NOT_FOUND" ? 404 : 400, body: answer };
    }
    app.metrics.countEvaluation(key, {
      value: answer.value,
      reason: answer.metadata.switchyardReason as "STATIC",
      version: Number(answer.metadata.version),
    });
    return { body: answer };
  },
});

const bulk = defineRoute({
  method: "POST",
  path: "/ofrep/v1/evaluate/flags",
  access: "read",
  summary: "OFREP: evaluate every flag",
  description: "Answers 304 when `If-None-Match` names the ETag of what this request would get.",
  tags: TAGS,
  body: RequestSchema,
  invalidBody: (issues) => ({
    status: 400,
    body: {
      errorCode: "INVALID_CONTEXT",
      errorDetails: issues.map((i) => `${i.path}: ${i.message}`).join("; "),
    },
  }),
  requestHeaders: { "If-None-Match": "The ETag of a previous answer: 304 when nothing changed." },
  responses: {
    200: { description: "Every flag.", schema: OfrepBulkSchema, headers: { ETag: "A hash of this answer." } },
    304: { description: "Not modified." },
    400: { description: "A context that cannot be evaluated.", schema: OfrepBulkFailureSchema },
  },
  handler: ({ app, req, body }) => {
    const result = ofrepEvaluateFlags(app.engine, body ?? {}, { stale: app.store.health().state !== "ok" });
    const invalid = result.flags.find((f) => isOfrepFailure(f) && f.errorCode === "INVALID_CONTEXT");
    if (invalid !== undefined && isOfrepFailure(invalid)) {
      return { status: 400, body: { errorCode: "INVALID_CONTEXT", errorDetails: invalid.errorDetails } };
    }
    for (const answer of result.flags) {
      if (!isOfrepFailure(answer)) {
        app.metrics.countEvaluation(answer.key, {
          value: answer.value,
          reason: answer.metadata.switchyardReason as "STATIC",
          version: Number(answer.metadata.version),
        });
      }
    }
    const text = JSON.stringify(result);
    const etag = bodyEtag(text);
    if (noneMatch(req.headers["if-none-match"], etag)) return { status: 304, headers: { etag } };
    return {
      text,
      headers: {
        etag,
        "content-type": "application/json; charset=utf-8",
        "cache-control": "no-cache",
      },
    };
  },
});

const configuration = defineRoute({
  method: "GET",
  path: "/ofrep/v1/configuration",
  access: "read",
  summary: "OFREP: what this flag system supports",
  tags: TAGS,
  responses: { 200: { description: "Name and capabilities." } },
  handler: () => ({
    body: {
      name: "switchyard",
      capabilities: {
        cacheInvalidation: { polling: { enabled: true, minPollingIntervalMs: 1000 } },
        flagEvaluation: { supportedTypes: ["boolean"] },
      },
    },
  }),
});

export const OFREP_ROUTES = [single, bulk, configuration];
