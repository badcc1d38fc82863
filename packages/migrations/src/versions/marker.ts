import type { YamlEditor } from "@switchyard/config-schema/yaml";
import type { YAMLMap } from "yaml";
import { legacyMarkerValue, usesSchemaVersionKey } from "./detect.js";

/**
 * Write the version marker of `version` into a file's top-level mapping, in place where a marker
 * already exists: 1.2.0 and later use `schema_version: "<semver>"`, 1.0.0 and 1.1.0 the legacy
 * `version: "1.0"` / `"1.1"`. Switching between the two renames the key where it stands; a file
 * without any marker gets one as its first key.
 */
export function writeVersionMarker(editor: YamlEditor, root: YAMLMap, version: string): void {
  const legacy = legacyMarkerValue(version);
  const [key, value, other] =
    legacy === undefined || usesSchemaVersionKey(version)
      ? (["schema_version", version, "version"] as const)
      : (["version", legacy, "schema_version"] as const);
  if (!editor.pair(root, key) && editor.pair(root, other)) editor.renameKey(root, other, key);
  editor.set(root, key, value, { first: true });
}
