import { windowEnd } from "../dates/config-date.js";
import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { didYouMean, suggestName } from "../diagnostics/suggest.js";
import type { SeveritySetting } from "../schemas/settings.js";
import { formatYamlPath } from "../validate/describe-path.js";
import { SUPPRESSION_CODES } from "./catalogue.js";
import type { CodeScope, SuppressedDiagnostic, Suppression, SuppressionLocation } from "./types.js";

const META_CODES: ReadonlySet<string> = new Set(Object.values(SUPPRESSION_CODES));

function located(at: SuppressionLocation): Pick<Diagnostic, "file" | "range" | "path"> {
  return { file: at.file, ...(at.range ? { range: at.range } : {}), ...(at.path ? { path: at.path } : {}) };
}

/** The result of checking the codes a suppression or override names against a scope. */
interface CodeCheck {
  /** Codes that apply in this run. */
  readonly active: string[];
  readonly diagnostics: Diagnostic[];
}

/** The known code nearest to a mistyped one: two digits swapped first (`SY2300` → `SY2003`), then edit distance. */
function suggestCode(code: string, known: ReadonlySet<string>): string | undefined {
  const chars = [...code];
  for (let i = 2; i < chars.length; i++) {
    for (let j = i + 1; j < chars.length; j++) {
      if (chars[i] === chars[j]) continue;
      const swapped = [...chars];
      [swapped[i], swapped[j]] = [chars[j]!, chars[i]!];
      const candidate = swapped.join("");
      if (known.has(candidate)) return candidate;
    }
  }
  return suggestName(code, known);
}

function checkCodes(
  codes: readonly string[],
  at: SuppressionLocation,
  scope: CodeScope,
  what: "Suppression" | "Severity override",
): CodeCheck {
  const active: string[] = [];
  const diagnostics: Diagnostic[] = [];
  for (const code of codes) {
    if (!scope.owns(code)) continue;
    if (!scope.known.has(code)) {
      const suggestion = suggestCode(code, scope.known);
      diagnostics.push({
        code: SUPPRESSION_CODES.unknownCode,
        severity: "warning",
        message: `${what} names ${code}, which is not a Switchyard code${didYouMean(suggestion)}`,
        ...located(at),
        hint:
          suggestion !== undefined
            ? `Write ${suggestion}; \`switchyard explain ${suggestion}\` shows what it checks.`
            : "Check the code; `switchyard explain <code>` lists what each one means.",
        ...(suggestion !== undefined ? { suggestion } : {}),
      });
      continue;
    }
    if (!scope.adjustable(code) || (what === "Suppression" && META_CODES.has(code))) {
      diagnostics.push({
        code: SUPPRESSION_CODES.fixedCode,
        severity: "warning",
        message: `${what} names ${code}, which cannot be ${what === "Suppression" ? "suppressed" : "changed"}`,
        ...located(at),
        hint: META_CODES.has(code)
          ? "Findings about suppressions cannot themselves be suppressed; fix the suppression instead."
          : "Syntax and schema errors make the file unusable; fix the finding instead and remove this entry.",
      });
      continue;
    }
    active.push(code);
  }
  return { active, diagnostics };
}

/** When a suppression with this `expires` value stops applying (a config date's exclusive end); never for a bad date. */
function expiryInstant(expires: string): number {
  return windowEnd(expires) ?? Number.POSITIVE_INFINITY;
}

function pathCovers(prefix: string, path: string): boolean {
  if (!path.startsWith(prefix)) return false;
  const next = path.charAt(prefix.length);
  return next === "" || next === "." || next === "[";
}

/** Options for {@link applySuppressions}. */
export interface ApplySuppressionsOptions {
  /** The codes this run answers for. */
  readonly scope: CodeScope;
  /** The current time, for `expires` (default: now). */
  readonly now?: Date;
}

/** What {@link applySuppressions} returns. */
export interface SuppressionOutcome {
  /** The findings that remain, plus findings about the suppressions themselves (unused, expired, unknown code). */
  readonly diagnostics: Diagnostic[];
  /** The findings that were hidden, each with its suppression. */
  readonly suppressed: SuppressedDiagnostic[];
}

interface ActiveSuppression {
  readonly suppression: Suppression;
  readonly codes: readonly string[];
  readonly used: Set<string>;
}

/**
 * Hide the findings that suppressions cover and report suppressions that matched nothing (SY1090),
 * have expired (SY1092) or name unknown or fixed codes (SY1093, SY1095).
 *
 * An inline suppression covers findings in its file whose range starts on its line; a settings
 * suppression covers findings in its file at its YAML path or below (the whole file without a path).
 * Only codes the scope owns are considered: others belong to another command and are left alone.
 * Findings about suppressions themselves are never suppressed. Never throws.
 */
export function applySuppressions(
  diagnostics: readonly Diagnostic[],
  suppressions: readonly Suppression[],
  options: ApplySuppressionsOptions,
): SuppressionOutcome {
  const now = (options.now ?? new Date()).getTime();
  const out: Diagnostic[] = [];
  const byLine = new Map<string, ActiveSuppression[]>();
  const byFile = new Map<string, ActiveSuppression[]>();
  const active: ActiveSuppression[] = [];
  for (const suppression of suppressions) {
    const checked = checkCodes(suppression.codes, suppression.at, options.scope, "Suppression");
    for (const item of checked.diagnostics) out.push(item);
    if (checked.active.length === 0) continue;
    if (suppression.expires !== undefined && now >= expiryInstant(suppression.expires)) {
      out.push({
        code: SUPPRESSION_CODES.expired,
        severity: "warning",
        message: `Suppression of ${checked.active.join(", ")} expired on ${suppression.expires}, so it no longer applies`,
        ...located(suppression.at),
        hint: "Fix the finding and remove the suppression, or set a later `expires` with a fresh reason.",
      });
      continue;
    }
    const entry: ActiveSuppression = { suppression, codes: checked.active, used: new Set() };
    active.push(entry);
    const key =
      suppression.line !== undefined ? `${suppression.file}\0${suppression.line}` : suppression.file;
    const index = suppression.line !== undefined ? byLine : byFile;
    const list = index.get(key);
    if (list) list.push(entry);
    else index.set(key, [entry]);
  }

  const suppressed: SuppressedDiagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const by = META_CODES.has(diagnostic.code) ? undefined : findSuppression(diagnostic, byLine, byFile);
    if (by) {
      by.used.add(diagnostic.code);
      suppressed.push({ diagnostic, suppression: by.suppression });
    } else {
      out.push(diagnostic);
    }
  }

  for (const entry of active) {
    const unused = entry.codes.filter((code) => !entry.used.has(code));
    if (unused.length === 0) continue;
    const s = entry.suppression;
    const where =
      s.line !== undefined
        ? `on line ${s.line}`
        : s.path !== undefined
          ? `in ${s.file} at ${s.path}`
          : `in ${s.file}`;
    out.push({
      code: SUPPRESSION_CODES.unused,
      severity: "warning",
      message: `Suppression of ${unused.join(", ")} is unused: no such finding ${where}`,
      ...located(s.at),
      hint:
        s.origin === "inline"
          ? "Remove the comment. A `# switchyard-ignore` comment covers its own line when it follows code, or the next line when it stands alone."
          : "Remove the entry from `suppressions` in .switchyard.yaml, or correct its `file` and `path`.",
    });
  }
  return { diagnostics: out, suppressed };
}

function findSuppression(
  diagnostic: Diagnostic,
  byLine: ReadonlyMap<string, ActiveSuppression[]>,
  byFile: ReadonlyMap<string, ActiveSuppression[]>,
): ActiveSuppression | undefined {
  if (diagnostic.file === undefined) return undefined;
  // An audit of a large set has tens of thousands of findings and usually no suppression at all:
  // build a lookup key or a path text only when there is something to look up.
  if (diagnostic.range && byLine.size > 0) {
    const inline = byLine.get(`${diagnostic.file}\0${diagnostic.range.start.line}`);
    const hit = inline?.find((e) => e.codes.includes(diagnostic.code));
    if (hit) return hit;
  }
  const inFile = byFile.get(diagnostic.file);
  if (inFile === undefined) return undefined;
  const path = diagnostic.path ? formatYamlPath(diagnostic.path) : undefined;
  return inFile.find(
    (e) =>
      e.codes.includes(diagnostic.code) &&
      (e.suppression.path === undefined || (path !== undefined && pathCovers(e.suppression.path, path))),
  );
}

/** One severity override from the settings file, with where it is written. */
export interface SeverityOverride {
  readonly code: string;
  readonly setting: SeveritySetting;
  readonly at: SuppressionLocation;
}

/** What {@link resolveSeverityOverrides} returns. */
export interface ResolvedSeverityOverrides {
  /** Code → its new severity, or `off`. */
  readonly overrides: ReadonlyMap<string, SeveritySetting>;
  /** Overrides that name unknown (SY1093) or fixed (SY1095) codes. */
  readonly diagnostics: Diagnostic[];
}

/** Keep the overrides of codes the scope owns, knows and allows to change; report the rest. */
export function resolveSeverityOverrides(
  overrides: readonly SeverityOverride[],
  scope: CodeScope,
): ResolvedSeverityOverrides {
  const map = new Map<string, SeveritySetting>();
  const diagnostics: Diagnostic[] = [];
  for (const override of overrides) {
    const checked = checkCodes([override.code], override.at, scope, "Severity override");
    for (const item of checked.diagnostics) diagnostics.push(item);
    for (const code of checked.active) map.set(code, override.setting);
  }
  return { overrides: map, diagnostics };
}

/** Rewrite the severity of overridden codes and drop the findings of codes set to `off`. */
export function applySeverityOverrides(
  diagnostics: readonly Diagnostic[],
  overrides: ReadonlyMap<string, SeveritySetting>,
): Diagnostic[] {
  if (overrides.size === 0) return [...diagnostics];
  const out: Diagnostic[] = [];
  for (const diagnostic of diagnostics) {
    const setting = overrides.get(diagnostic.code);
    if (setting === undefined || setting === diagnostic.severity) out.push(diagnostic);
    else if (setting !== "off") out.push({ ...diagnostic, severity: setting });
  }
  return out;
}
