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

function sgr(open: number, close: number, enabled: boolean): (text: string) => string {
  return enabled ? (text) => `\u001b[${open}m${text}\u001b[${close}m` : (text) => text;
}

/** A {@link Style} that colours when `enabled`, and returns text unchanged otherwise. */
export function createStyle(enabled: boolean): Style {
  return {
    enabled,
    bold: sgr(1, 22, enabled),
    dim: sgr(2, 22, enabled),
    red: sgr(31, 39, enabled),
    yellow: sgr(33, 39, enabled),
    green: sgr(32, 39, enabled),
    cyan: sgr(36, 39, enabled),
  };
}
