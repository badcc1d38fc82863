/**
 * `@switchyard/config-schema/fs`: the bounded reader every config read goes through, errno in
 * words, the one `displayPath`, and `mkdir -p` that names a read-only file system.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type {
  BoundedReadFailure,
  BoundedReadOptions,
  BoundedReadResult,
  BoundedReadSuccess,
  FileType,
} from "../fs/index.js";
export {
  BoundedReadError,
  describeFsError,
  displayPath,
  errnoCode,
  findRepositoryRoot,
  isPermissionError,
  makeDirectory,
  readBoundedFile,
  readBoundedFileIfExists,
  readBoundedFileSync,
  readFailureDiagnostic,
  sourceRootFor,
  utf8Text,
} from "../fs/index.js";
