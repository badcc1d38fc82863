/**
 * A calendar date and wall-clock time without a time zone: the fields exactly as
 * a backup stamp (`YYYYMMDD_HHMMSS`) spells them. Retention buckets are read from
 * these fields, so a backup taken at 23:30 local time stays in its local day no
 * matter where or when the retention runs.
 */
export interface NaiveTime {
  readonly year: number;
  /** 1..12 */
  readonly month: number;
  /** 1..31 */
  readonly day: number;
  /** 0..23 */
  readonly hour: number;
  /** 0..59 */
  readonly minute: number;
  /** 0..59 */
  readonly second: number;
}

/** An ISO 8601 week: weeks start on Monday; week 1 is the week holding the year's first Thursday. */
export interface IsoWeek {
  /** The ISO week-numbering year (2016-01-01 belongs to 2015). */
  readonly year: number;
  /** 1..53 */
  readonly week: number;
}

/** Orders two naive times: negative when `a` is earlier, 0 when equal, positive when later. */
export function compareNaiveTime(a: NaiveTime, b: NaiveTime): number {
  return (
    a.year - b.year ||
    a.month - b.month ||
    a.day - b.day ||
    a.hour - b.hour ||
    a.minute - b.minute ||
    a.second - b.second
  );
}

/** Whether the year is a leap year in the proleptic Gregorian calendar. */
export function isLeapYear(year: number): boolean {
  return (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
}

/** Number of days in a month (1..12) of a year. */
export function daysInMonth(year: number, month: number): number {
  if (month === 2) return isLeapYear(year) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Whether every field is an integer in range and the day exists in its month. */
export function isValidNaiveTime(t: NaiveTime): boolean {
  const ints = [t.year, t.month, t.day, t.hour, t.minute, t.second].every(Number.isInteger);
  return (
    ints &&
    t.year >= 1 &&
    t.year <= 9999 &&
    t.month >= 1 &&
    t.month <= 12 &&
    t.day >= 1 &&
    t.day <= daysInMonth(t.year, t.month) &&
    t.hour >= 0 &&
    t.hour <= 23 &&
    t.minute >= 0 &&
    t.minute <= 59 &&
    t.second >= 0 &&
    t.second <= 59
  );
}

/**
 * The local wall-clock fields of a `Date` (the machine's time zone), which is what a
 * person reading `providers.yaml.backup-20261126_121500` next to the file expects.
 */
export function naiveTimeFromDate(date: Date): NaiveTime {
  return {
    year: date.getFullYear(),
    month: date.getMonth() + 1,
    day: date.getDate(),
    hour: date.getHours(),
    minute: date.getMinutes(),
    second: date.getSeconds(),
  };
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, "0");
}

/** `YYYYMMDD_HHMMSS` */
export function formatNaiveStamp(t: NaiveTime): string {
  return `${pad(t.year, 4)}${pad(t.month, 2)}${pad(t.day, 2)}_${pad(t.hour, 2)}${pad(t.minute, 2)}${pad(t.second, 2)}`;
}

const STAMP = /^(\d{4})(\d{2})(\d{2})_(\d{2})(\d{2})(\d{2})$/;

/** Parse `YYYYMMDD_HHMMSS`; `undefined` when malformed or not a real date/time (e.g. `20260230_…`). */
export function parseNaiveStamp(stamp: string): NaiveTime | undefined {
  const m = STAMP.exec(stamp);
  if (!m) return undefined;
  const [year, month, day, hour, minute, second] = m.slice(1).map(Number) as [
    number,
    number,
    number,
    number,
    number,
    number,
  ];
  const t: NaiveTime = { year, month, day, hour, minute, second };
  return isValidNaiveTime(t) ? t : undefined;
}

/**
 * Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's
 * `days_from_civil`), computed without `Date` so no time zone can leak in.
 */
export function daysFromCivil(year: number, month: number, day: number): number {
  const y = month <= 2 ? year - 1 : year;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const mp = (month + 9) % 12; // March = 0
  const doy = Math.floor((153 * mp + 2) / 5) + day - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil year of a day count from {@link daysFromCivil}. */
function yearFromDays(days: number): number {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const month = mp < 10 ? mp + 3 : mp - 9;
  return yoe + era * 400 + (month <= 2 ? 1 : 0);
}

/** ISO weekday: Monday = 1 … Sunday = 7. */
export function isoWeekday(year: number, month: number, day: number): number {
  // 1970-01-01 was a Thursday (4).
  return ((((daysFromCivil(year, month, day) + 3) % 7) + 7) % 7) + 1;
}

/**
 * The ISO 8601 week of a naive date: the week belongs to the year of its Thursday,
 * so 2016-01-01..03 are 2015-W53 and 2019-12-30 is 2020-W01.
 */
export function isoWeek(t: Pick<NaiveTime, "year" | "month" | "day">): IsoWeek {
  const days = daysFromCivil(t.year, t.month, t.day);
  const thursday = days - isoWeekday(t.year, t.month, t.day) + 4;
  const year = yearFromDays(thursday);
  const week = Math.floor((thursday - daysFromCivil(year, 1, 1)) / 7) + 1;
  return { year, week };
}
