/**
 * What a date in a Switchyard config file means. The one definition used by flag evaluation
 * (`start_date`, `end_date`), the audit's stale-flag check, consistency's flag-dates-inverted rule
 * and suppression expiry (`expires`).
 *
 * - Every date is read in UTC. A date-time with `Z` or an offset (`+02:00`) is that instant; a
 *   date-time without a zone is read as UTC — never as the host's local time, so every replica, CI
 *   runner and operator laptop agrees on the same instant.
 * - A date without a time (`2026-06-30`) covers that whole UTC day.
 * - A window is half-open: a start bound is inclusive, an end bound exclusive. So `start_date:
 *   2026-06-01` is on from 2026-06-01T00:00:00Z; `end_date: 2026-06-30` (or `expires: 2026-06-30`)
 *   still applies all of 30 June and stops at 2026-07-01T00:00:00Z; `end_date:
 *   2026-06-30T12:00:00Z` stops at that instant. A flag whose start and end are the same plain date
 *   is on for that one day.
 *
 * @module
 */

/** A date (`2026-01-31`) or an ISO 8601 date-time with optional offset (shape only; see {@link parseConfigDate}). */
export const DATE_PATTERN =
  /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(?:[T ]([01]\d|2[0-3]):[0-5]\d(?::[0-5]\d(?:\.\d+)?)?(?:Z|[+-]([01]\d|2[0-3]):[0-5]\d)?)?$/;

/** The one sentence the schema descriptions and catalogues quote. */
export const CONFIG_DATE_SEMANTICS =
  "Dates are UTC: a plain date (`2026-06-30`) covers that whole UTC day, a date-time with `Z` or an offset is that instant, and a date-time without a zone is read as UTC (never host local time).";

/** A parsed config date. */
export interface ConfigDate {
  /** `date` for a plain `YYYY-MM-DD`, `date-time` for anything with a time (or a `Date` value). */
  readonly kind: "date" | "date-time";
  /** The first instant the date covers (ms since the epoch): midnight UTC for a plain date. */
  readonly from: number;
  /** The first instant after it (ms): the next midnight UTC for a plain date, `from` for a date-time. */
  readonly until: number;
}

const DAY_MS = 86_400_000;
const DATE_ONLY = /^(\d{4})-(\d{2})-(\d{2})$/;
const HAS_ZONE = /(?:Z|[+-]\d{2}:\d{2})$/;

/**
 * Parse a config date: a string the schema's date pattern accepts, or a `Date` (a YAML timestamp
 * some loaders produce). Calendar-impossible dates (`2026-02-30`) and anything else give
 * `undefined`. Never throws.
 */
export function parseConfigDate(value: unknown): ConfigDate | undefined {
  if (value instanceof Date) {
    const time = value.getTime();
    return Number.isNaN(time) ? undefined : { kind: "date-time", from: time, until: time };
  }
  if (typeof value !== "string" || !DATE_PATTERN.test(value)) return undefined;
  const ymd = /^(\d{4})-(\d{2})-(\d{2})/.exec(value);
  if (!ymd) return undefined;
  const year = Number(ymd[1]);
  const month = Number(ymd[2]);
  const day = Number(ymd[3]);
  const midnight = Date.UTC(year, month - 1, day);
  const check = new Date(midnight);
  // Date.UTC maps years 0–99 to 1900–1999; setUTCFullYear keeps the year as written.
  check.setUTCFullYear(year, month - 1, day);
  if (check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return undefined;
  const dayStart = check.getTime();
  if (DATE_ONLY.test(value)) return { kind: "date", from: dayStart, until: dayStart + DAY_MS };
  const iso = value.replace(" ", "T");
  const time = Date.parse(HAS_ZONE.test(iso) ? iso : `${iso}Z`);
  if (Number.isNaN(time)) return undefined;
  return { kind: "date-time", from: time, until: time };
}

/** Whether a value is a config date that {@link parseConfigDate} accepts. */
export function isConfigDate(value: unknown): boolean {
  return parseConfigDate(value) !== undefined;
}

/**
 * The first instant a window starting at `value` is open (inclusive), e.g. for `start_date`;
 * `undefined` when the value is not a config date.
 */
export function windowStart(value: unknown): number | undefined {
  return parseConfigDate(value)?.from;
}

/**
 * The first instant a window ending at `value` is closed (the end is exclusive): the next midnight
 * UTC for a plain date (the whole named day is still inside), the instant itself for a date-time.
 * For `end_date` and `expires`; `undefined` when the value is not a config date.
 */
export function windowEnd(value: unknown): number | undefined {
  return parseConfigDate(value)?.until;
}

/**
 * Whether `now` (ms) lies inside the half-open window `[start, end)`; a missing bound is open.
 * Pass the instants from {@link windowStart} and {@link windowEnd}.
 */
export function isWithinWindow(now: number, start: number | undefined, end: number | undefined): boolean {
  return (start === undefined || now >= start) && (end === undefined || now < end);
}

/** Whether a window from `start` to `end` (config date values) is open for at least one instant. */
export function windowIsEmpty(start: unknown, end: unknown): boolean | undefined {
  const from = windowStart(start);
  const until = windowEnd(end);
  if (from === undefined || until === undefined) return undefined;
  return from >= until;
}
