/** The whole route table: the router and the OpenAPI document are both made from it. */
import { ADMIN_ROUTES } from "./admin.js";
import { CONFIG_ROUTES } from "./config.js";
import { FEATURE_ROUTES } from "./features.js";
import { OFREP_ROUTES } from "./ofrep.js";
import { openApiRoute } from "./openapi.js";
import { OPS_ROUTES } from "./ops.js";
import type { AnyRoute } from "./route.js";

const API: readonly AnyRoute[] = [...FEATURE_ROUTES, ...OFREP_ROUTES, ...CONFIG_ROUTES, ...OPS_ROUTES];

export const ROUTES: readonly AnyRoute[] = [...API, openApiRoute(() => ROUTES), ...ADMIN_ROUTES];
