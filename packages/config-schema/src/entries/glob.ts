/**
 * `@switchyard/config-schema/glob`: the Switchyard glob of the schemas (`*`, `?`, character classes),
 * compiled, matched and indexed.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type { Glob } from "../glob/glob.js";
export { compileGlob, GlobIndex, globIncludes, globMatches } from "../glob/glob.js";
