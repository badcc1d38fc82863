import { isAbsolute, relative, sep } from "node:path";

/**
 * How a path is shown to people: relative to `cwd` when inside it (`.` for `cwd` itself), else
 * absolute. (A name that merely starts with two dots, `..cache/x`, is inside.)
 */
export function displayPath(absolute: string, cwd: string = process.cwd()): string {
  const rel = relative(cwd, absolute);
  if (rel === "") return ".";
  if (rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel)) return absolute;
  return rel;
}
