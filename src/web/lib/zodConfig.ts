/**
 * Zod compiles fast validators with `new Function` when it may, and probes for that on first use. The CSP forbids
 * eval (script-src 'self'), so the probe would be refused and reported as a violation on every page that validates:
 * run without it. Imported first by main.tsx. The settings go where zod keeps its global configuration (the object
 * `globalThis.__zod_globalConfig`, which `z.config` fills and every copy of zod reads when it loads), so that the
 * first load carries no part of the schema library: it comes with the pages that validate (zodConfig.test.tsx
 * checks that zod reads them).
 */
import { setIssueLanguage, zodErrorMap } from '../../shared/validation/issues.js';
import { i18n } from './i18n.js';

// Also: zod's own messages from the validation catalog, as on the server; the schemas' messages (`says`) and zod's
// are written in the UI's language, so a form showing a message from a shared schema shows it in that language.
const zodGlobal = globalThis as unknown as { __zod_globalConfig?: Record<string, unknown> };
// Into the object zod may already hold (if it loaded first), or the one it will take when it loads.
zodGlobal.__zod_globalConfig = Object.assign(zodGlobal.__zod_globalConfig ?? {}, {
  jitless: true,
  customError: zodErrorMap,
});
const follow = (lng: string | undefined) => setIssueLanguage(lng === 'en' ? 'en' : 'zh-CN');
follow(i18n.language);
i18n.on('languageChanged', follow);
