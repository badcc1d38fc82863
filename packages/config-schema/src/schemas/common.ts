import * as z from "zod";
import { DATE_PATTERN, parseConfigDate } from "../dates/config-date.js";

/** The schema version this release of Switchyard writes and validates. */
export const CURRENT_SCHEMA_VERSION = "2.0.0";
/** Every schema version Switchyard knows, oldest first. */
export const KNOWN_SCHEMA_VERSIONS = ["1.0.0", "1.1.0", "1.2.0", "2.0.0"] as const;

/** Semantic Versioning 2.0.0, as the spec's own regular expression. */
export const SEMVER_PATTERN =
  /^(0|[1-9]\d*)\.(0|[1-9]\d*)\.(0|[1-9]\d*)(?:-((?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*)(?:\.(?:0|[1-9]\d*|\d*[a-zA-Z-][0-9a-zA-Z-]*))*))?(?:\+([0-9a-zA-Z-]+(?:\.[0-9a-zA-Z-]+)*))?$/;

/** An http(s) URL with a host; deeper checks (credentials, paths) are consistency rules. */
export const HTTP_URL_PATTERN = /^https?:\/\/[^\s/?#]+(?:[/?#]\S*)?$/;

/** A date (`2026-01-31`) or an ISO 8601 date-time with optional offset; its meaning is in `dates/config-date.ts`. */
export { DATE_PATTERN } from "../dates/config-date.js";

/** A glob: names with `*` (any run of characters) and `?` (one character); never a raw regex. */
export const GLOB_PATTERN = /^[A-Za-z0-9._:/@*?+-]+$/;

/** An identifier for providers, services and groups. */
export const ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9._-]*$/;

/** An environment reference as LiteLLM reads it: the whole value is `os.environ/NAME`. */
export const ENV_REFERENCE_PATTERN = /^os\.environ\/[A-Za-z_][A-Za-z0-9_]*$/;

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
