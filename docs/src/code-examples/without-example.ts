/**
 * Catalogued codes that have no checked example yet, each with the reason. The docs test fails when
 * a code without an example is missing here, and when a listed code has one: the list only shrinks.
 */
const TODO = "no example written yet (issue #17: every code gets a checked example)";

export const WITHOUT_EXAMPLE: Readonly<Record<string, string>> = {
  SY1019: TODO,
  SY1050: TODO,
  SY1051: TODO,
  SY1052: TODO,
  SY1053: TODO,
  SY2099: TODO,
  SY3004: TODO,
  SY3008: TODO,
  SY3009: TODO,
  SY3011: TODO,
  SY3024: TODO,
  SY4004: TODO,
  SY4111: TODO,
  SY4303: TODO,
  SY4304: TODO,
  SY5003: TODO,
  SY6010: TODO,
  SY6011: TODO,
  SY6012: TODO,
};
