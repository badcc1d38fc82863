import { type ConfigSet, configDirDisplay } from "@switchyard/config-schema/load";
import { type LoadedSettings, loadSettingsFile } from "@switchyard/config-schema/suppressions";

/**
 * The directory of a config set as its diagnostics show it (relative to the working directory when
 * inside it): config-schema's `configDirDisplay`, kept under this name for callers of this package.
 */
export function displayDir(set: ConfigSet, cwd?: string): string {
  return configDirDisplay(set, cwd);
}

/**
 * Read `.switchyard.yaml` from a config directory (config-schema's `loadSettingsFile`: a missing file
 * gives empty settings; an unreadable one, a FIFO or a device an SY1010 diagnostic). Never throws.
 *
 * @param dir absolute path of the config directory
 * @param display how diagnostics name the directory (default: `dir`)
 */
export function loadSettings(dir: string, display: string = dir): LoadedSettings {
  return loadSettingsFile(dir, display);
}
