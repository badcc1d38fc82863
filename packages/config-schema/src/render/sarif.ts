import type { Catalogue, CatalogueEntry } from "../diagnostics/catalogue.js";
import type { Diagnostic, RelatedLocation, Severity, SourceRange } from "../diagnostics/diagnostic.js";
import { sortDiagnostics } from "../diagnostics/diagnostic.js";
import { sha256 } from "../text/hash.js";
import { formatYamlPath } from "../validate/describe-path.js";
import { normalizeRange, toForwardSlashes } from "./location.js";
import type {
  SarifArtifactLocation,
  SarifLevel,
  SarifLocation,
  SarifLog,
  SarifNotification,
  SarifRegion,
  SarifReportingDescriptor,
  SarifResult,
} from "./sarif-types.js";
import type { RenderOptions } from "./types.js";

/** The `$schema` written into every log. */
export const SARIF_SCHEMA_URI = "https://json.schemastore.org/sarif-2.1.0.json";
/** GitHub code scanning shows at most this many results of a run; the rest are left out. */
export const SARIF_MAX_RESULTS = 5000;
/** `tool.driver.informationUri`. */
export const SWITCHYARD_INFORMATION_URI = "https://github.com/switchyard-dev/switchyard";
/** Key of the partial fingerprint (rule + file + YAML path), so edits above a finding keep its identity. */
export const SARIF_FINGERPRINT_KEY = "switchyard/v1";

const levelOf: Record<Severity, SarifLevel> = { error: "error", warning: "warning", info: "note" };
const severityRank: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

function isAbsolutePath(path: string): boolean {
  return path.startsWith("/") || /^[A-Za-z]:[\\/]/.test(path);
}

/**
 * The artifact location of a display path: relative paths become URI references against
 * `%SRCROOT%` (the checkout root, which is where CI runs Switchyard); absolute ones `file://` URIs.
 * Each segment is percent-encoded, so spaces, `#`, `?` and a `:` in a first segment stay literal.
 */
function artifactLocation(file: string): SarifArtifactLocation {
  const slashed = toForwardSlashes(file);
  if (isAbsolutePath(slashed)) {
    const segments = slashed.replace(/^\/+/, "").split("/");
    const encoded = segments.map((s, i) => (i === 0 && /^[A-Za-z]:$/.test(s) ? s : encodeURIComponent(s)));
    return { uri: `file:///${encoded.join("/")}` };
  }
  const relative = slashed.replace(/^(\.\/)+/, "");
  return { uri: relative.split("/").map(encodeURIComponent).join("/"), uriBaseId: "%SRCROOT%" };
}

function region(range: SourceRange | undefined): SarifRegion {
  // A finding about a whole file (a missing key at the top, a file that cannot be read) has no
  // range. GitHub drops results without a region, so it points at the file's first line.
  if (range === undefined) return { startLine: 1 };
  const span = normalizeRange(range);
  return {
    startLine: span.startLine,
    startColumn: span.startColumn,
    endLine: span.endLine,
    endColumn: span.endColumn,
  };
}

function fingerprint(diagnostic: Diagnostic): string {
  const where = diagnostic.path === undefined ? diagnostic.message : formatYamlPath(diagnostic.path);
  return sha256(`${diagnostic.code}\u0000${toForwardSlashes(diagnostic.file ?? "")}\u0000${where}`).slice(
    0,
    32,
  );
}

function resultText(diagnostic: Diagnostic): string {
  let text = diagnostic.message;
  if (diagnostic.suggestion !== undefined && !text.includes(`'${diagnostic.suggestion}'`)) {
    text += ` — did you mean '${diagnostic.suggestion}'?`;
  }
  if (diagnostic.hint !== undefined && diagnostic.hint !== "") text += `\nHint: ${diagnostic.hint}`;
  return text;
}

function relatedLocation(
  related: RelatedLocation,
  index: number,
  fallbackFile: string | undefined,
): SarifLocation {
  // A related location with a range but no file is in the diagnostic's own file.
  const file = related.file ?? (related.range === undefined ? undefined : fallbackFile);
  const location: SarifLocation = { id: index + 1, message: { text: related.message } };
  if (file !== undefined && file !== "") {
    location.physicalLocation = { artifactLocation: artifactLocation(file), region: region(related.range) };
  }
  return location;
}

function rule(code: string, entry: CatalogueEntry | undefined, severity: Severity): SarifReportingDescriptor {
  const explain = `Run \`switchyard explain ${code}\` for the full entry.`;
  if (entry === undefined) {
    return {
      id: code,
      name: code,
      shortDescription: { text: `Switchyard diagnostic ${code}.` },
      fullDescription: { text: `Switchyard diagnostic ${code}.` },
      help: { text: explain, markdown: explain },
      defaultConfiguration: { level: levelOf[severity] },
    };
  }
  const example = entry.example === undefined ? "" : `\n\nExample:\n${entry.example}`;
  const markdownExample =
    entry.example === undefined ? "" : `\n\n**Example**\n\n\`\`\`yaml\n${entry.example}\n\`\`\``;
  return {
    id: code,
    name: entry.name,
    shortDescription: { text: entry.title },
    fullDescription: { text: entry.cause },
    help: {
      text: `${entry.title}\n\nCause: ${entry.cause}\n\nFix: ${entry.fix}${example}\n\n${explain}`,
      markdown: `**${code} ${entry.name}**: ${entry.title}\n\n**Cause.** ${entry.cause}\n\n**Fix.** ${entry.fix}${markdownExample}\n\n${explain}`,
    },
    defaultConfiguration: { level: levelOf[entry.severity] },
  };
}

/** The diagnostics that fit in the cap: errors first, then warnings, then info; input order kept. */
function withinCap(diagnostics: readonly Diagnostic[], cap: number): Diagnostic[] {
  if (diagnostics.length <= cap) return [...diagnostics];
  const ranked = diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) =>
        severityRank[a.diagnostic.severity] - severityRank[b.diagnostic.severity] || a.index - b.index,
    )
    .slice(0, cap)
    .sort((a, b) => a.index - b.index);
  return ranked.map((r) => r.diagnostic);
}

function buildRules(diagnostics: readonly Diagnostic[], catalogue: Catalogue | undefined) {
  const firstSeverity = new Map<string, Severity>();
  for (const d of diagnostics) if (!firstSeverity.has(d.code)) firstSeverity.set(d.code, d.severity);
  const codes = [...firstSeverity.keys()].sort();
  const rules = codes.map((code) => rule(code, catalogue?.get(code), firstSeverity.get(code)!));
  const indexOf = new Map(codes.map((code, index) => [code, index]));
  return { rules, indexOf };
}

/**
 * Diagnostics as a SARIF 2.1.0 log that GitHub code scanning accepts: one run whose driver is
 * `switchyard` with a rule for each code that occurs (metadata from `options.catalogue`), a result
 * per diagnostic with a `%SRCROOT%`-relative location, a 1-based region in UTF-16 columns, related
 * locations and a partial fingerprint of code + file + YAML path (so a finding keeps its identity when
 * lines above it change).
 *
 * A diagnostic without a range is kept with a region at line 1 of its file (GitHub drops results
 * without a location). A diagnostic without any file (a set-level problem), or without a range in a
 * file that does not exist (`options.fileExists`: a missing required file), has nowhere to point in
 * the repository, so it becomes a tool-execution notification of the run's invocation instead of a
 * result, still linked to its rule. Past 5000 results (GitHub's limit per run) results are left out,
 * errors kept first, and a notification plus `run.properties` say how many.
 */
export function toSarif(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): SarifLog {
  const sorted = sortDiagnostics(diagnostics);
  const exists = options.fileExists ?? (() => true);
  // A finding can be a result only where GitHub can show it: a range, or a file that exists.
  const locatable = (d: Diagnostic) =>
    d.file !== undefined && d.file !== "" && (d.range !== undefined || exists(d.file));
  const located = sorted.filter(locatable);
  const unlocated = sorted.filter((d) => !locatable(d));
  const kept = withinCap(located, SARIF_MAX_RESULTS);
  const omitted = located.length - kept.length;
  const { rules, indexOf } = buildRules([...kept, ...unlocated], options.catalogue);

  const results: SarifResult[] = kept.map((d) => {
    const result: SarifResult = {
      ruleId: d.code,
      ruleIndex: indexOf.get(d.code)!,
      level: levelOf[d.severity],
      message: { text: resultText(d) },
      locations: [
        { physicalLocation: { artifactLocation: artifactLocation(d.file!), region: region(d.range) } },
      ],
    };
    if (d.related !== undefined && d.related.length > 0) {
      result.relatedLocations = d.related.map((r, i) => relatedLocation(r, i, d.file));
    }
    result.partialFingerprints = { [SARIF_FINGERPRINT_KEY]: fingerprint(d) };
    if (d.path !== undefined) result.properties = { yamlPath: formatYamlPath(d.path) };
    return result;
  });

  const notifications: SarifNotification[] = unlocated.map((d) => ({
    level: levelOf[d.severity],
    message: { text: `${d.code}: ${resultText(d)}` },
    associatedRule: { id: d.code, index: indexOf.get(d.code)! },
  }));
  if (omitted > 0) {
    notifications.push({
      level: "warning",
      message: {
        text: `${omitted} of ${located.length} results were left out: GitHub code scanning shows at most ${SARIF_MAX_RESULTS} results per run. Errors were kept first, then warnings, then info.`,
      },
    });
  }

  return {
    $schema: SARIF_SCHEMA_URI,
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: "switchyard",
            ...(options.toolVersion === undefined ? {} : { version: options.toolVersion }),
            informationUri: SWITCHYARD_INFORMATION_URI,
            rules,
          },
        },
        invocations: [
          {
            executionSuccessful: true,
            ...(notifications.length > 0 ? { toolExecutionNotifications: notifications } : {}),
          },
        ],
        results,
        columnKind: "utf16CodeUnits",
        ...(omitted > 0 ? { properties: { truncated: true, omittedResults: omitted } } : {}),
      },
    ],
  };
}

/** {@link toSarif}, serialised with two-space indentation and a final newline. */
export function renderSarif(diagnostics: readonly Diagnostic[], options: RenderOptions = {}): string {
  return `${JSON.stringify(toSarif(diagnostics, options), null, 2)}\n`;
}
