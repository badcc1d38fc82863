import type { LoadedFile } from "@switchyard/config-schema/load";
import type { ConfigFileKind, ConfigFileTypes } from "@switchyard/config-schema/schemas";
import { filesOfSet } from "../internal/files.js";
import type { AuditCheck, AuditContext, CheckOutcome, FindingDraft } from "../types.js";

/** Declare a check (an identity function that lets TypeScript check the object and keep its id's literal type). */
export function defineCheck<const Id extends `SY5${string}`>(check: AuditCheck<Id>): AuditCheck<Id> {
  return check;
}

/** The outcome of a check that ran. */
export function ran(findings: readonly FindingDraft[]): CheckOutcome {
  return { status: "ran", findings };
}

/** The outcome of a check with nothing to look at. */
export function notApplicable(reason: string): CheckOutcome {
  return { status: "not-applicable", reason };
}

/** Every loaded file of the set, in the set's file order. */
export function loadedFiles(context: AuditContext): LoadedFile[] {
  return filesOfSet(context.set);
}

/** A loaded file whose data parsed (possibly invalid against the schema), or `undefined`. */
export function parsedFile<K extends ConfigFileKind>(
  context: AuditContext,
  kind: K,
): LoadedFile<K> | undefined {
  const file = context.set.files[kind] as LoadedFile<K> | undefined;
  return file !== undefined && file.data !== undefined ? file : undefined;
}

/** The data of a parsed file, typed loosely: the shape is only trusted after checking each field. */
export function dataOf<K extends ConfigFileKind>(
  file: LoadedFile<K>,
): Partial<Record<keyof ConfigFileTypes[K], unknown>> {
  return (file.data ?? {}) as Partial<Record<keyof ConfigFileTypes[K], unknown>>;
}
