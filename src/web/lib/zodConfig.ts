/**
 * Zod compiles fast validators with `new Function` when it may, and probes for that on first use. The CSP forbids
 * eval (script-src 'self'), so the probe would be refused and reported as a violation on every page that validates:
 * run without it. Imported first by main.tsx.
 */
import { z } from 'zod';

z.config({ jitless: true });
