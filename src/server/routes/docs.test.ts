import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestServer, type TestServer } from '../test/harness.js';

let server: TestServer;
beforeAll(async () => {
  server = await startTestServer();
});
afterAll(() => server?.close());

/** SPEC §5 paths implemented so far, with the methods each answers. */
const IMPLEMENTED: Record<string, string[]> = {
  '/api/auth/register': ['post'],
  '/api/auth/login': ['post'],
  '/api/auth/logout': ['post'],
  '/api/auth/me': ['get'],
  '/api/filings': ['get', 'post'],
  '/api/filings/{id}': ['get', 'put'],
  '/api/filings/{id}/submit': ['post'],
  '/api/filings/{id}/attachments': ['post'],
  '/api/calendar/deadline': ['get'],
};

describe('GET /api/docs', () => {
  it('serves an OpenAPI 3 document listing the implemented SPEC §5 paths', async () => {
    const res = await server.client().get<{
      openapi: string;
      info: { title: string };
      paths: Record<string, Record<string, unknown>>;
    }>('/api/docs/json');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/application\/json/);
    expect(res.body.openapi).toMatch(/^3\./);
    expect(res.body.info.title).toBeTruthy();
    for (const [path, methods] of Object.entries(IMPLEMENTED)) {
      expect(res.body.paths, path).toHaveProperty([path]);
      for (const method of methods) expect(res.body.paths[path], `${method} ${path}`).toHaveProperty([method]);
    }
    // Internal routes stay out of the document.
    expect(Object.keys(res.body.paths)).not.toContain('/api/health');
    expect(Object.keys(res.body.paths).some((p) => p.startsWith('/api/docs'))).toBe(false);
  });

  it('documents the deadline query parameters', async () => {
    const res = await server.client().get<{
      paths: Record<string, { get: { parameters: { name: string; in: string }[] } }>;
    }>('/api/docs/json');
    const params = res.body.paths['/api/calendar/deadline']?.get.parameters ?? [];
    expect(params.filter((p) => p.in === 'query').map((p) => p.name)).toEqual(
      expect.arrayContaining(['from', 'workingDays', 'calendarDays']),
    );
  });

  it('serves the documentation page as HTML whose scripts the CSP allows', async () => {
    const res = await server.client().get('/api/docs');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/text\/html/);
    expect(res.text).toMatch(/<html/i);
    // No inline scripts: every <script> loads a same-origin file, which script-src 'self' allows.
    const scripts = [...res.text.matchAll(/<script([^>]*)>([\s\S]*?)<\/script>/gi)];
    expect(scripts.length).toBeGreaterThan(0);
    for (const [, attrs, body] of scripts) {
      expect(attrs).toMatch(/src="\/api\/docs\//);
      expect(body?.trim()).toBe('');
    }
    const initializer = await server.client().get('/api/docs/static/swagger-initializer.js');
    expect(initializer.status).toBe(200);
  });
});

describe('unknown paths and headers', () => {
  it('answers an unknown /api path with a 404 JSON error', async () => {
    for (const [method, path] of [
      ['GET', '/api/no-such-thing'],
      ['POST', '/api/filings/x/y/z'],
      ['DELETE', '/api/auth/me'],
    ] as const) {
      const res = await server.client().request(method, path);
      expect(res.status, `${method} ${path}`).toBe(404);
      expect(res.headers.get('content-type')).toMatch(/application\/json/);
      expect(res.body.error.code).toBe('not_found');
      expect(res.body.error.message).toBeTypeOf('string');
    }
  });

  it('sends a Content-Security-Policy and the other strict headers', async () => {
    for (const path of [
      '/api/auth/me',
      '/api/calendar/deadline?from=2026-11-27&workingDays=10',
      '/api/docs',
      '/api/nope',
    ]) {
      const res = await server.client().get(path);
      const csp = res.headers.get('content-security-policy') ?? '';
      expect(csp, path).toContain("default-src 'self'");
      expect(csp, path).toContain("script-src 'self'");
      expect(csp, path).toContain("object-src 'none'");
      // No other site may frame the pages (the UI may frame its own, e.g. to preview an attachment).
      expect(csp, path).toMatch(/frame-ancestors '(none|self)'(;|$)/);
      expect(csp, path).not.toContain("'unsafe-eval'");
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
    }
  });
});
