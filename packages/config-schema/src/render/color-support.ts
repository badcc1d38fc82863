/**
 * Whether to colour output written to `stream`.
 *
 * - `NO_COLOR` set to any non-empty value disables colour (https://no-color.org); it wins over
 *   `FORCE_COLOR`, because it is the user's explicit opt-out.
 * - `FORCE_COLOR` enables colour even when the stream is not a terminal (CI logs), unless it is `0`
 *   or `false`, which disable it.
 * - Otherwise colour is on only for a TTY whose `TERM` is not `dumb`.
 */
export function shouldUseColor(
  stream: { readonly isTTY?: boolean },
  env: Readonly<Record<string, string | undefined>> = process.env,
): boolean {
  const noColor = env.NO_COLOR;
  if (noColor !== undefined && noColor !== "") return false;
  const force = env.FORCE_COLOR;
  if (force !== undefined) return force !== "0" && force.toLowerCase() !== "false";
  if (env.TERM === "dumb") return false;
  return stream.isTTY === true;
}
