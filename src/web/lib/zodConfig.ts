/**
 * Zod compiles fast validators with `new Function` when it may, and probes for that on first use. The CSP forbids
 * eval (script-src 'self'), so the probe would be refused and reported as a violation on every page that validates:
 * run without it. Imported first by main.tsx. `config` from zod's core (the same global settings as `z.config`), so
 * that the first load does not carry the schema library: it comes with the pages that validate.
 */
import { config } from 'zod/v4/core';
import { zodErrorMap } from '../../shared/validation/issues.js';

// Also: zod's own messages from the validation catalog, as on the server.
config({ jitless: true, customError: zodErrorMap });
