import type { ErrorRequestHandler, RequestHandler } from 'express';
import { ZodError } from 'zod';
import { ApiError, NotFoundError, type FieldError } from './errors';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Payload Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

/** Turns a ZodError into per-field errors: `items.3.website` → index 3, field website. */
export function zodFieldErrors(err: ZodError): FieldError[] {
  return err.issues.map((issue) => {
    const p = [...issue.path];
    const numericAt = p.findIndex((s) => typeof s === 'number');
    const index = numericAt >= 0 ? (p[numericAt] as number) : undefined;
    const fieldPath = numericAt >= 0 ? p.slice(numericAt + 1) : p;
    return {
      ...(index !== undefined ? { index } : {}),
      field: fieldPath.map(String).join('.') || undefined,
      reason: issue.message,
    };
  });
}

export const notFoundHandler: RequestHandler = (req, _res, next) => {
  next(new NotFoundError(`No route for ${req.method} ${req.path}`, 'route_not_found'));
};

/** The one terminal error middleware: problem+json out, 5xx logged, stacks never sent. */
export const errorHandler: ErrorRequestHandler = (err, req, res, _next) => {
  let status = 500;
  let code = 'internal_error';
  let detail = 'An unexpected error occurred; the request id identifies it in the logs.';
  let errors: FieldError[] | undefined;
  let headers: Record<string, string> | undefined;

  if (err instanceof ApiError) {
    ({ status, code, errors, headers } = err);
    detail = err.message;
  } else if (err instanceof ZodError) {
    status = 400;
    code = 'invalid_input';
    detail = 'The request did not validate';
    errors = zodFieldErrors(err);
  } else if (err?.type === 'entity.too.large') {
    status = 413;
    code = 'payload_too_large';
    detail = `Request body exceeds the ${err.limit}-byte limit`;
  } else if (err?.type === 'entity.parse.failed') {
    status = 400;
    code = 'malformed_json';
    detail = 'The request body is not valid JSON';
  } else if (typeof err?.status === 'number' && err.status >= 400 && err.status < 500) {
    status = err.status;
    code = 'bad_request';
    detail = String(err.message ?? 'Bad request');
  }

  if (status >= 500) req.log?.error({ err }, 'request failed');
  if (res.headersSent) return;
  for (const [k, v] of Object.entries(headers ?? {})) res.setHeader(k, v);
  res
    .status(status)
    .type('application/problem+json')
    .json({
      type: `urn:overlap:problem:${code}`,
      title: TITLES[status] ?? 'Error',
      status,
      detail,
      code,
      ...(errors?.length ? { errors } : {}),
      requestId: req.id,
    });
};
