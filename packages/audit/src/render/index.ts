import { guardJsonForLogs, type SourceRoot } from "@switchyard/config-schema/render";
import type { AuditGate } from "../gate.js";
import type { AuditResult } from "../types.js";
import { renderViaDiagnostics } from "./diagnostics.js";
import { renderMarkdown } from "./markdown.js";
import { renderText } from "./text.js";

/** The formats of `switchyard audit --format`. */
export const AUDIT_FORMATS = ["text", "json", "sarif", "github", "markdown"] as const;

/** One output format of the audit. */
export type AuditFormat = (typeof AUDIT_FORMATS)[number];

/** Options of {@link renderAudit}; each format uses what applies to it. */
export interface AuditRenderOptions {
  /** Text: ANSI colours (default false). Pass `shouldUseColor(process.stdout)` to honour NO_COLOR and TTYs. */
  readonly color?: boolean;
  /** Text: ASCII score bars. */
  readonly ascii?: boolean;
  /** Text and markdown: the gate whose exit code the report states (default: the score bands). */
  readonly gate?: AuditGate;
  /** Text and markdown: what was audited, e.g. the `--config-dir` as typed (default: the absolute directory). */
  readonly target?: string;
  /** SARIF: `tool.driver.version`. */
  readonly toolVersion?: string;
  /** SARIF and GitHub: paths relative to the repository root (`sourceRootFor(cwd)` in config-schema). */
  readonly sourceRoot?: SourceRoot;
  /** SARIF: display path → file text, for `primaryLocationLineHash`. */
  readonly sources?: ReadonlyMap<string, string>;
}

/** The result as the JSON report: the {@link AuditResult} itself, two-space indented. */
export function renderJson(result: AuditResult): string {
  return `${guardJsonForLogs(JSON.stringify(result, null, 2))}\n`;
}

/**
 * Render an audit result: `text` (score bars, findings by category), `json` (the result as-is),
 * `sarif` (SARIF 2.1.0 for code scanning), `github` (workflow annotations), `markdown` (a PR comment).
 * Every format shows secrets only redacted. Always ends with a newline (except empty `github` output).
 */
export function renderAudit(
  result: AuditResult,
  format: AuditFormat,
  options: AuditRenderOptions = {},
): string {
  switch (format) {
    case "text":
      return renderText(result, {
        ...(options.color !== undefined ? { color: options.color } : {}),
        ...(options.ascii !== undefined ? { ascii: options.ascii } : {}),
        ...(options.gate !== undefined ? { gate: options.gate } : {}),
        ...(options.target !== undefined ? { target: options.target } : {}),
      });
    case "markdown":
      return renderMarkdown(result, {
        ...(options.gate !== undefined ? { gate: options.gate } : {}),
        ...(options.target !== undefined ? { target: options.target } : {}),
      });
    case "json":
      return renderJson(result);
    case "sarif":
    case "github":
      return renderViaDiagnostics(result, format, {
        ...(options.toolVersion !== undefined ? { toolVersion: options.toolVersion } : {}),
        ...(options.sourceRoot !== undefined ? { sourceRoot: options.sourceRoot } : {}),
        ...(options.sources !== undefined ? { sources: options.sources } : {}),
      });
    default:
      throw new TypeError(
        `Unknown audit format ${JSON.stringify(format)}; expected ${AUDIT_FORMATS.join(", ")}`,
      );
  }
}
