import { createHash } from "node:crypto";

/** The strong ETag of a flag at a version: `"<version>"`. */
export function versionEtag(version: number): string {
  return `"${version}"`;
}

/** A strong ETag for a body (OFREP bulk answers): a hash of exactly what is sent. */
export function bodyEtag(text: string): string {
  return `"${createHash("sha1").update(text).digest("base64url")}"`;
}

/** The entity tags of an `If-Match` / `If-None-Match` header (`*` stays `*`; `W/` is dropped). */
export function parseEtags(header: string | undefined): string[] | undefined {
  if (header === undefined) return undefined;
  const tags: string[] = [];
  for (const part of header.split(",")) {
    const tag = part.trim().replace(/^W\//, "");
    if (tag !== "") tags.push(tag);
  }
  return tags;
}

/**
 * The version an `If-Match` header asks for: a number from `"<n>"`, `"*"` for any existing version,
 * undefined without the header, NaN when it names no version of ours (it can never match).
 */
export function ifMatchVersion(header: string | undefined): number | "*" | undefined {
  const tags = parseEtags(header);
  if (tags === undefined) return undefined;
  if (tags.includes("*")) return "*";
  for (const tag of tags) {
    const match = /^"(\d{1,15})"$/.exec(tag);
    if (match) return Number(match[1]);
  }
  return Number.NaN;
}

/** Whether an `If-None-Match` header names this ETag (or `*`). */
export function noneMatch(header: string | undefined, etag: string): boolean {
  const tags = parseEtags(header);
  return tags !== undefined && (tags.includes("*") || tags.includes(etag));
}
