import type { Diagnostic } from "@switchyard/config-schema/diagnostics";
import semver from "semver";
import { migrationsDiagnostic } from "../catalogue.js";
import type { Migration, MigrationTransform } from "./types.js";
import { v1_0_0ToV1_1_0 } from "./v1_0_0-to-v1_1_0.js";
import { v1_1_0ToV1_2_0 } from "./v1_1_0-to-v1_2_0.js";
import { v1_2_0ToV2_0_0 } from "./v1_2_0-to-v2_0_0.js";

/** One step of a path: a migration taken up or down. */
export interface MigrationStep {
  readonly from: string;
  readonly to: string;
  readonly direction: "up" | "down";
  readonly description: string;
  readonly transform: MigrationTransform;
  /** Set when the step goes down through a change that cannot be fully undone. */
  readonly irreversible?: string;
  readonly migration: Migration;
}

/** The result of {@link MigrationRegistry.findPath}. */
export type MigrationPath =
  | { readonly ok: true; readonly steps: readonly MigrationStep[] }
  | { readonly ok: false; readonly diagnostic: Diagnostic };

function compareVersions(a: string, b: string): number {
  const va = semver.valid(a);
  const vb = semver.valid(b);
  if (va && vb) return semver.compare(va, vb);
  return a < b ? -1 : a > b ? 1 : 0;
}

/** A set of migrations and the paths between the versions they connect. */
export class MigrationRegistry {
  readonly migrations: readonly Migration[];
  private readonly edges = new Map<string, MigrationStep[]>();

  constructor(migrations: readonly Migration[]) {
    this.migrations = migrations;
    for (const migration of migrations) {
      this.addEdge({
        from: migration.from,
        to: migration.to,
        direction: "up",
        description: migration.description,
        transform: migration.up,
        migration,
      });
      if (migration.down) {
        this.addEdge({
          from: migration.to,
          to: migration.from,
          direction: "down",
          description: `Undo: ${migration.description}`,
          transform: migration.down,
          migration,
          ...(migration.irreversible !== undefined ? { irreversible: migration.irreversible } : {}),
        });
      }
    }
  }

  private addEdge(step: MigrationStep): void {
    const list = this.edges.get(step.from) ?? [];
    list.push(step);
    this.edges.set(step.from, list);
  }

  /** Every version some migration starts or ends at, oldest first. */
  get versions(): string[] {
    const set = new Set<string>();
    for (const m of this.migrations) set.add(m.from).add(m.to);
    return [...set].sort(compareVersions);
  }

  /**
   * The shortest path (fewest steps; ties go to the migration registered first) from one version
   * to another, upgrade or downgrade. An empty path when they are equal. When no path exists the
   * diagnostic (SY3004) names the gap: the first pair of adjacent versions (among those the
   * migrations mention), walking from `from` toward `to`, that no migration connects.
   */
  findPath(from: string, to: string): MigrationPath {
    if (from === to) return { ok: true, steps: [] };
    const previous = new Map<string, MigrationStep | null>([[from, null]]);
    const queue = [from];
    while (queue.length > 0) {
      const version = queue.shift()!;
      if (version === to) break;
      for (const step of this.edges.get(version) ?? []) {
        if (previous.has(step.to)) continue;
        previous.set(step.to, step);
        queue.push(step.to);
      }
    }
    if (!previous.has(to))
      return { ok: false, diagnostic: this.gapDiagnostic(from, to, new Set(previous.keys())) };
    const steps: MigrationStep[] = [];
    for (let at = to; at !== from; ) {
      const step = previous.get(at)!;
      steps.push(step);
      at = step.from;
    }
    return { ok: true, steps: steps.reverse() };
  }

  private gapDiagnostic(from: string, to: string, reachable: ReadonlySet<string>): Diagnostic {
    const ordered = [...new Set([...this.versions, from, to])].sort(compareVersions);
    const upward = compareVersions(from, to) < 0;
    const walk = upward ? ordered : [...ordered].reverse();
    const start = walk.indexOf(from);
    const end = walk.indexOf(to);
    let gap: [string, string] = [from, to];
    for (let i = start; i < end; i++) {
      if (reachable.has(walk[i]!) && !reachable.has(walk[i + 1]!)) {
        gap = [walk[i]!, walk[i + 1]!];
        break;
      }
    }
    return migrationsDiagnostic("SY3004", {
      message: `No migration path from ${from} to ${to}: nothing migrates ${gap[0]} → ${gap[1]}`,
      hint: upward
        ? "This Switchyard lacks that migration; upgrade Switchyard, or migrate the files by hand."
        : `The ${gap[1]} → ${gap[0]} migration has no way back; restore a backup or use \`switchyard migrate rollback\`.`,
    });
  }
}

/** The built-in migrations, oldest first. */
export const MIGRATIONS: readonly Migration[] = [v1_0_0ToV1_1_0, v1_1_0ToV1_2_0, v1_2_0ToV2_0_0];

/** The registry of the built-in migrations. */
export const defaultRegistry = new MigrationRegistry(MIGRATIONS);

/** The shortest path between two schema versions in the built-in registry (see {@link MigrationRegistry.findPath}). */
export function findMigrationPath(
  from: string,
  to: string,
  registry: MigrationRegistry = defaultRegistry,
): MigrationPath {
  return registry.findPath(from, to);
}
