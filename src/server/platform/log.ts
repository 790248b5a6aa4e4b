import pino, { type Logger } from 'pino';

export type { Logger };

// JSON logs; anything that looks like a secret or a personal identifier is redacted.
export const REDACT_PATHS = [
  'password',
  '*.password',
  '*.currentPassword',
  '*.newPassword',
  '*.token',
  '*.totp',
  '*.code',
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-csrf-token"]',
  'res.headers["set-cookie"]',
];

export function createLogger(level: string, name = 'cqs'): Logger {
  return pino({ name, level, redact: { paths: REDACT_PATHS, censor: '[redacted]' } });
}
