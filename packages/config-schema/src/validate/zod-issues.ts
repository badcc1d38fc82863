import type { z } from "zod";
import type { Diagnostic, YamlPath } from "../diagnostics/diagnostic.js";
import { schemaDiagnostic } from "../diagnostics/schema-catalogue.js";
import { didYouMean, suggestName } from "../diagnostics/suggest.js";
import {
  DATE_PATTERN,
  GLOB_PATTERN,
  HTTP_URL_PATTERN,
  ID_PATTERN,
  SEMVER_PATTERN,
} from "../schemas/common.js";
import { detectSecret } from "../secrets/detect.js";
import { isSecretKey } from "../secrets/key-names.js";
import { redactSecret, redactSecrets } from "../secrets/redact.js";
import { plural } from "../text/plural.js";
import type { YamlSource } from "../yaml/parse.js";
import { formatYamlPath } from "./describe-path.js";
import { enumValues, objectKeys, schemaAt } from "./schema-at.js";

type Issue = z.core.$ZodIssue;

const formats: { pattern: RegExp; noun: string; hint: string }[] = [
  {
    pattern: HTTP_URL_PATTERN,
    noun: "an http(s) URL",
    hint: "Write a full URL with scheme and host, e.g. `http://127.0.0.1:11434`.",
  },
  {
    pattern: DATE_PATTERN,
    noun: "an ISO 8601 date or date-time",
    hint: "Write `2026-01-31` or `2026-01-31T09:00:00Z`, quoted.",
  },
  {
    pattern: GLOB_PATTERN,
    noun: "a glob pattern",
    hint: "Patterns are globs, not regular expressions: use `*` for any run of characters and `?` for one (e.g. `qwen*`). Characters allowed: letters, digits, `._:/@+-`.",
  },
  {
    pattern: SEMVER_PATTERN,
    noun: "a semantic version",
    hint: 'Write a version such as "2.0.0", quoted so YAML keeps it a string.',
  },
  {
    pattern: ID_PATTERN,
    noun: "a valid id",
    hint: "Ids start with a letter or digit and use only letters, digits, `.`, `_` and `-`.",
  },
];

function knownFormat(pattern: unknown) {
  const source =
    pattern instanceof RegExp ? pattern.source : typeof pattern === "string" ? pattern : undefined;
  return source === undefined
    ? undefined
    : formats.find((f) => f.pattern.source === source || String(f.pattern) === source);
}

/** The map key a path ends in, for the secret detector (`undefined` for a list item). */
function keyOf(path: YamlPath): string | undefined {
  const last = path[path.length - 1];
  return typeof last === "string" ? last : undefined;
}

/** A value as a message shows it; secrets (by key name or shape) only redacted. */
function typeName(value: unknown, path: YamlPath = []): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "object") return "a mapping";
  const key = keyOf(path);
  // Numbers are never detected as secrets, but a number where a key belongs (`master_key: 1234…`,
  // unquoted) is the key itself: a message about a secret-named key never echoes its value.
  if ((typeof value === "number" || typeof value === "bigint") && key !== undefined && isSecretKey(key))
    return `a ${typeof value} (${redactSecret(String(value))})`;
  const secret = detectSecret(key, value);
  if (secret && typeof value === "string") {
    return secret.reason === "shape"
      ? `the string ${JSON.stringify(shorten(redactSecrets(value, secret.spans)))}`
      : `a string (${redactSecret(value)})`;
  }
  if (typeof value === "string") return `the string ${JSON.stringify(shorten(value))}`;
  if (typeof value === "number" && !Number.isFinite(value)) {
    return Number.isNaN(value)
      ? "NaN (not a number)"
      : `${value > 0 ? "" : "-"}infinity (a number too large to represent)`;
  }
  return `${typeof value} ${String(value)}`;
}

function shorten(value: string): string {
  return value.length > 40 ? `${value.slice(0, 37)}...` : value;
}

function expectedNoun(expected: string): string {
  switch (expected) {
    case "object":
      return "a mapping";
    case "array":
      return "a list";
    case "string":
      return "a string";
    case "number":
      return "a number";
    case "int":
      return "an integer";
    case "boolean":
      return "true or false";
    default:
      return expected;
  }
}

function valueAt(data: unknown, path: YamlPath): { found: boolean; value: unknown } {
  let current: unknown = data;
  for (const segment of path) {
    if (current === null || typeof current !== "object") return { found: false, value: undefined };
    if (!Object.hasOwn(current, segment)) return { found: false, value: undefined };
    current = (current as Record<string | number, unknown>)[segment];
  }
  return { found: true, value: current };
}

function locate(source: YamlSource, path: YamlPath, part: "key" | "value" = "value") {
  const range = source.rangeOf(path, part);
  if (range && path.length === 0) return { range: { start: range.start, end: range.start } };
  return range ? { range } : {};
}

/** The nouns of the types a union accepts, when every branch failed on the type alone. */
function unionTypeNouns(issue: Issue): string[] | undefined {
  if (issue.code !== "invalid_union") return undefined;
  const nouns: string[] = [];
  for (const branch of issue.errors) {
    const only = branch.length === 1 ? branch[0] : undefined;
    if (only?.code !== "invalid_type" || only.path.length > 0) return undefined;
    nouns.push(expectedNoun(only.expected));
  }
  return nouns.length > 0 ? nouns : undefined;
}

/**
 * SY1032: "Expected <nouns> at <path>, got <what is there>", for a plain type error and for a union
 * whose every branch failed on the type alone. The hint defaults to "Write <nouns> here.".
 */
function wrongType(
  expected: string,
  value: unknown,
  where: string,
  path: YamlPath,
  source: YamlSource,
  hint = `Write ${expected} here.`,
): Diagnostic {
  return schemaDiagnostic("SY1032", {
    message: `Expected ${expected} at ${where}, got ${typeName(value, path)}`,
    file: source.file,
    path,
    ...locate(source, path),
    hint,
  });
}

/** SY1036: a schema rule with no more specific code. */
function schemaViolation(issue: Issue, where: string, path: YamlPath, source: YamlSource): Diagnostic {
  return schemaDiagnostic("SY1036", {
    message: `${where}: ${issue.message}`,
    file: source.file,
    path,
    ...locate(source, path),
    hint: "See the field's description in the JSON Schema (`switchyard schema`).",
  });
}

/**
 * Turn zod issues into located diagnostics with codes SY1030–SY1036, a readable message and,
 * where names are involved, a "did you mean" suggestion over the names valid at that place.
 */
export function zodIssuesToDiagnostics(
  issues: readonly Issue[],
  schema: z.ZodType,
  source: YamlSource,
): Diagnostic[] {
  const out: Diagnostic[] = [];
  const file = source.file;
  for (const issue of issues) {
    const path = issue.path.filter((p): p is string | number => typeof p !== "symbol");
    const where = formatYamlPath(path);
    // zod reports a missing key as a type error, a value error (enums) or a union error; whatever
    // the issue, a value that is absent is a missing key, located at the entry that lacks it.
    if (path.length > 0 && issue.code !== "unrecognized_keys" && issue.code !== "invalid_key") {
      const at = valueAt(source.data, path);
      if (!at.found || at.value === undefined) {
        const key = path[path.length - 1];
        out.push(
          schemaDiagnostic("SY1031", {
            message: `Missing required key '${String(key)}' in ${formatYamlPath(path.slice(0, -1))}`,
            file,
            path,
            ...locate(source, path.slice(0, -1), "key"),
            hint: `Add \`${String(key)}:\` here.`,
          }),
        );
        continue;
      }
    }
    switch (issue.code) {
      case "unrecognized_keys": {
        const allowed = objectKeys(schemaAt(schema, path));
        for (const key of issue.keys) {
          const keyPath = [...path, key];
          const suggestion = suggestName(key, allowed);
          out.push(
            schemaDiagnostic("SY1030", {
              message: `Unknown key '${key}' in ${where}${didYouMean(suggestion)}`,
              file,
              path: keyPath,
              ...locate(source, keyPath, "key"),
              hint:
                suggestion !== undefined
                  ? `Rename it to '${suggestion}'.`
                  : `Allowed keys here: ${allowed.join(", ")}.`,
              ...(suggestion !== undefined ? { suggestion } : {}),
            }),
          );
        }
        break;
      }
      case "invalid_type": {
        const at = valueAt(source.data, path);
        const quotedNumber =
          issue.expected === "number" && typeof at.value === "string" && /^-?\d+(\.\d+)?$/.test(at.value);
        const hint = quotedNumber
          ? "Remove the quotes so YAML reads a number."
          : issue.expected === "boolean"
            ? "Write `true` or `false`."
            : undefined;
        out.push(wrongType(expectedNoun(issue.expected), at.value, where, path, source, hint));
        break;
      }
      case "invalid_value": {
        const at = valueAt(source.data, path);
        const allowed = enumValues(schemaAt(schema, path));
        const values = allowed.length > 0 ? allowed : issue.values.map(String);
        const suggestion = typeof at.value === "string" ? suggestName(at.value, values) : undefined;
        out.push(
          schemaDiagnostic("SY1033", {
            message: `Invalid value ${typeName(at.value, path).replace(/^the string /, "")} at ${where}${didYouMean(suggestion)}`,
            file,
            path,
            ...locate(source, path),
            hint: `Allowed values: ${values.join(", ")}.`,
            ...(suggestion !== undefined ? { suggestion } : {}),
          }),
        );
        break;
      }
      case "too_small":
      case "too_big": {
        const at = valueAt(source.data, path);
        const isCount = issue.origin === "array" || issue.origin === "string" || issue.origin === "set";
        const bound = issue.code === "too_small" ? issue.minimum : issue.maximum;
        const inclusive = issue.inclusive !== false;
        const relation =
          issue.code === "too_small"
            ? inclusive
              ? "at least"
              : "greater than"
            : inclusive
              ? "at most"
              : "less than";
        const message = isCount
          ? issue.origin === "array"
            ? `${where} must have ${relation} ${plural(bound, "item")}`
            : `${where} must be ${relation} ${plural(bound, "character")} long`
          : `${where} must be ${relation} ${String(bound)}, got ${typeof at.value === "string" ? typeName(at.value, path).replace(/^the string /, "") : String(at.value)}`;
        out.push(
          schemaDiagnostic("SY1034", {
            message,
            file,
            path,
            ...locate(source, path),
            hint: isCount
              ? "Add the missing entries or remove the key."
              : `Use a value ${relation} ${String(bound)}.`,
          }),
        );
        break;
      }
      case "invalid_format": {
        const at = valueAt(source.data, path);
        const known = knownFormat("pattern" in issue ? issue.pattern : undefined);
        out.push(
          schemaDiagnostic("SY1035", {
            message: `${where} is not ${known?.noun ?? `in the expected format (${issue.format})`}: ${typeName(at.value, path).replace(/^the string /, "")}`,
            file,
            path,
            ...locate(source, path),
            hint: known?.hint ?? "See the field's description in the JSON Schema.",
          }),
        );
        break;
      }
      case "invalid_key": {
        const key = path[path.length - 1];
        const inner = issue.issues[0];
        const known = knownFormat(inner && "pattern" in inner ? inner.pattern : undefined);
        out.push(
          schemaDiagnostic("SY1035", {
            message: `Key '${String(key)}' in ${formatYamlPath(path.slice(0, -1))} is not ${known?.noun ?? "a valid name"}`,
            file,
            path,
            ...locate(source, path, "key"),
            hint: known?.hint ?? "Rename the key.",
          }),
        );
        break;
      }
      case "invalid_union": {
        const nouns = unionTypeNouns(issue);
        const at = valueAt(source.data, path);
        if (nouns !== undefined && at.found) {
          out.push(wrongType(nouns.join(" or "), at.value, where, path, source));
          break;
        }
        out.push(schemaViolation(issue, where, path, source));
        break;
      }
      default: {
        out.push(schemaViolation(issue, where, path, source));
      }
    }
  }
  return out;
}
