/**
 * Zod compiles fast validators with `new Function` when it may, and probes for that on first use. The CSP forbids
 * eval (script-src 'self'), so the probe would be refused and reported as a violation on every page that validates:
 * run without it. Imported first by main.tsx.
 */
import { z } from 'zod';
import { zodErrorMap } from '../../shared/validation/issues.js';

// Also: zod's own messages from the validation catalog, as on the server.
z.config({ jitless: true, customError: zodErrorMap });
