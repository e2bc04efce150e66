/**
 * Log redaction. Personal data must never reach the logs: request bodies are not logged at all, and these paths
 * cover the places where secrets or identifiers could still appear.
 */
export const LOG_REDACT_PATHS = [
  'req.headers.cookie',
  'req.headers.authorization',
  'req.headers["x-api-token"]',
  'res.headers["set-cookie"]',
  'email',
  'password',
  'idNumber',
  'mobile',
  '*.email',
  '*.password',
  '*.idNumber',
  '*.mobile',
];

/**
 * A failed query's message carries every bound value after "params:" (Drizzle), and PostgreSQL's `detail` repeats
 * key values: neither reaches a log. The SQL text itself holds placeholders only.
 */
export function scrubErrorText(text: string): string {
  return text.replace(/\nparams: [\s\S]*?(?=\n\s+at |$)/, '\nparams: [redacted]');
}

/** Error fields that name what failed without holding a value. */
const ERROR_FIELDS = ['code', 'statusCode', 'severity', 'routine', 'table', 'column', 'constraint', 'query'] as const;

interface LoggedError {
  type: string;
  message: string;
  stack: string;
  cause?: LoggedError;
  [field: string]: unknown;
}

/** pino's `err` serializer, keeping only names and codes (never `params`, `detail`, `where` or a cause's values). */
export function serializeError(err: unknown, depth = 0): LoggedError {
  if (!(err instanceof Error)) return { type: typeof err, message: scrubErrorText(String(err)), stack: '' };
  const e = err as Error & Record<string, unknown>;
  const out: LoggedError = {
    type: e.constructor?.name ?? e.name,
    message: scrubErrorText(e.message),
    stack: scrubErrorText(e.stack ?? ''),
  };
  for (const f of ERROR_FIELDS) if (e[f] !== undefined && typeof e[f] !== 'object') out[f] = e[f];
  if (e.cause !== undefined && depth < 3) out.cause = serializeError(e.cause, depth + 1);
  return out;
}

/** pino's `req` serializer: the path without its query string (search terms, tokens). */
export function serializeRequest(req: {
  method?: string;
  url?: string;
  hostname?: string;
  ip?: string;
  socket?: { remotePort?: number };
}) {
  const url = req.url ?? '';
  const q = url.indexOf('?');
  return {
    method: req.method,
    url: q === -1 ? url : `${url.slice(0, q)}?[redacted]`,
    host: req.hostname,
    remoteAddress: req.ip,
    remotePort: req.socket?.remotePort,
  };
}

export const LOG_SERIALIZERS = { err: serializeError, req: serializeRequest };
