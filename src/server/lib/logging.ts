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
