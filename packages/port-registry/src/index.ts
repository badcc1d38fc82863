export type { PortClaim } from "./conflicts.js";
export { findPortClaims, portClaimDiagnostics } from "./conflicts.js";
export type { ListeningSocket } from "./proc-net.js";
export { parseProcNetTcp, readListeningSockets } from "./proc-net.js";
