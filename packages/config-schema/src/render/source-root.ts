import { isAbsolute, relative, resolve, sep } from "node:path";
import { toForwardSlashes } from "./location.js";

/**
 * Where the paths of a report are anchored, for the formats that tools read back (GitHub workflow
 * annotations and SARIF): GitHub resolves a relative path against the root of the repository, not
 * against the directory the tool ran in, so a tool run from `infra/` must write
 * `infra/config/providers.yaml`. Build one with `sourceRootFor` (config-schema's fs helpers).
 */
export interface SourceRoot {
  /** The absolute directory that `Diagnostic.file` display paths are relative to (the loader's `cwd`). */
  readonly cwd: string;
  /** The absolute repository root: paths are written relative to it; SARIF's `%SRCROOT%` names it. */
  readonly root: string;
  /**
   * Whether an absolute path names an existing file. A finding about a path that is not one (a
   * missing required file, an unreadable directory) is reported without a location, naming the
   * path in its message, so that no annotation or alert points at nothing. Default: every path is.
   */
  readonly isFile?: (absolutePath: string) => boolean;
}

/** Where a diagnostic's file is, for a reader anchored at the repository root. */
export type RepositoryPlace =
  /** A file inside the root: its path relative to the root, with forward slashes. */
  | { readonly kind: "inside"; readonly path: string; readonly absolute: string }
  /** A file outside the root: its absolute path. */
  | { readonly kind: "outside"; readonly absolute: string }
  /** Not a file (missing, or a directory): it gets no location. */
  | { readonly kind: "none"; readonly absolute: string };

/**
 * Place a display path (`Diagnostic.file`, relative to `sourceRoot.cwd`) in the repository. Without
 * a source root the path is taken as it is (relative paths are assumed to be root-relative already).
 */
export function placeInRepository(file: string, sourceRoot: SourceRoot | undefined): RepositoryPlace {
  if (sourceRoot === undefined) {
    const slashed = toForwardSlashes(file).replace(/^(\.\/)+/, "");
    return isAbsolute(file) || /^[A-Za-z]:[\\/]/.test(file)
      ? { kind: "outside", absolute: file }
      : { kind: "inside", path: slashed, absolute: file };
  }
  const absolute = resolve(sourceRoot.cwd, file);
  if (sourceRoot.isFile !== undefined && !sourceRoot.isFile(absolute)) return { kind: "none", absolute };
  const fromRoot = relative(sourceRoot.root, absolute);
  if (fromRoot === "" || fromRoot === ".." || fromRoot.startsWith(`..${sep}`) || isAbsolute(fromRoot))
    return { kind: "outside", absolute };
  return { kind: "inside", path: toForwardSlashes(fromRoot), absolute };
}
