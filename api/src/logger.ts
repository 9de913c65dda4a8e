import pino, { type DestinationStream, type Logger } from 'pino';

export type { Logger };

/**
 * Log lines are gathered up to this many bytes (or one second, whichever comes first) before one
 * write to stdout: each write is a trip through libuv's threadpool, which SQLite's queries also
 * use, so one per request line would sit in every request's path. Lines still in the buffer are
 * flushed when the process exits normally; a hard kill can lose up to a second of lines.
 */
const BUFFER_BYTES = 4096;
const FLUSH_MS = 1000;

/** One structured logger for the process; secrets never reach it (redacted paths below). */
export function createLogger(level: string = 'info', destination?: DestinationStream): Logger {
  const options = {
    level,
    base: { service: 'overlap-api' },
    redact: {
      paths: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-api-key"]',
        '*.accessToken',
        '*.refreshToken',
        '*.clientSecret',
        '*.apiKey',
      ],
      censor: '[redacted]',
    },
  };
  if (level === 'silent') return pino(options);
  return pino(
    options,
    destination ?? pino.destination({ dest: 1, minLength: BUFFER_BYTES, periodicFlush: FLUSH_MS }),
  );
}
