import type { YamlPath } from "@switchyard/config-schema/diagnostics";
import { plural } from "@switchyard/config-schema/text";
import { formatYamlPath } from "@switchyard/config-schema/yaml";
import { isMap, isScalar, type YAMLMap } from "yaml";
import { migrationsDiagnostic } from "../catalogue.js";
import { booleanWord, integerString, percentString } from "../versions/legacy-schemas.js";
import type { Migration, MigrationContext } from "./types.js";

/** Rewrite one scalar whose value 1.0.0 accepted as a string but 1.1.0 wants typed. */
function normalise(
  context: MigrationContext,
  map: YAMLMap,
  key: string,
  path: YamlPath,
  convert: (value: unknown) => number | boolean | undefined,
  rewritten: string[],
): void {
  const node = context.editor.get(map, key);
  if (!isScalar(node) || typeof node.value !== "string") return;
  const typed = convert(node.value);
  if (typed === undefined) return;
  context.editor.setScalar(node, typed);
  rewritten.push(formatYamlPath(path));
}

function up(context: MigrationContext): void {
  const { editor, root, kind } = context;
  const rewritten: string[] = [];
  if (kind === "providers") {
    for (const [id, pair] of editor.entries(editor.getMap(root, "providers"))) {
      const provider = pair.value;
      if (!isMap(provider)) continue;
      normalise(context, provider, "enabled", ["providers", id, "enabled"], booleanWord, rewritten);
      normalise(
        context,
        provider,
        "health_check_interval",
        ["providers", id, "health_check_interval"],
        integerString,
        rewritten,
      );
    }
  } else if (kind === "ports") {
    for (const [id, pair] of editor.entries(editor.getMap(root, "services"))) {
      if (!isMap(pair.value)) continue;
      normalise(context, pair.value, "port", ["services", id, "port"], integerString, rewritten);
    }
  } else if (kind === "feature-flags") {
    for (const [name, pair] of editor.entries(editor.getMap(root, "flags"))) {
      if (!isMap(pair.value)) continue;
      normalise(context, pair.value, "enabled", ["flags", name, "enabled"], booleanWord, rewritten);
      normalise(context, pair.value, "rollout", ["flags", name, "rollout"], percentString, rewritten);
    }
  }
  if (rewritten.length > 0) {
    const shown = rewritten.slice(0, 5).join(", ");
    const more = rewritten.length > 5 ? ` and ${rewritten.length - 5} more` : "";
    context.note(
      migrationsDiagnostic("SY3023", {
        message: `Rewrote ${plural(rewritten.length, "quoted value")} as numbers or booleans: ${shown}${more}`,
      }),
    );
  }
}

/**
 * 1.0.0 → 1.1.0, stricter validation: quoted numbers and yes/no words become real numbers and
 * booleans. Going down changes nothing but the marker: every 1.1.0 value is a valid 1.0.0 value.
 */
export const v1_0_0ToV1_1_0: Migration = {
  from: "1.0.0",
  to: "1.1.0",
  description:
    'Stricter validation: quoted numbers and yes/no words rewritten as numbers and booleans; `version: "1.1"`.',
  up,
  down: () => undefined,
};
