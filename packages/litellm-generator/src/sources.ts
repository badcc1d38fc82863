import type { ConfigSet } from "@switchyard/config-schema/load";
import { CONFIG_FILES } from "@switchyard/config-schema/schemas";
import { sha256 } from "@switchyard/config-schema/text";

const SOURCE_KINDS = ["providers", "model-mappings", "ports"] as const;

/**
 * The files the header's `sources:` hash covers, in hashing order. The last,
 * `litellm-passthrough.yaml`, counts only when it exists.
 */
export const SOURCE_FILES: readonly string[] = [
  ...SOURCE_KINDS.map((kind) => CONFIG_FILES[kind].fileName),
  "litellm-passthrough.yaml",
];

/**
 * Hex SHA-256 of the source files' UTF-8 text concatenated in the order providers.yaml,
 * model-mappings.yaml, ports.yaml, litellm-passthrough.yaml (absent files contribute nothing), so
 * it equals `cat providers.yaml model-mappings.yaml ports.yaml litellm-passthrough.yaml | sha256sum`
 * (a leading byte-order mark, which the loader strips, is not counted). Any byte change, comments
 * included, changes it. `passthroughText` is the passthrough file's text, when there is one.
 */
export function sourcesHash(set: ConfigSet, passthroughText = ""): string {
  return sha256(SOURCE_KINDS.map((kind) => set.files[kind]?.source.text ?? "").join("") + passthroughText);
}
