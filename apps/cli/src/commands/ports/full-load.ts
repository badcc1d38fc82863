// The full loader of ports.yaml (zod, positions, diagnostics), in a chunk of its own: \`switchyard
// ports\` loads it only when the quick loader cannot vouch for the file (see run.ts).
export { loadConfigFile } from "@switchyard/config-schema/load";
