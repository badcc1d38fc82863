import {
  FLAG_CODES,
  FlagEditError,
  FlagNotFoundError,
  FlagStoreUnavailableError,
  FlagVersionConflictError,
} from "@switchyard/feature-flags";

/**
 * Every error the API answers with, by code: the libraries' diagnostic codes (SY7xxx) and the HTTP
 * layer's own. THE one place where an error becomes a status: routes throw (or libraries throw),
 * {@link toApiError} names the code, this table gives the status.
 */
export const STATUS_BY_CODE = {
  // The feature-flags library.
  [FLAG_CODES.flagNotFound]: 404,
  [FLAG_CODES.invalidPercentage]: 422,
  [FLAG_CODES.versionConflict]: 412,
  [FLAG_CODES.invalidFlagName]: 400,
  [FLAG_CODES.invalidUser]: 422,
  [FLAG_CODES.storeUnavailable]: 503,
  // The HTTP layer.
  "malformed-json": 400,
  "invalid-parameter": 400,
  "unsupported-media-type": 415,
  "invalid-body": 422,
  "body-too-large": 413,
  unauthorized: 401,
  forbidden: 403,
  "rate-limited": 429,
  "not-found": 404,
  "method-not-allowed": 405,
  "precondition-failed": 412,
  "forbidden-origin": 403,
  internal: 500,
} as const;

/** A code of {@link STATUS_BY_CODE}. */
export type ApiErrorCode = keyof typeof STATUS_BY_CODE;

/** One schema problem, located by its path in the request (`body.rollout_percentage`, `params.flag`). */
export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

/** An error the API answers with: a code from {@link STATUS_BY_CODE}, a message, and optional details. */
export class ApiError extends Error {
  readonly code: ApiErrorCode;
  readonly details: Readonly<Record<string, unknown>>;
  /** Extra response headers (`Retry-After`, `WWW-Authenticate`, `Allow`). */
  readonly headers: Readonly<Record<string, string>>;
  constructor(
    code: ApiErrorCode,
    message: string,
    details: Readonly<Record<string, unknown>> = {},
    headers: Readonly<Record<string, string>> = {},
  ) {
    super(message);
    this.name = "ApiError";
    this.code = code;
    this.details = details;
    this.headers = headers;
  }

  get status(): number {
    return STATUS_BY_CODE[this.code];
  }

  /** The response body: `{ error: { code, message, ...details } }`. */
  body(): { error: Record<string, unknown> } {
    return { error: { code: this.code, message: this.message, ...this.details } };
  }
}

/**
 * Any thrown value as an {@link ApiError}: the libraries' errors by their code, anything else as
 * `internal` (its message is not shown: it may hold paths or worse; the log has it).
 */
export function toApiError(error: unknown): ApiError {
  if (error instanceof ApiError) return error;
  if (error instanceof FlagVersionConflictError) {
    return new ApiError(error.code, error.message, {
      flag: error.flag,
      expectedVersion: error.expected,
      actualVersion: error.actual,
    });
  }
  if (error instanceof FlagNotFoundError)
    return new ApiError(error.code, error.message, { flag: error.flag });
  if (error instanceof FlagEditError) return new ApiError(error.code, error.message);
  if (error instanceof FlagStoreUnavailableError) {
    return new ApiError(error.code, error.message, {}, { "retry-after": "1" });
  }
  return new ApiError("internal", "Internal error; the server log has the details (look up the request id).");
}
