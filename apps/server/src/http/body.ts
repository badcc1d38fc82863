import type { IncomingMessage } from "node:http";
import { ApiError } from "./errors.js";

/** The largest request body accepted by default (a flag definition is a few hundred bytes). */
export const DEFAULT_BODY_LIMIT = 64 * 1024;

/**
 * Read a JSON request body of at most `limit` bytes: an empty body is `undefined`; a body over the
 * limit (by `Content-Length` or as it streams) is `body-too-large` (413), a non-JSON content type
 * `unsupported-media-type` (415), text that does not parse `malformed-json` (400, with the reason).
 */
export async function readJsonBody(req: IncomingMessage, limit: number): Promise<unknown> {
  const declared = req.headers["content-length"];
  if (declared !== undefined && Number(declared) > limit) {
    req.resume();
    throw tooLarge(limit);
  }
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > limit) {
      req.resume();
      throw tooLarge(limit);
    }
    chunks.push(chunk);
  }
  if (size === 0) return undefined;
  const type = req.headers["content-type"];
  if (type !== undefined && !/^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i.test(type)) {
    throw new ApiError(
      "unsupported-media-type",
      `Send JSON (Content-Type: application/json), not ${type.slice(0, 100)}`,
    );
  }
  const text = Buffer.concat(chunks, size).toString("utf8");
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    throw new ApiError("malformed-json", `The body is not valid JSON: ${(error as Error).message}`);
  }
}

function tooLarge(limit: number): ApiError {
  return new ApiError("body-too-large", `The body is larger than ${limit} bytes`, { limit });
}
