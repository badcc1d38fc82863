import type { Diagnostic } from "../diagnostics/diagnostic.js";
import { renderGithub } from "./github.js";
import { renderJson } from "./json.js";
import { renderPretty } from "./pretty.js";
import { renderSarif } from "./sarif.js";
import type { OutputFormat, RenderOptions } from "./types.js";

/**
 * Render diagnostics in one of the output formats; see {@link renderPretty}, {@link renderJson},
 * {@link renderGithub} and {@link renderSarif}. Every format ends with a newline, except `github`
 * with nothing to report, which is empty.
 */
export function renderDiagnostics(
  diagnostics: readonly Diagnostic[],
  format: OutputFormat,
  options: RenderOptions = {},
): string {
  switch (format) {
    case "pretty":
      return renderPretty(diagnostics, options);
    case "json":
      return renderJson(diagnostics, options);
    case "github":
      return renderGithub(diagnostics, options);
    case "sarif":
      return renderSarif(diagnostics, options);
    default:
      throw new TypeError(
        `Unknown output format ${JSON.stringify(format)}; expected pretty, json, github or sarif`,
      );
  }
}
