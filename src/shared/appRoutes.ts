/**
 * Which paths belong to the signed-in browser app (src/web, client-routed) and which to the server-rendered public
 * site (SPEC §13). The server answers the app's paths with its index.html and every other unknown path with a real
 * 404; keep this list in step with web/config/paths.ts and web/app/router.tsx.
 */
const APP_EXACT = new Set([
  '/login',
  '/register',
  '/confirm-email',
  '/forgot-password',
  '/reset-password',
  '/account',
  '/filings',
  '/notifications',
  '/review',
  '/handling',
  '/dashboard',
]);
const APP_PREFIXES = ['/filings/', '/changes/', '/review/', '/admin/', '/handling/'];

export function isAppPath(path: string): boolean {
  const p = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return APP_EXACT.has(p) || APP_PREFIXES.some((prefix) => path.startsWith(prefix));
}
