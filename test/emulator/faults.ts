import { mulberry32 } from '../../api/src/demo/prng';
/**
 * Fault injection, set at start (`createEmulator({ faults })`) or at runtime (`emulator.faults.set`).
 * Counters are "next N": each injected fault uses one up. Rates use a seeded generator so a
 * test run is repeatable.
 */
export interface FaultSettings {
  /** Next N API calls answer 403 REQUEST_LIMIT_EXCEEDED (the org's API request limit). */
  requestLimitCalls?: number;
  /** Next N API calls answer 429 REQUEST_LIMIT_EXCEEDED (concurrent/rate limiting). */
  tooManyRequestsCalls?: number;
  /** Share (0..1) of API calls answered 429, drawn from a seeded generator. */
  rateLimitRate?: number;
  /** Next N API calls answer with serverErrorStatus (default 503). */
  serverErrorCalls?: number;
  serverErrorStatus?: number;
  /** Next N records written by any write path fail with UNABLE_TO_LOCK_ROW. */
  lockRowRecords?: number;
  /** Fixed delay before every response, in ms. */
  latencyMs?: number;
  /**
   * The next collections call (or ingest job close) processes this many records, commits them,
   * then destroys the TCP connection without answering.
   */
  dropAfterRecords?: number;
}

export type CallFault = { status: number; errorCode: string; message: string } | undefined;

export class Faults {
  private settings: FaultSettings = {};
  private rnd: () => number;

  constructor(initial: FaultSettings = {}, seed = 7) {
    this.rnd = mulberry32(seed);
    this.set(initial);
  }

  set(patch: FaultSettings): void {
    this.settings = { ...this.settings, ...patch };
  }

  clear(): void {
    this.settings = {};
  }

  get current(): Readonly<FaultSettings> {
    return this.settings;
  }

  get latencyMs(): number {
    return this.settings.latencyMs ?? 0;
  }

  private take(
    key: 'requestLimitCalls' | 'tooManyRequestsCalls' | 'serverErrorCalls' | 'lockRowRecords',
  ): boolean {
    const n = this.settings[key] ?? 0;
    if (n <= 0) return false;
    this.settings[key] = n - 1;
    return true;
  }

  /** The fault (if any) this API call gets instead of being processed. */
  forCall(): CallFault {
    if (this.take('requestLimitCalls')) {
      return {
        status: 403,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'TotalRequests Limit exceeded.',
      };
    }
    if (this.take('tooManyRequestsCalls') || (this.settings.rateLimitRate ?? 0) > this.rnd()) {
      return {
        status: 429,
        errorCode: 'REQUEST_LIMIT_EXCEEDED',
        message: 'Too many requests; retry later.',
      };
    }
    if (this.take('serverErrorCalls')) {
      const status = this.settings.serverErrorStatus ?? 503;
      return {
        status,
        errorCode: 'SERVER_UNAVAILABLE',
        message: 'The server is temporarily unable to service your request.',
      };
    }
    return undefined;
  }

  lockError(): boolean {
    return this.take('lockRowRecords');
  }

  /** Arms a connection drop for this call: the number of records to process first, once. */
  takeDrop(): number | undefined {
    const n = this.settings.dropAfterRecords;
    if (n === undefined) return undefined;
    delete this.settings.dropAfterRecords;
    return n;
  }
}
