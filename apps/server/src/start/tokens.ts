import { readBoundedFile } from "@switchyard/config-schema/fs";
import {
  type ServerToken,
  ServerTokenSchema,
  ServerTokensFileSchema,
} from "@switchyard/config-schema/schemas";
import { parseYaml } from "@switchyard/config-schema/yaml";
import { type TokenEntry, TokenSet, tokenDigest } from "../http/auth.js";

/** What reading the tokens gives: the set, or why the server must not start. */
export type TokensResult =
  | { readonly ok: true; readonly tokens: TokenSet }
  | { readonly ok: false; readonly errors: string[] };

function entryOf(token: ServerToken): TokenEntry {
  return {
    name: token.name,
    role: token.role,
    digest: token.sha256 !== undefined ? Buffer.from(token.sha256, "hex") : tokenDigest(token.token ?? ""),
  };
}

/**
 * The server's tokens: `SWITCHYARD_ADMIN_TOKEN` (named `admin`) and `SWITCHYARD_READ_TOKEN` (named
 * `read`) from the environment, and the named tokens of a tokens file (YAML or JSON, config-schema's
 * `ServerTokensFileSchema`; tokens may be given as their SHA-256). A file holding a plain token must
 * not be readable by group or others (like ssh's keys). Error messages never contain a token.
 */
export async function loadTokens(
  env: Readonly<Record<string, string | undefined>>,
  tokensFile: string | undefined,
): Promise<TokensResult> {
  const errors: string[] = [];
  const tokens: ServerToken[] = [];
  for (const [variable, role] of [
    ["SWITCHYARD_ADMIN_TOKEN", "admin"],
    ["SWITCHYARD_READ_TOKEN", "read"],
  ] as const) {
    const value = env[variable];
    if (value === undefined || value === "") continue;
    const parsed = ServerTokenSchema.safeParse({ name: role, role, token: value });
    if (parsed.success) tokens.push(parsed.data);
    else errors.push(`${variable} must be at least 16 printable characters without spaces`);
  }
  if (tokensFile !== undefined) {
    const read = await readBoundedFile(tokensFile, { maxBytes: 1024 * 1024 });
    if (!read.ok) {
      errors.push(`Cannot read the tokens file ${tokensFile}: ${read.failure.reason}`);
    } else {
      const source = parseYaml(read.bytes, { file: tokensFile });
      const problems = source.diagnostics.filter((d) => d.severity === "error");
      const parsed = problems.length === 0 ? ServerTokensFileSchema.safeParse(source.data) : undefined;
      if (parsed === undefined) {
        errors.push(`The tokens file ${tokensFile} does not parse: ${problems[0]?.message ?? "invalid"}`);
      } else if (!parsed.success) {
        for (const issue of parsed.error.issues.slice(0, 5)) {
          // Issue messages name fields and rules, never the values (tokens).
          errors.push(`The tokens file ${tokensFile}: ${issue.path.join(".") || "(top)"}: ${issue.message}`);
        }
      } else {
        if (parsed.data.tokens.some((t) => t.token !== undefined) && (read.mode & 0o077) !== 0) {
          errors.push(
            `The tokens file ${tokensFile} holds plain tokens and is readable by others (mode ${(read.mode & 0o777).toString(8)}): chmod 600 it, or store each token's sha256`,
          );
        }
        for (const token of parsed.data.tokens) tokens.push(token);
      }
    }
  }
  const names = new Set<string>();
  for (const token of tokens) {
    if (names.has(token.name)) errors.push(`Two tokens are named '${token.name}'`);
    names.add(token.name);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, tokens: new TokenSet(tokens.map(entryOf)) };
}
