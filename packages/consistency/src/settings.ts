import { readFileSync } from "node:fs";
import { join, relative } from "node:path";
import {
  type ConfigSet,
  emptySettings,
  type LoadedSettings,
  loadSettingsText,
  SETTINGS_FILE_NAME,
} from "@switchyard/config-schema";

/** The directory of a config set as its diagnostics show it (relative to the working directory when inside it). */
export function displayDir(set: ConfigSet, cwd?: string): string {
  for (const file of Object.values(set.files)) {
    if (file === undefined) continue;
    const slash = Math.max(file.file.lastIndexOf("/"), file.file.lastIndexOf("\\"));
    return slash < 0 ? "." : file.file.slice(0, slash);
  }
  const rel = relative(cwd ?? process.cwd(), set.dir);
  return rel === "" ? "." : rel.startsWith("..") ? set.dir : rel;
}

/**
 * Read `.switchyard.yaml` from a config directory. A missing file gives empty settings; an
 * unreadable one an SY1010 diagnostic. Never throws.
 *
 * @param dir absolute path of the config directory
 * @param display how diagnostics name the directory (default: `dir`)
 */
export function loadSettings(dir: string, display: string = dir): LoadedSettings {
  const file = display === "." ? SETTINGS_FILE_NAME : join(display, SETTINGS_FILE_NAME);
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(join(dir, SETTINGS_FILE_NAME));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === "ENOENT" || code === "ENOTDIR") return emptySettings(file);
    return {
      ...emptySettings(file),
      diagnostics: [
        {
          code: "SY1010",
          severity: "error",
          message: `Cannot read ${file}: ${code === "EACCES" ? "permission denied" : (error as Error).message}`,
          file,
          hint: "Check the file's permissions, or remove it to use the default settings.",
        },
      ],
    };
  }
  return loadSettingsText(bytes, file, { configDir: display });
}
