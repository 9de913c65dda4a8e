/**
 * Typed errors thrown by services and routes. The one error handler maps them to
 * application/problem+json (RFC 9457) with a stable `code` that clients can switch on.
 */
export interface FieldError {
  /** 0-based index in a JSON batch */
  index?: number;
  /** 1-based line in a CSV file (the header is line 1) */
  line?: number;
  field?: string;
  reason: string;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
    readonly errors?: FieldError[],
    readonly headers?: Record<string, string>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

export class InputError extends ApiError {
  constructor(message: string, errors?: FieldError[], code = 'invalid_input') {
    super(400, code, message, errors);
  }
}
export class AuthenticationError extends ApiError {
  constructor(message = 'A valid API key is required: Authorization: Bearer <key>') {
    super(401, 'unauthenticated', message, undefined, { 'WWW-Authenticate': 'Bearer' });
  }
}
export class ForbiddenError extends ApiError {
  constructor(message: string, code = 'forbidden') {
    super(403, code, message);
  }
}
export class NotFoundError extends ApiError {
  constructor(message: string, code = 'not_found') {
    super(404, code, message);
  }
}
export class ConflictError extends ApiError {
  constructor(message: string, code = 'conflict') {
    super(409, code, message);
  }
}
export class PayloadTooLargeError extends ApiError {
  constructor(message: string) {
    super(413, 'payload_too_large', message);
  }
}
export class UnsupportedMediaTypeError extends ApiError {
  constructor(message: string) {
    super(415, 'unsupported_media_type', message);
  }
}
export class RateLimitError extends ApiError {
  constructor(retryAfterSeconds: number) {
    super(429, 'rate_limited', `Too many requests; retry after ${retryAfterSeconds} s`, undefined, {
      'Retry-After': String(retryAfterSeconds),
    });
  }
}
export class UnavailableError extends ApiError {
  constructor(message: string, code = 'unavailable') {
    super(503, code, message);
  }
}
