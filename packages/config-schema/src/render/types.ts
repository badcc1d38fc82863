import type { Catalogue } from "../diagnostics/catalogue.js";
import type { SourceRoot } from "./source-root.js";

/** The output formats every Switchyard command that reports diagnostics accepts (`--format`). */
export const OUTPUT_FORMATS = ["pretty", "json", "github", "sarif"] as const;

/**
 * How diagnostics are printed: `pretty` for people (rustc-style headers and code frames), `json` for
 * scripts, `github` for GitHub Actions workflow annotations, `sarif` for code-scanning upload.
 */
export type OutputFormat = (typeof OUTPUT_FORMATS)[number];

/** True when `value` names an output format (for validating a `--format` argument). */
export function isOutputFormat(value: string): value is OutputFormat {
  return (OUTPUT_FORMATS as readonly string[]).includes(value);
}

/** Options shared by every renderer; each one ignores what it has no use for. */
export interface RenderOptions {
  /** Emit ANSI colours (pretty only). Default `false`; decide with {@link shouldUseColor}. */
  readonly color?: boolean;
  /**
   * The diagnostic catalogue. Gives SARIF its rule metadata (name, title, cause and fix as help),
   * GitHub annotations their titles, JSON each code's name, and pretty output a hint for diagnostics
   * that carry none.
   */
  readonly catalogue?: Catalogue;
  /** Display file path (as in `Diagnostic.file`) → full text of that file, for pretty code frames. */
  readonly sources?: ReadonlyMap<string, string>;
  /** Switchyard's version: SARIF `tool.driver.version` and JSON `tool.version`. */
  readonly toolVersion?: string;
  /** What was checked, e.g. `examples/config`; named in the pretty summary line. */
  readonly summaryTarget?: string;
  /**
   * Where `github` and `sarif` anchor paths: relative to the repository root (what GitHub resolves
   * them against), with findings about paths that are not files reported without a location. Build
   * it with `sourceRootFor(cwd)`. Without it, paths are written as they are, and SARIF's `%SRCROOT%`
   * is the process's working directory.
   */
  readonly sourceRoot?: SourceRoot;
}
