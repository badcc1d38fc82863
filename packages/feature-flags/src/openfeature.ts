/** `@switchyard/feature-flags/openfeature`: the OpenFeature server provider (needs `@openfeature/server-sdk`). */
export type { SwitchyardProviderOptions } from "./openfeature/provider.js";
export { SwitchyardProvider } from "./openfeature/provider.js";
