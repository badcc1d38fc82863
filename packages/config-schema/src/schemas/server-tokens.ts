import * as z from "zod";

/** What a token may do: `admin` changes flags (and reads), `read` evaluates and reads. */
export const TokenRoleSchema = z
  .enum(["admin", "read"])
  .describe("`admin`: every mutation and every read; `read`: evaluation and reads only.");

/** A SHA-256 digest written as 64 hexadecimal digits. */
const SHA256_HEX = /^[0-9a-f]{64}$/i;

export const ServerTokenSchema = z
  .strictObject({
    name: z
      .string()
      .regex(/^[A-Za-z0-9][A-Za-z0-9._@:-]{0,63}$/)
      .describe("Who the token belongs to: recorded in the flag history and logs (never the token)."),
    role: TokenRoleSchema,
    token: z
      .string()
      .min(16)
      .regex(/^[\x21-\x7e]+$/)
      .optional()
      .describe(
        "The token itself (16+ printable characters). Prefer `sha256`: then the file holds no secret.",
      ),
    sha256: z
      .string()
      .regex(SHA256_HEX)
      .optional()
      .describe('The SHA-256 of the token, hex (`printf %s "$TOKEN" | sha256sum`).'),
  })
  .refine((t) => (t.token === undefined) !== (t.sha256 === undefined), {
    message: "Give exactly one of `token` and `sha256`",
  })
  .describe("One bearer token of the HTTP API.");

export const ServerTokensFileSchema = z
  .strictObject({
    tokens: z.array(ServerTokenSchema).min(1).describe("The tokens the server accepts."),
  })
  .refine((file) => new Set(file.tokens.map((t) => t.name)).size === file.tokens.length, {
    message: "Token names must be unique",
    path: ["tokens"],
  })
  .describe("The server's tokens file (`switchyard serve --tokens-file`): named admin and read tokens.");

export type TokenRole = z.infer<typeof TokenRoleSchema>;
export type ServerToken = z.infer<typeof ServerTokenSchema>;
export type ServerTokensFile = z.infer<typeof ServerTokensFileSchema>;
