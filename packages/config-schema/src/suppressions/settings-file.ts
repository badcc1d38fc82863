import { join } from "node:path";
import type { Diagnostic, YamlPath } from "../diagnostics/diagnostic.js";
import { sortDiagnostics } from "../diagnostics/diagnostic.js";
import { readFailureDiagnostic } from "../fs/read-diagnostic.js";
import { readBoundedFileSync } from "../fs/read-file.js";
import {
  DIAGNOSTIC_CODE_PATTERN,
  SETTINGS_FILE_NAME,
  SEVERITY_SETTINGS,
  SettingsFileSchema,
  SettingsSuppressionSchema,
  type SeveritySetting,
} from "../schemas/settings.js";
import { formatYamlPath } from "../validate/describe-path.js";
import { zodIssuesToDiagnostics } from "../validate/zod-issues.js";
import { parseYaml, type YamlSource } from "../yaml/parse.js";
import type { SeverityOverride } from "./apply.js";
import type { Suppression } from "./types.js";

/** Switchyard's settings for a config directory, read leniently: every valid part is kept. */
export interface Settings {
  /** Severity overrides, in file order. */
  readonly rules: readonly SeverityOverride[];
  /** `options.max_fallback_depth`, when set and valid. */
  readonly maxFallbackDepth?: number;
  /** Suppressions from the `suppressions` list (their `file` resolved against the config directory). */
  readonly suppressions: readonly Suppression[];
}

/** A settings file, loaded. */
export interface LoadedSettings {
  /** The display path of the settings file. */
  readonly file: string;
  /** The parsed file, when there was one. */
  readonly source?: YamlSource;
  readonly settings: Settings;
  /** Parse and schema problems of the settings file itself. */
  readonly diagnostics: readonly Diagnostic[];
}

/** Options for {@link loadSettingsText}. */
export interface LoadSettingsOptions {
  /**
   * The display path of the config directory (as the config files' diagnostics show it); the `file`
   * of each settings suppression is joined to it. Default: the settings file's own directory.
   */
  readonly configDir?: string;
}

/** Settings with nothing set (no file, or an empty one). */
export function emptySettings(file: string): LoadedSettings {
  return { file, settings: { rules: [], suppressions: [] }, diagnostics: [] };
}

function record(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === "object" && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

function dirOf(file: string): string {
  const slash = Math.max(file.lastIndexOf("/"), file.lastIndexOf("\\"));
  return slash < 0 ? "." : file.slice(0, slash);
}

/**
 * Parse and validate the text of a `.switchyard.yaml` file. Problems become diagnostics (SY1xxx,
 * located in the settings file); whatever is valid is still used, so one bad override does not
 * disable the others. Never throws.
 */
export function loadSettingsText(
  input: string | Uint8Array,
  file: string,
  options: LoadSettingsOptions = {},
): LoadedSettings {
  const source = parseYaml(input, { file });
  const diagnostics: Diagnostic[] = [
    ...source.diagnostics.filter((d) => !(d.code === "SY1009" && /empty/.test(d.message))),
  ];
  const root = record(source.data);
  if (root === undefined) return { file, source, settings: { rules: [], suppressions: [] }, diagnostics };
  const parsed = SettingsFileSchema.safeParse(root);
  if (!parsed.success)
    for (const item of zodIssuesToDiagnostics(parsed.error.issues, SettingsFileSchema, source))
      diagnostics.push(item);

  const at = (path: YamlPath, part: "key" | "value" = "value") => {
    const range = source.rangeOf(path, part);
    return { file, path, ...(range ? { range } : {}) };
  };

  const rules: SeverityOverride[] = [];
  const ruleMap = record(Object.hasOwn(root, "rules") ? root.rules : undefined);
  for (const [code, setting] of Object.entries(ruleMap ?? {})) {
    if (!DIAGNOSTIC_CODE_PATTERN.test(code)) continue;
    if (typeof setting !== "string" || !(SEVERITY_SETTINGS as readonly string[]).includes(setting)) continue;
    rules.push({ code, setting: setting as SeveritySetting, at: at(["rules", code], "key") });
  }

  let maxFallbackDepth: number | undefined;
  const opts = record(Object.hasOwn(root, "options") ? root.options : undefined);
  const depth = opts && Object.hasOwn(opts, "max_fallback_depth") ? opts.max_fallback_depth : undefined;
  if (typeof depth === "number" && Number.isInteger(depth) && depth > 0) maxFallbackDepth = depth;

  const configDir = options.configDir ?? dirOf(file);
  const suppressions: Suppression[] = [];
  const list =
    Object.hasOwn(root, "suppressions") && Array.isArray(root.suppressions) ? root.suppressions : [];
  list.forEach((item, index) => {
    const entry = SettingsSuppressionSchema.safeParse(item);
    if (!entry.success) return;
    const { code, file: target, path, reason, expires } = entry.data;
    suppressions.push({
      origin: "settings",
      codes: [code],
      reason,
      file: join(configDir, target),
      ...(path !== undefined ? { path: typeof path === "string" ? path : formatYamlPath(path) } : {}),
      ...(expires !== undefined ? { expires } : {}),
      at: at(["suppressions", index]),
    });
  });

  return {
    file,
    source,
    settings: { rules, suppressions, ...(maxFallbackDepth !== undefined ? { maxFallbackDepth } : {}) },
    diagnostics: sortDiagnostics(diagnostics),
  };
}

/**
 * The settings file read last, by directory and content: one run reads it more than once (the audit
 * for its overrides, `validateConfigSet` for the rules' ones), and parsing a large one costs seconds.
 * Only the same bytes are answered from it, so an edited file is always read again.
 */
let lastLoaded:
  | {
      readonly dir: string;
      readonly display: string;
      readonly bytes: Uint8Array;
      readonly loaded: LoadedSettings;
    }
  | undefined;

/**
 * Read `.switchyard.yaml` from a config directory through the bounded reader: a missing file gives
 * empty settings; one that cannot be read (a FIFO, a device, too large, no permission) gives an
 * SY1010 (or SY1006) diagnostic and empty settings. Never throws, never hangs. The one reader of the
 * settings file: `validate` and `audit` both use it.
 *
 * @param dir absolute path of the config directory
 * @param display the config directory as diagnostics show it (default: `dir`)
 */
export function loadSettingsFile(dir: string, display: string = dir): LoadedSettings {
  const file = display === "." ? SETTINGS_FILE_NAME : join(display, SETTINGS_FILE_NAME);
  const read = readBoundedFileSync(join(dir, SETTINGS_FILE_NAME));
  if (read.ok) {
    const last = lastLoaded;
    if (last?.dir === dir && last.display === display && Buffer.compare(last.bytes, read.bytes) === 0)
      return last.loaded;
    const loaded = loadSettingsText(read.bytes, file, { configDir: display });
    lastLoaded = { dir, display, bytes: read.bytes, loaded };
    return loaded;
  }
  const failure = read.failure;
  if (failure.kind === "not-found") return emptySettings(file);
  const diagnostic = readFailureDiagnostic(
    file,
    failure,
    "Make it a readable regular file, or remove it to use the default settings.",
  );
  return { ...emptySettings(file), diagnostics: [diagnostic] };
}
