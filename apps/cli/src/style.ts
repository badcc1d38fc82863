import { palette } from "@switchyard/config-schema/render";

/** ANSI styling that turns into plain text when colour is off. */
export interface Style {
  readonly enabled: boolean;
  bold(text: string): string;
  dim(text: string): string;
  red(text: string): string;
  yellow(text: string): string;
  green(text: string): string;
  cyan(text: string): string;
}

/** A {@link Style} that colours when `enabled`, and returns text unchanged otherwise. */
export function createStyle(enabled: boolean): Style {
  // The one palette (config-schema's): the same codes as every renderer, which the output net knows.
  return { enabled, ...palette(enabled) };
}
