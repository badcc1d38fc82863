/**
 * Run a cross-field check even when other fields have issues (zod skips refinements after any
 * issue by default), so that a missing `base_url` is reported together with a typo elsewhere.
 * The check must then be defensive: fields may have any type.
 */
export const whenAnObject = {
  when: (payload: { value: unknown }): boolean => typeof payload.value === "object" && payload.value !== null,
};
