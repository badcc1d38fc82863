/**
 * `@switchyard/config-schema/generated`: the header of a generated file: where it starts, what it records,
 * and whether the file was edited by hand.
 * Everything here is also exported by the package's main entry, and a class is the same class from
 * either: the build splits shared code into chunks that every entry loads.
 */
export type { GeneratedHeader, GeneratedStatus, ParsedGeneratedFile } from "../generated/header.js";
export { GENERATED_HEADER_START, generatedStatus, parseGeneratedHeader } from "../generated/header.js";
