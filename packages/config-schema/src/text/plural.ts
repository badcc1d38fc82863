/**
 * A count with its noun: `plural(1, "backup")` is `1 backup`, `plural(2, "backup")` is `2 backups`,
 * `plural(2, "exact match", "exact matches")` is `2 exact matches`. The one helper every report,
 * renderer and command uses, so that a count and its noun never disagree ("1 wildcard routes").
 * A bigint count (a zod bound) is printed in full.
 */
export function plural(count: number | bigint, singular: string, pluralForm = `${singular}s`): string {
  return `${count} ${Number(count) === 1 ? singular : pluralForm}`;
}
