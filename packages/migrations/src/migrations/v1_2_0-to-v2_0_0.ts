import { plural } from "@switchyard/config-schema/text";
import { isMap, isScalar } from "yaml";
import { migrationsDiagnostic } from "../catalogue.js";
import { vllmConflicts } from "../rules/one-active-vllm.js";
import type { Migration, MigrationContext } from "./types.js";

/** Fields 1.x accepted but nothing ever implemented, removed in 2.0.0, by file kind and section. */
const REMOVED_PROVIDER_FIELDS = ["health_check_interval", "priority"] as const;

function noteRemoved(context: MigrationContext, counts: Map<string, number>, where: string): void {
  for (const [field, count] of counts) {
    context.note(
      migrationsDiagnostic("SY3021", {
        message: `Removed \`${field}\` from ${plural(count, where)}: it was never implemented`,
        hint: "The values are kept in the migration history (`switchyard migrate history`).",
      }),
    );
  }
}

function count(counts: Map<string, number>, field: string): void {
  counts.set(field, (counts.get(field) ?? 0) + 1);
}

function upProviders(context: MigrationContext): void {
  const { editor, root } = context;
  const providers = editor.entries(editor.getMap(root, "providers"));
  const conflicts = vllmConflicts(
    providers.map(([id, pair]) => {
      const map = isMap(pair.value) ? pair.value : undefined;
      return {
        id,
        type: map ? editor.scalar(map, "type") : undefined,
        url: map ? editor.scalar(map, "url") : undefined,
        active: map ? editor.scalar(map, "enabled") !== false : false,
      };
    }),
  );
  const disabled = new Map(conflicts.map((c) => [c.id, c]));
  const removed = new Map<string, number>();
  for (const [id, pair] of providers) {
    const provider = pair.value;
    if (!isMap(provider)) continue;
    editor.renameKey(provider, "url", "base_url");
    const conflict = disabled.get(id);
    const enabled = editor.get(provider, "enabled");
    if (enabled !== undefined) {
      editor.renameKey(provider, "enabled", "status");
      if (isScalar(enabled))
        editor.setScalar(enabled, conflict || enabled.value === false ? "disabled" : "active");
    } else if (conflict) {
      editor.insert(provider, "status", "disabled", { after: "base_url" });
    }
    if (conflict) {
      context.note(
        migrationsDiagnostic("SY3020", {
          message: `Disabled vLLM provider '${id}': only one active vLLM provider per ${conflict.endpoint} from schema 2.0.0 on; '${conflict.kept}' (listed first) stays active`,
          path: ["providers", id],
          hint: `To serve '${id}' instead, set \`status: active\` on it and \`status: disabled\` on '${conflict.kept}', or give it its own port.`,
        }),
      );
    }
    const models = editor.getSeq(provider, "models");
    if (models) {
      for (let i = 0; i < models.items.length; i++) {
        if (isScalar(models.items[i])) editor.wrapItemInMap(models, i, "name");
      }
    }
    for (const field of REMOVED_PROVIDER_FIELDS) {
      const gone = editor.delete(provider, field);
      if (!gone) continue;
      context.removed(["providers", id, field], gone.value);
      count(removed, field);
    }
  }
  noteRemoved(context, removed, "provider");
}

function upModelMappings(context: MigrationContext): void {
  const { editor, root } = context;
  editor.renameKey(root, "fallbacks", "fallback_chains");
  const routing = editor.getMap(root, "routing");
  if (routing) editor.renameKey(routing, "timeout", "timeout_seconds");
  const removed = new Map<string, number>();
  for (const [name, pair] of editor.entries(editor.getMap(root, "exact_matches"))) {
    if (!isMap(pair.value)) continue;
    const gone = editor.delete(pair.value, "cache");
    if (!gone) continue;
    context.removed(["exact_matches", name, "cache"], gone.value);
    count(removed, "cache");
  }
  noteRemoved(context, removed, "exact match");
}

function upPorts(context: MigrationContext): void {
  const { editor, root } = context;
  const removed = new Map<string, number>();
  for (const [id, pair] of editor.entries(editor.getMap(root, "services"))) {
    if (!isMap(pair.value)) continue;
    editor.renameKey(pair.value, "health_check", "health_url");
    const gone = editor.delete(pair.value, "restart");
    if (!gone) continue;
    context.removed(["services", id, "restart"], gone.value);
    count(removed, "restart");
  }
  noteRemoved(context, removed, "service");
}

function upFeatureFlags(context: MigrationContext): void {
  const { editor, root } = context;
  for (const [, pair] of editor.entries(editor.getMap(root, "flags"))) {
    if (isMap(pair.value)) editor.renameKey(pair.value, "rollout", "rollout_percentage");
  }
}

function downProviders(context: MigrationContext): void {
  const { editor, root } = context;
  for (const [, pair] of editor.entries(editor.getMap(root, "providers"))) {
    const provider = pair.value;
    if (!isMap(provider)) continue;
    editor.renameKey(provider, "base_url", "url");
    const status = editor.get(provider, "status");
    if (status === undefined) continue;
    editor.renameKey(provider, "status", "enabled");
    if (isScalar(status)) editor.setScalar(status, status.value !== "disabled");
  }
}

function downModelMappings(context: MigrationContext): void {
  const { editor, root } = context;
  editor.renameKey(root, "fallback_chains", "fallbacks");
  const routing = editor.getMap(root, "routing");
  if (routing) editor.renameKey(routing, "timeout_seconds", "timeout");
}

function downPorts(context: MigrationContext): void {
  const { editor, root } = context;
  for (const [, pair] of editor.entries(editor.getMap(root, "services"))) {
    if (isMap(pair.value)) editor.renameKey(pair.value, "health_url", "health_check");
  }
}

function downFeatureFlags(context: MigrationContext): void {
  const { editor, root } = context;
  for (const [, pair] of editor.entries(editor.getMap(root, "flags"))) {
    if (isMap(pair.value)) editor.renameKey(pair.value, "rollout_percentage", "rollout");
  }
}

/**
 * 1.2.0 → 2.0.0: one active vLLM per host and port (the first listed keeps it), `url` →
 * `base_url`, `enabled` → `status`, models as mappings, LiteLLM-style names, and the fields that
 * were never implemented removed. Down renames everything back; removed fields and providers
 * disabled by the vLLM rule cannot be restored (the history keeps the removed values, and
 * `migrate rollback` restores the exact bytes from before the upgrade).
 */
export const v1_2_0ToV2_0_0: Migration = {
  from: "1.2.0",
  to: "2.0.0",
  description:
    "One active vLLM provider per host and port; `url` → `base_url`, `enabled` → `status`, models as `{name}`, `fallbacks` → `fallback_chains`, `routing.timeout` → `timeout_seconds`, `health_check` → `health_url`, `rollout` → `rollout_percentage`; never-implemented fields removed.",
  up(context) {
    if (context.kind === "providers") upProviders(context);
    else if (context.kind === "model-mappings") upModelMappings(context);
    else if (context.kind === "ports") upPorts(context);
    else upFeatureFlags(context);
  },
  down(context) {
    if (context.kind === "providers") downProviders(context);
    else if (context.kind === "model-mappings") downModelMappings(context);
    else if (context.kind === "ports") downPorts(context);
    else downFeatureFlags(context);
  },
  irreversible:
    "Fields removed by the upgrade (health_check_interval, priority, exact-match cache, service restart) are not restored, vLLM providers disabled by the one-active-vLLM rule stay disabled, and models stay mappings (1.x reads both forms). `switchyard migrate rollback` restores the exact files from before an upgrade.",
};
