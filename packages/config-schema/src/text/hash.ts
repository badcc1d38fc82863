import { createHash } from "node:crypto";

/** Hex SHA-256 of a text or bytes; used for header hashes and history records. */
export function sha256(input: string | Uint8Array): string {
  return createHash("sha256").update(input).digest("hex");
}
