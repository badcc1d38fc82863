import { ENV_REFERENCE_PATTERN } from "../schemas/patterns.js";

/** Words that mark a value as a stand-in rather than a secret (`sk-your-key-here`, AWS's `…EXAMPLE` key). */
const PLACEHOLDER_WORD =
  /(?:^|[^a-z])(?:example|your|placeholder|change-?me|replace-?me|replace|dummy|redacted|fake|sample|insert|here|todo|tbd)(?:[^a-z]|$)/i;

/** Runs that say "masked" or "fill in": `xxxx`, `****`, `....`, `<…>`. */
const MASK_RUN = /x{4,}|X{4,}|\*{3,}|•{3,}|…/;

/** Values that stand for "no key" in local servers' documentation (vLLM's `EMPTY`, llama.cpp's `sk-no-key-required`). */
const DUMMY_VALUES: ReadonlySet<string> = new Set([
  "",
  "empty",
  "none",
  "null",
  "nil",
  "dummy",
  "no-key",
  "nokey",
  "no_key",
  "not-needed",
  "not_needed",
  "unused",
  "sk-no-key-required",
  "sk-dummy",
  "ollama",
  "lm-studio",
  "lmstudio",
  "x",
  "-",
  "na",
  "n/a",
]);

/**
 * Whether a value is a placeholder rather than a secret: an environment reference (`os.environ/X`,
 * `${X}`, `$X`, `%X%`), a template (`<x>`, `{{ x }}`), a documented dummy value (`EMPTY`,
 * `sk-no-key-required`), a masked value (`****`, `xxxx`), or a value with a stand-in word in it
 * (`your-key-here`, `…EXAMPLE`, `changeme`). Placeholders are never secrets.
 */
export function isPlaceholder(value: string): boolean {
  const v = value.trim();
  if (ENV_REFERENCE_PATTERN.test(v)) return true;
  if (/\$\{[^}]*\}/.test(v) || /^\$[A-Za-z_][A-Za-z0-9_]*$/.test(v) || /^%[A-Za-z_][A-Za-z0-9_]*%$/.test(v))
    return true;
  if (/<[^<>]+>/.test(v) || /\{\{[^}]*\}\}/.test(v)) return true;
  if (DUMMY_VALUES.has(v.toLowerCase())) return true;
  return MASK_RUN.test(v) || PLACEHOLDER_WORD.test(v);
}
