/**
 * The versions and patterns of the config schemas, as plain values: no zod here, so that a module
 * that only needs a pattern (secret placeholders, the quick loader) does not load zod with it.
 * `common.ts` builds the zod schemas from these and re-exports them.
 */

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
