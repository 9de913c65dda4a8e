import type { Request } from 'express';
import { z } from 'zod';
import type { FieldError } from './errors';
import { InputError } from './errors';

/**
 * Small zod helpers for routes. A failed parse throws the ZodError, which the error handler turns
 * into a 400 problem+json with per-field errors.
 */
export function parseBody<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return schema.parse(req.body ?? {});
}
export function parseQuery<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return schema.parse(req.query);
}
export function parseParams<S extends z.ZodType>(req: Request, schema: S): z.infer<S> {
  return schema.parse(req.params);
}

/** Validates each item of a batch on its own, so one bad item never sinks the good ones. */
export function validateItems<S extends z.ZodType>(
  schema: S,
  items: unknown[],
  position: (i: number) => Pick<FieldError, 'index' | 'line'> = (index) => ({ index }),
): {
  valid: Array<{ at: number; value: z.infer<S> }>;
  errors: FieldError[];
  rejectedAt: Set<number>;
} {
  const valid: Array<{ at: number; value: z.infer<S> }> = [];
  const errors: FieldError[] = [];
  const rejectedAt = new Set<number>();
  items.forEach((item, i) => {
    const parsed = schema.safeParse(item);
    if (parsed.success) {
      valid.push({ at: i, value: parsed.data });
      return;
    }
    rejectedAt.add(i);
    for (const issue of parsed.error.issues) {
      const field = issue.path.map(String).join('.');
      errors.push({ ...position(i), ...(field ? { field } : {}), reason: issue.message });
    }
  });
  return { valid, errors, rejectedAt };
}

/**
 * Opaque list cursors, one format for every list (records, opportunities, overlaps): base64url
 * of the JSON of the last row's sort key. A cursor that is not one of ours, or whose key has the
 * wrong type for the list, is a 400 `invalid_input` naming the `cursor` field.
 */
export function encodeCursor(key: string | number): string {
  return Buffer.from(JSON.stringify(key), 'utf8').toString('base64url');
}

export function decodeCursor(cursor: string | undefined, type: 'number'): number | undefined;
export function decodeCursor(cursor: string | undefined, type: 'string'): string | undefined;
export function decodeCursor(
  cursor: string | undefined,
  type: 'number' | 'string',
): string | number | undefined {
  if (cursor === undefined) return undefined;
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof value === type) return value as string | number;
  } catch {
    // fall through to the error below
  }
  throw new InputError('The cursor is not one this API issued', [
    { field: 'cursor', reason: 'invalid cursor' },
  ]);
}

/** One page from `limit + 1` rows sorted by id: the extra row only says there is a next page. */
export function keysetPage<R extends { id: string | number }, V>(
  rows: R[],
  limit: number,
  toView: (row: R) => V,
): { data: V[]; nextCursor: string | null } {
  const data = rows.slice(0, limit);
  return {
    data: data.map(toView),
    nextCursor: rows.length > limit ? encodeCursor(data[data.length - 1].id) : null,
  };
}

/** `?limit=&cursor=` for list routes. */
export const PageQuery = z.object({
  limit: z.coerce.number().int().min(1).max(1000).default(100),
  cursor: z
    .string()
    .min(1)
    .max(200)
    .optional()
    .describe('`nextCursor` of the previous page (opaque; 400 invalid_input when not one)'),
});
