/**
 * Domain errors: a closed set of codes, each with an HTTP status in one exhaustive table
 * (DESIGN.md 5). Messages are Vietnamese because they are shown to people.
 */
export const ERROR_STATUS = {
  VALIDATION_ERROR: 400,
  UNAUTHENTICATED: 401,
  INVALID_CREDENTIALS: 401,
  MFA_REQUIRED: 401,
  INVALID_TOTP: 401,
  SESSION_EXPIRED: 401,
  FORBIDDEN: 403,
  CSRF_REJECTED: 403,
  MFA_ENROLLMENT_REQUIRED: 403,
  NOT_FOUND: 404,
  ACTION_NOT_ALLOWED: 409,
  CONFLICT: 409,
  SUPPLEMENT_LIMIT: 409,
  EXTENSION_LIMIT: 409,
  APOLOGY_REQUIRED: 409,
  OVERRIDE_REQUIRED: 409,
  ALREADY_RATED: 409,
  QUEUE_EMPTY: 409,
  CODE_EXPIRED: 409,
  TOO_MANY_ATTEMPTS: 429,
  UNSUPPORTED_FILE_TYPE: 415,
  CHANNEL_UNAVAILABLE: 503,
  IDEMPOTENCY_KEY_REUSED: 422,
  MISSING_COMPONENT: 422,
  UNKNOWN_PROCEDURE: 422,
  UNKNOWN_REFERENCE: 422,
  UNKNOWN_COMPONENT: 422,
  CHANNEL_NOT_SUPPORTED: 422,
  PAYLOAD_TOO_LARGE: 413,
  RATE_LIMITED: 429,
  INTERNAL: 500,
  SECRET_KEY_MISMATCH: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly field: string | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(code: ErrorCode, message: string, options: { field?: string; details?: Record<string, unknown> } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.field = options.field;
    this.details = options.details;
  }
}

export function notFound(what: string): DomainError {
  return new DomainError('NOT_FOUND', `Không tìm thấy ${what}.`);
}
