/** feature-flags.yaml read into the model. */
import { asRecord, field, forEachEntry } from "@switchyard/config-schema/data";
import type { LoadedFile } from "@switchyard/config-schema/load";
import { namedItems } from "./shared.js";
import type { FlagEntry } from "./types.js";

/** The flags of `feature-flags.yaml`, with their user lists and dates. */
export function readFlags(file: LoadedFile<"feature-flags"> | undefined): FlagEntry[] {
  const flags: FlagEntry[] = [];
  if (!file) return flags;
  forEachEntry(field(file.data, "flags"), (name, raw) => {
    const path = ["flags", name];
    const record = asRecord(raw);
    if (!record) return;
    const startDate = Object.hasOwn(record, "start_date")
      ? { value: record.start_date, place: { file, path: [...path, "start_date"] } }
      : undefined;
    const endDate = Object.hasOwn(record, "end_date")
      ? { value: record.end_date, place: { file, path: [...path, "end_date"] } }
      : undefined;
    flags.push({
      name,
      place: { file, path },
      whitelist: namedItems(file, record.whitelist, [...path, "whitelist"]),
      blacklist: namedItems(file, record.blacklist, [...path, "blacklist"]),
      startDate,
      endDate,
    });
  });
  return flags;
}
