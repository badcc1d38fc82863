/**
 * `@switchyard/config-schema/data`: the readers of raw (unvalidated) config data: records, lists and typed
 * fields, so a check can read a set that failed its schema.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export {
  asRecord,
  entriesOf,
  field,
  forEachEntry,
  getPath,
  listOf,
  nonEmptyText,
  numberField,
  stringField,
} from "../data/raw.js";
