import pino, { type Logger } from 'pino';

export type { Logger };

/** One structured logger for the process; secrets never reach it (redacted paths below). */
export function createLogger(level: string = 'info'): Logger {
  return pino({
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
  });
}
