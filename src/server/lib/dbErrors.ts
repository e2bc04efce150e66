/**
 * Telling "the database is unreachable" from every other failure (issue 8, SPEC §12): a PostgreSQL restart, a cut
 * network or a terminated backend is not the client's fault nor a bug, so it answers 503 with Retry-After while the
 * pool reconnects by itself. Drizzle wraps the driver's error, so the whole `cause` chain is looked at.
 */

/** Socket-level failures of node-postgres connections. */
const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'EPIPE',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'ENOTFOUND',
  'EAI_AGAIN',
]);

/** SQLSTATEs of a server going away or refusing connections: class 08, admin/crash shutdown, starting up, full. */
const SQLSTATES = new Set(['57P01', '57P02', '57P03', '53300']);

/** node-postgres says these in plain messages, without a code. */
const MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /Cannot use a pool after calling end on the pool/,
];

export function isDatabaseUnavailable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 8; depth++) {
    if (typeof e !== 'object') return false;
    const { code, message, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof code === 'string' && (NETWORK_CODES.has(code) || SQLSTATES.has(code) || code.startsWith('08'))) {
      return true;
    }
    if (typeof message === 'string' && MESSAGES.some((m) => m.test(message))) return true;
    e = cause;
  }
  return false;
}

/**
 * What happened, for a log line that must not carry the query or its values: the innermost code (SQLSTATE or errno
 * name), else the innermost driver message (Drizzle's outer message quotes the SQL).
 */
export function databaseErrorSummary(err: unknown): string {
  let code: string | undefined;
  let message = '';
  for (let e = err, depth = 0; e && typeof e === 'object' && depth < 8; depth++) {
    const { code: c, message: m, cause } = e as { code?: unknown; message?: unknown; cause?: unknown };
    if (typeof c === 'string') code = c;
    if (typeof m === 'string') message = m.split('\n')[0] ?? '';
    e = cause;
  }
  return code ?? message;
}
