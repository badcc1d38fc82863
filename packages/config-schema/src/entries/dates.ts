/**
 * `@switchyard/config-schema/dates`: what a date in a config file means (its zone and inclusivity): parsing
 * and the windows that flags, suppressions and audits share.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type { ConfigDate } from "../dates/config-date.js";
export {
  CONFIG_DATE_SEMANTICS,
  isConfigDate,
  isWithinWindow,
  parseConfigDate,
  windowEnd,
  windowIsEmpty,
  windowStart,
} from "../dates/config-date.js";
