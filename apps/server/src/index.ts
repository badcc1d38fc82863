export type { ServerDeps } from "./server.js";
export { createServer } from "./server.js";
