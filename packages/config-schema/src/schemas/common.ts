import * as z from "zod";
import { DATE_PATTERN, parseConfigDate } from "../dates/config-date.js";
import { CURRENT_SCHEMA_VERSION, HTTP_URL_PATTERN, ID_PATTERN, SEMVER_PATTERN } from "./patterns.js";

export {
  CURRENT_SCHEMA_VERSION,
  DATE_PATTERN,
  ENV_REFERENCE_PATTERN,
  GLOB_PATTERN,
  HTTP_URL_PATTERN,
  ID_PATTERN,
  KNOWN_SCHEMA_VERSIONS,
  SEMVER_PATTERN,
} from "./patterns.js";

export const schemaVersion = z
  .string()
  .regex(SEMVER_PATTERN)
  .describe(
    `The config schema version this file is written for, as a semver string. The current version is ${CURRENT_SCHEMA_VERSION}; older versions are upgraded by \`switchyard migrate\`.`,
  );

export const description = z.string().describe("Free text for people reading the config.");
export const tags = z
  .array(z.string().min(1))
  .describe("Labels for grouping and filtering, e.g. `local`, `gpu`.");
export const httpUrl = z.string().regex(HTTP_URL_PATTERN);
/**
 * A config date (see `dates/config-date.ts` for what it means). The pattern fixes the shape; the
 * check rejects calendar-impossible days (`2026-02-30`) with the same diagnostic as a bad shape.
 */
export const isoDate = z
  .string()
  .regex(DATE_PATTERN)
  .check((ctx) => {
    if (DATE_PATTERN.test(ctx.value) && parseConfigDate(ctx.value) === undefined) {
      ctx.issues.push({
        code: "invalid_format",
        format: "regex",
        pattern: DATE_PATTERN.source,
        input: ctx.value,
        message: "Not a calendar date",
      });
    }
  });
export const identifier = z.string().regex(ID_PATTERN);
export const positiveInt = z.number().int().positive();
