import { relative } from "node:path";

/** `absolute` relative to `cwd` when inside it (`.` for cwd itself), else absolute: how paths are shown. */
export function displayPath(absolute: string, cwd: string): string {
  const rel = relative(cwd, absolute);
  if (rel === "") return ".";
  return rel.startsWith("..") ? absolute : rel;
}
