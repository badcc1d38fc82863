/**
 * Hex SHA-256 of a text or bytes; used for header hashes, history records and SARIF fingerprints.
 * `node:crypto` is loaded on the first hash rather than when this module is imported: loading it
 * costs a few milliseconds, and most CLI runs (a valid config set, pretty output) hash nothing.
 */
export function sha256(input: string | Uint8Array): string {
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(input).digest("hex");
}
