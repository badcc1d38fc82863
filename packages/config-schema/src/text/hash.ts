/**
 * Hex SHA-256 of a text or bytes; used for header hashes, history records and SARIF fingerprints.
 * `node:crypto` is loaded on the first hash rather than when this module is imported: loading it
 * costs a few milliseconds, and most CLI runs (a valid config set, pretty output) hash nothing.
 */
export function sha256(input: string | Uint8Array): string {
  return process.getBuiltinModule("node:crypto").createHash("sha256").update(input).digest("hex");
}

/**
 * `bytes` random bytes as hex (temp-file, lock and journal nonces), with `node:crypto` loaded on
 * first use for the same reason as {@link sha256}: reading a config set names no temp file.
 */
export function randomHex(bytes: number): string {
  return process.getBuiltinModule("node:crypto").randomBytes(bytes).toString("hex");
}
