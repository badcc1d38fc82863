export type { PortsCode } from "./catalogue.js";
export { portsCatalogue } from "./catalogue.js";
export type {
  Listener,
  ListenerSnapshot,
  ListenerSource,
  OwnerKnowledge,
  ReadListenersOptions,
} from "./live/listeners.js";
export { readListeners } from "./live/listeners.js";
export type { LsofSocket } from "./live/lsof.js";
export { lsofArguments, parseLsof } from "./live/lsof.js";
export type { ListeningSocket, Protocol } from "./live/proc-net.js";
export { parseProcNetTcp, readListeningSockets } from "./live/proc-net.js";
export type { ProcessInfo } from "./live/proc-owners.js";
export type { StartOrder } from "./start-order.js";
export { startOrder } from "./start-order.js";
export type { BindResult } from "./status/bind-probe.js";
export { probeBind } from "./status/bind-probe.js";
export { matchExpectedProcess, processNames } from "./status/expected-process.js";
export type {
  CheckPortsOptions,
  ClassifyOptions,
  HoldingProcess,
  PortHolder,
  PortState,
  PortsReport,
  ServiceStatus,
} from "./status/service-status.js";
export { checkPorts, classifyService, PORT_STATES } from "./status/service-status.js";
export type { PortSuggestion, SuggestOptions } from "./suggest.js";
export { ephemeralPortRange, suggestPorts } from "./suggest.js";
