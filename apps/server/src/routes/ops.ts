/** Liveness, readiness and Prometheus metrics. */
import { FLAG_CODES } from "@switchyard/feature-flags";
import { defineRoute } from "./route.js";
import { HealthSchema, ReadySchema } from "./schemas.js";

const TAGS = ["operations"];

const health = defineRoute({
  method: "GET",
  path: "/health",
  access: "public",
  summary: "Liveness: the process answers",
  tags: TAGS,
  responses: { 200: { description: "Alive.", schema: HealthSchema } },
  handler: () => ({ body: { status: "ok" } }),
});

const ready = defineRoute({
  method: "GET",
  path: "/ready",
  access: "public",
  summary: "Readiness: the store is reachable (degraded is its own answer)",
  description:
    "`ready` (200): the store serves fresh data. `degraded` (200): the store is unreachable or its file invalid; evaluations are served from the last known state and mutations answer 503 — the replica stays in rotation, because every replica sharing the store is in the same state. `unavailable` (503): no flags were ever loaded. `stopping` (503): shutting down.",
  tags: TAGS,
  responses: {
    200: { description: "Ready or degraded.", schema: ReadySchema },
    503: { description: "Unavailable or stopping.", schema: ReadySchema },
  },
  handler: ({ app }) => {
    const health = app.store.health();
    const flags = app.store.snapshot().size;
    const base = { store: app.storeKind, flags };
    if (app.stopping) return { status: 503, body: { status: "stopping", ...base } };
    if (health.state === "ok") return { body: { status: "ready", ...base } };
    const diagnostics = health.diagnostics.map((d) => ({ code: d.code, message: d.message }));
    const neverLoaded = flags === 0 && health.diagnostics.some((d) => d.code === FLAG_CODES.storeInvalid);
    return {
      status: neverLoaded ? 503 : 200,
      headers: { "x-switchyard-status": neverLoaded ? "unavailable" : "degraded" },
      body: { status: neverLoaded ? "unavailable" : "degraded", ...base, diagnostics },
    };
  },
});

const metrics = defineRoute({
  method: "GET",
  path: "/metrics",
  access: "read",
  summary: "Prometheus metrics",
  tags: TAGS,
  responses: { 200: { description: "The Prometheus text exposition format.", contentType: "text/plain" } },
  handler: async ({ app }) => {
    const { text, contentType } = await app.metrics.render();
    return { text, headers: { "content-type": contentType, "cache-control": "no-store" } };
  },
});

export const OPS_ROUTES = [health, ready, metrics];
