import { sha256 } from "@switchyard/config-schema";

/** What the header of a file written by `switchyard generate` says about the file. */
export type GeneratedStatus =
  | { readonly status: "no-header" }
  | { readonly status: "hand-edited" }
  | { readonly status: "intact" };

const BODY_FIELD = /^# body: sha256:([0-9a-f]{64})\r?$/;

/**
 * Judge a generated file by its header, as `@switchyard/litellm-generator`'s `parseGeneratedHeader`
 * writes it: a comment block starting `# AUTO-GENERATED` whose `# body: sha256:<hex>` line is the hash
 * of everything below the block. (A minimal reader, so audit does not depend on the generator.)
 */
export function generatedStatus(text: string): GeneratedStatus {
  if (!text.startsWith("# AUTO-GENERATED")) return { status: "no-header" };
  let end = 0;
  let bodyHash: string | undefined;
  while (end < text.length && text[end] === "#") {
    const newline = text.indexOf("\n", end);
    const line = text.slice(end, newline === -1 ? text.length : newline);
    bodyHash ??= BODY_FIELD.exec(line)?.[1];
    end = newline === -1 ? text.length : newline + 1;
  }
  if (bodyHash === undefined) return { status: "no-header" };
  return sha256(text.slice(end)) === bodyHash ? { status: "intact" } : { status: "hand-edited" };
}
