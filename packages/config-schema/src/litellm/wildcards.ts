/**
 * LiteLLM's wildcard routes, as its router treats them (`litellm/router_utils/pattern_match_deployments.py`,
 * `PatternMatchRouter`): a `model_name` containing `*` becomes the regular expression
 * `re.escape(name)` with every escaped `*` replaced by `(.*)`; a request is matched with `re.match`
 * (anchored at the start of the requested name, not at its end); only `*` is special. Deployments
 * whose names give the same expression form one group. Patterns are tried most specific first:
 * sorted, longest first, by the length of the expression and then by its count of regular-expression
 * characters, ties keeping the order of the config (Python's `sorted` is stable). An exact
 * `model_name` always wins over every pattern.
 */

/** The characters Python's `re.escape` (3.7+) escapes. */
const PYTHON_ESCAPED = new Set("()[]{}?*+-|^$\\.&~# \t\n\r\v\f");

/** The characters LiteLLM counts as regular-expression complexity. */
const COMPLEXITY_CHARS = new Set(["*", "+", "?", "\\", "^", "$", "|", "(", ")"]);

/** Whether a `model_name` is a LiteLLM wildcard route. */
export function isLiteLLMWildcard(modelName: string): boolean {
  return modelName.includes("*");
}

/** The regular expression (Python syntax) LiteLLM builds from a wildcard `model_name`. */
export function litellmPatternRegex(pattern: string): string {
  let out = "";
  for (const char of pattern) out += PYTHON_ESCAPED.has(char) ? `\\${char}` : char;
  return out.replaceAll("\\*", "(.*)");
}

/**
 * LiteLLM's specificity key of a wildcard `model_name`: the length of its expression, then its
 * count of regular-expression characters. Larger keys are tried first.
 */
export function litellmPatternSpecificity(pattern: string): readonly [number, number] {
  const regex = litellmPatternRegex(pattern);
  let complexity = 0;
  for (const char of regex) if (COMPLEXITY_CHARS.has(char)) complexity++;
  return [regex.length, complexity];
}

/**
 * Order two wildcard `model_name`s as LiteLLM tries them: negative when `a` is tried before `b`,
 * positive when after, 0 when LiteLLM keeps their config order (equal specificity).
 */
export function compareLiteLLMPatternPrecedence(a: string, b: string): number {
  const [lengthA, complexityA] = litellmPatternSpecificity(a);
  const [lengthB, complexityB] = litellmPatternSpecificity(b);
  return lengthB - lengthA || complexityB - complexityA;
}

/**
 * The wildcard groups of a model list in the order LiteLLM tries them: one entry per distinct
 * expression (the first `model_name` giving it), sorted by precedence, ties in first-appearance order.
 */
export function litellmPatternOrder(modelNames: Iterable<string>): string[] {
  const seen = new Set<string>();
  const groups: string[] = [];
  for (const name of modelNames) {
    if (!isLiteLLMWildcard(name)) continue;
    const regex = litellmPatternRegex(name);
    if (seen.has(regex)) continue;
    seen.add(regex);
    groups.push(name);
  }
  // Array.prototype.sort is stable, as Python's sorted is.
  return groups.sort(compareLiteLLMPatternPrecedence);
}

function escapeJsRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/-]/g, "\\$&");
}

/** Whether LiteLLM's `re.match` of the pattern's expression accepts the requested name. */
export function litellmPatternMatches(pattern: string, name: string): boolean {
  const source = pattern.split("*").map(escapeJsRegExp).join("(.*)");
  return new RegExp(`^${source}`, "s").test(name);
}

/**
 * The wildcard route LiteLLM picks for a requested name that no exact `model_name` serves: the
 * first pattern, in LiteLLM's precedence order, whose expression matches. `undefined` when none does.
 */
export function litellmRouteFor(patterns: Iterable<string>, name: string): string | undefined {
  return litellmPatternOrder(patterns).find((pattern) => litellmPatternMatches(pattern, name));
}
