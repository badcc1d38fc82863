export { DOCTOR_CHECKS } from "./checks/index.js";
export type { DoctorCheckDefinition, DoctorContext, NamedOutcome } from "./context.js";
export type { DoctorOptions } from "./run.js";
export { runDoctor } from "./run.js";
export type { StackHealth, StackHealthOptions } from "./stack-health.js";
export { gatewayExpectations, stackHealth } from "./stack-health.js";
export type { CheckOutcome, CheckStatus, DoctorCheck, DoctorReport } from "./types.js";
export { CHECK_STATUSES } from "./types.js";
