import type { z } from 'zod';
import { InputError, type FieldError } from '../http/errors';
import { validateItems } from '../http/validate';
import type { UpsertCounts } from './recordsStore';

/** What a batch upsert or a CSV import reports back. */
export interface ImportResult {
  accepted: number;
  inserted: number;
  updated: number;
  unchanged: number;
  /** one entry per bad field, at most MAX_REPORTED_ERRORS of them */
  rejected: FieldError[];
  /** items (JSON) or lines (CSV) rejected, counting those beyond the reported errors */
  rejectedCount: number;
}

export type Position = Pick<FieldError, 'index' | 'line'>;

/** Where CSV rows and JSON items go; BatchImport is the one implementation. */
export interface ItemSink {
  add(items: unknown[], positions: Position[]): Promise<void>;
  reject(position: Position, reason: string, field?: string): void;
}

/** A million-line file of bad rows must not produce a million-entry response. */
export const MAX_REPORTED_ERRORS = 1000;

/**
 * Validates and stores items batch by batch, keeping running totals. A source id repeated within
 * one request is rejected after its first occurrence, so a request never contradicts itself.
 */
export class BatchImport<S extends z.ZodType<{ sourceId: string }>> implements ItemSink {
  private readonly seen = new Set<string>();
  private readonly totals: ImportResult = {
    accepted: 0,
    inserted: 0,
    updated: 0,
    unchanged: 0,
    rejected: [],
    rejectedCount: 0,
  };

  constructor(
    private readonly schema: S,
    private readonly store: (items: z.infer<S>[]) => Promise<UpsertCounts>,
  ) {}

  reject(position: Position, reason: string, field?: string): void {
    this.totals.rejectedCount++;
    this.report([{ ...position, ...(field ? { field } : {}), reason }]);
  }

  async add(items: unknown[], positions: Position[]): Promise<void> {
    const { valid, errors, rejectedAt } = validateItems(this.schema, items, (i) => positions[i]);
    this.totals.rejectedCount += rejectedAt.size;
    this.report(errors);
    const fresh: z.infer<S>[] = [];
    for (const { at, value } of valid) {
      if (this.seen.has(value.sourceId)) {
        this.reject(positions[at], 'repeats a source id given earlier in this request', 'sourceId');
        continue;
      }
      this.seen.add(value.sourceId);
      fresh.push(value);
    }
    if (fresh.length === 0) return;
    const counts = await this.store(fresh);
    this.totals.accepted += fresh.length;
    this.totals.inserted += counts.inserted;
    this.totals.updated += counts.updated;
    this.totals.unchanged += counts.unchanged;
  }

  /** The reply; a request where every item was rejected is a 400 that lists why. */
  result(): ImportResult {
    const r = this.totals;
    if (r.accepted === 0 && r.rejectedCount > 0) {
      throw new InputError('No item was valid; nothing was stored', r.rejected, 'no_valid_items');
    }
    return { ...r, rejected: [...r.rejected] };
  }

  private report(errors: FieldError[]): void {
    const room = MAX_REPORTED_ERRORS - this.totals.rejected.length;
    if (room > 0) this.totals.rejected.push(...errors.slice(0, room));
  }
}
