import type { ConfigSet, LoadedFile } from "@switchyard/config-schema/load";

/** Every loaded file of a set, in the set's file order. */
export function filesOfSet(set: ConfigSet): LoadedFile[] {
  return (Object.values(set.files) as (LoadedFile | undefined)[]).filter(
    (f): f is LoadedFile => f !== undefined,
  );
}
