/** Minimal ANSI styling: every function returns its input unchanged when colours are off. */
export interface Palette {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly red: (text: string) => string;
  readonly yellow: (text: string) => string;
  readonly cyan: (text: string) => string;
  readonly green: (text: string) => string;
}

function style(open: number, close: number): (text: string) => string {
  return (text) => (text === "" ? "" : `\u001b[${open}m${text}\u001b[${close}m`);
}

const identity = (text: string): string => text;

const colorPalette: Palette = {
  bold: style(1, 22),
  dim: style(2, 22),
  red: style(31, 39),
  yellow: style(33, 39),
  cyan: style(36, 39),
  green: style(32, 39),
};

const plainPalette: Palette = {
  bold: identity,
  dim: identity,
  red: identity,
  yellow: identity,
  cyan: identity,
  green: identity,
};

/** The palette for `enabled` colours. */
export function palette(enabled: boolean): Palette {
  return enabled ? colorPalette : plainPalette;
}
