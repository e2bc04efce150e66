/**
 * Builds the Fastify instance: plugins, error handling and the API routes. main.ts listens; tests call buildApp too.
 */

import http from 'node:http';
import cookie from '@fastify/cookie';
import multipart from '@fastify/multipart';
import rateLimit from '@fastify/rate-limit';
import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import Fastify, {
  type FastifyBaseLogger,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
  type RawReplyDefaultExpression,
  type RawRequestDefaultExpression,
  type RawServerDefault,
} from 'fastify';
import {
  hasZodFastifySchemaValidationErrors,
  jsonSchemaTransform,
  serializerCompiler,
  validatorCompiler,
  type ZodTypeProvider,
} from 'fastify-type-provider-zod';
import { z } from 'zod';
import { carriedIssue, issue, renderIssue, zodErrorMap, zodIssue } from '../shared/validation/issues.js';
import type { AppContext } from './context.js';
import { databaseErrorSummary, isDatabaseUnavailable } from './lib/dbErrors.js';
import { AppError, fieldPath } from './lib/errors.js';
import { LOG_REDACT_PATHS, LOG_SERIALIZERS } from './lib/logging.js';
import { authPlugin } from './plugins/auth.js';
import { csrfPlugin } from './plugins/csrf.js';
import { healthPlugin } from './plugins/health.js';
import { inputGuardPlugin } from './plugins/inputGuard.js';
import { metricsPlugin } from './plugins/metrics.js';
import { PublicFastPath, publicFastPathPlugin } from './plugins/publicFastPath.js';
import { securityHeadersPlugin } from './plugins/securityHeaders.js';
import { unreadBodyPlugin } from './plugins/unreadBody.js';
import { webPlugin } from './plugins/web.js';
import { adminRoutes } from './routes/admin/admin.js';
import { authRoutes } from './routes/auth/auth.js';
import { passwordRoutes } from './routes/auth/password.js';
import { calendarRoutes } from './routes/calendar/calendar.js';
import { calendarYearRoutes } from './routes/calendar/years.js';
import { changeRoutes } from './routes/changes/changes.js';
import { complaintPageRoutes } from './routes/complaints/pages.js';
import { publicComplaintRoutes } from './routes/complaints/public.js';
import { staffComplaintRoutes } from './routes/complaints/staff.js';
import { dashboardRoutes } from './routes/dashboard/dashboard.js';
import { applicantDocumentRoutes, staffDocumentRoutes } from './routes/documents/documents.js';
import { attachmentRoutes } from './routes/filings/attachments.js';
import { filingRoutes } from './routes/filings/filings.js';
import { filingLifecycleRoutes } from './routes/filings/lifecycle.js';
import { notificationRoutes } from './routes/notifications/notifications.js';
import { partnerRoutes } from './routes/partner/partner.js';
import { portalRoutes } from './routes/portal/portal.js';
import { logRoutes } from './routes/public/log.js';
import { openDataRoutes } from './routes/public/openData.js';
import { publicRoutes } from './routes/public/public.js';
import { homepageCheckRoutes } from './routes/review/homepageChecks.js';
import { reviewLifecycleRoutes } from './routes/review/lifecycle.js';
import { reviewRoutes } from './routes/review/review.js';
import { pgRateLimitStore } from './services/rateLimitStore.js';

export type App = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  ZodTypeProvider
>;

export interface BuildOptions {
  /** A pino destination stream for the logs (tests capture it); defaults to stdout. */
  logStream?: NodeJS.WritableStream;
  logLevel?: string;
  /** The built web UI; tests point it elsewhere or at nothing. */
  webDir?: string;
}

declare module 'fastify' {
  interface FastifyInstance {
    ctx: AppContext;
    publicFastPath: PublicFastPath;
  }
}

export async function buildApp(ctx: AppContext, opts: BuildOptions = {}): Promise<App> {
  const fastPath = new PublicFastPath({
    ttlMs: ctx.config.publicCacheMs,
    ratePerMinute: ctx.config.rateLimits.public,
    trustedProxies: ctx.config.trustedProxies,
    sharedLimits: ctx.database.kind === 'postgres',
  });
  const limits = serverLimits(ctx.config);
  const app = Fastify({
    logger: {
      level: opts.logLevel ?? ctx.config.logLevel,
      redact: { paths: LOG_REDACT_PATHS, censor: '[redacted]' },
      serializers: LOG_SERIALIZERS,
      ...(opts.logStream ? { stream: opts.logStream } : {}),
    },
    // Client addresses (rate limits, logs) come from X-Forwarded-For only when the peer is a configured proxy.
    trustProxy: ctx.config.trustedProxies.length ? ctx.config.trustedProxies : false,
    bodyLimit: 1024 * 1024,
    ...limits,
    // The public fast path answers kept public reads before Fastify routes them (plugins/publicFastPath.ts).
    serverFactory: (handler) => {
      const server = http.createServer(limits.http, (req, res) => {
        if (!fastPath.serve(req, res)) handler(req, res);
      });
      // What Fastify does to the server it creates itself (fastify/lib/server.js).
      server.keepAliveTimeout = limits.keepAliveTimeout;
      server.requestTimeout = limits.requestTimeout;
      server.setTimeout(limits.connectionTimeout);
      return server;
    },
  }).withTypeProvider<ZodTypeProvider>();
  app.server.maxConnections = ctx.config.server.maxConnections;

  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorate('ctx', ctx);
  app.decorate('publicFastPath', fastPath);
  if (ctx.registry.index) {
    ctx.registry.index.onError = (err) =>
      app.log.warn(
        { dbError: databaseErrorSummary(err) },
        'public registry index: build failed, searching through SQL',
      );
  }
  app.setErrorHandler(errorHandler);
  await app.register(metricsPlugin);
  await app.register(healthPlugin);

  await app.register(securityHeadersPlugin, {
    helmet: {
      contentSecurityPolicy: {
        directives: {
          defaultSrc: ["'self'"],
          scriptSrc: ["'self'"],
          styleSrc: ["'self'", "'unsafe-inline'"],
          imgSrc: ["'self'", 'data:', 'blob:'],
          frameSrc: ["'self'", 'blob:'],
          objectSrc: ["'none'"],
          frameAncestors: ["'self'"],
          formAction: ["'self'"],
          baseUri: ["'self'"],
          // Only behind HTTPS: on plain http://localhost it would send the browser to https for every asset.
          upgradeInsecureRequests: ctx.config.cookieSecure ? [] : null,
        },
      },
      crossOriginEmbedderPolicy: false,
    },
  });
  await app.register(cookie);
  await app.register(rateLimit, {
    global: false,
    // Shared by the instances on one PostgreSQL; PGlite has one process (the data-folder lock), which counts alone.
    ...(ctx.database.kind === 'postgres' ? { store: pgRateLimitStore(ctx.db), skipOnError: true } : {}),
    errorResponseBuilder: (_req, c) =>
      new AppError(429, 'rate_limited', `请求过于频繁，请 ${Math.ceil(c.ttl / 1000)} 秒后再试`) as never,
  });
  await app.register(multipart, { limits: { fileSize: 200 * 1024 * 1024, files: 1, fields: 10, parts: 12 } });
  await app.register(csrfPlugin, { trustedOrigins: ctx.config.trustedOrigins });
  await app.register(unreadBodyPlugin);
  await app.register(inputGuardPlugin);
  await app.register(authPlugin, { ctx });
  await app.register(publicFastPathPlugin, { fastPath });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'VCP Filing API — 漏洞收集平台备案管理系统',
        description: '《网络产品安全漏洞收集平台备案管理办法》的网上备案接口',
        version: '0.1.0',
      },
      components: { securitySchemes: { session: { type: 'apiKey', in: 'cookie', name: 'vcp_session' } } },
    },
    // A plugin's '/' route sits at '/api/filings/' in the document; SPEC §5 names it '/api/filings' (both answer).
    transform: (opts) => {
      const out = jsonSchemaTransform(opts);
      return { ...out, url: out.url.length > 1 ? out.url.replace(/\/+$/, '') : out.url };
    },
  });
  await app.register(swaggerUi, { routePrefix: '/api/docs' });

  await app.register(authRoutes, { prefix: '/api/auth' });
  await app.register(passwordRoutes, { prefix: '/api/auth' });
  await app.register(filingRoutes, { prefix: '/api/filings' });
  await app.register(attachmentRoutes, { prefix: '/api/filings' });
  await app.register(filingLifecycleRoutes, { prefix: '/api/filings' });
  await app.register(changeRoutes, { prefix: '/api' });
  await app.register(applicantDocumentRoutes, { prefix: '/api/filings' });
  await app.register(calendarRoutes, { prefix: '/api/calendar' });
  await app.register(reviewRoutes, { prefix: '/api/review' });
  await app.register(reviewLifecycleRoutes, { prefix: '/api/review' });
  await app.register(homepageCheckRoutes, { prefix: '/api/review' });
  await app.register(staffDocumentRoutes, { prefix: '/api/review/filings' });
  await app.register(adminRoutes, { prefix: '/api/admin' });
  await app.register(calendarYearRoutes, { prefix: '/api/admin/calendar' });
  await app.register(partnerRoutes, { prefix: '/api/partner' });
  await app.register(publicRoutes, { prefix: '/api/public' });
  await app.register(openDataRoutes, { prefix: '/api/public/open-data' });
  await app.register(logRoutes, { prefix: '/api/public/log' });
  await app.register(publicComplaintRoutes, { prefix: '/api/public/complaints' });
  await app.register(staffComplaintRoutes, { prefix: '/api/complaints' });
  await app.register(notificationRoutes, { prefix: '/api/notifications' });
  await app.register(dashboardRoutes, { prefix: '/api/dashboard' });
  app.get('/api/health', { schema: { hide: true } }, async () => ({ ok: true }));
  // The public site's server-rendered pages, before the web app's fallback (plugins/web.ts).
  await app.register(portalRoutes);
  await app.register(complaintPageRoutes);
  await app.register(webPlugin, opts.webDir === undefined ? {} : { dir: opts.webDir });
  return app as unknown as App;
}

/**
 * Sockets cannot be held open forever: a request must arrive whole within requestTimeoutMs and its headers within
 * headersTimeoutMs, a socket without traffic for idleTimeoutMs is closed, and an idle keep-alive after
 * keepAliveTimeoutMs. Node checks the request deadlines every second.
 */
function serverLimits(config: AppContext['config']) {
  const s = config.server;
  return {
    requestTimeout: s.requestTimeoutMs,
    connectionTimeout: s.idleTimeoutMs,
    keepAliveTimeout: s.keepAliveTimeoutMs,
    http: {
      requestTimeout: s.requestTimeoutMs,
      headersTimeout: Math.min(s.headersTimeoutMs, s.requestTimeoutMs),
      connectionsCheckingInterval: 1000,
    },
  };
}

// Zod's own messages (for checks a schema gave no text) in Chinese, the API's language, from the validation catalog.
z.config({ customError: zodErrorMap });

function errorHandler(
  this: FastifyInstance,
  err: Error & { statusCode?: number; code?: string },
  req: FastifyRequest,
  reply: FastifyReply,
) {
  if (err instanceof AppError) {
    return reply.code(err.status).send({
      error: { code: err.code, message: err.message },
      ...(err.errors ? { errors: err.errors } : {}),
    });
  }
  if (hasZodFastifySchemaValidationErrors(err)) {
    const where = (err as { validationContext?: string }).validationContext;
    const errors = err.validation.map((v) => {
      const segments = v.instancePath.split('/').filter(Boolean);
      const keys = (v.params as { keys?: string[] }).keys;
      const unknownKey = v.keyword === 'unrecognized_keys' && keys?.length;
      const field = unknownKey ? fieldPath([...segments, keys[0] as string]) : fieldPath(segments) || where || 'body';
      // The catalog issue the zod issue carries (`says`, `writes`, or zod's own through zodErrorMap), else zod's
      // generic one; the Chinese text stays `message`, `code` and `params` let a client say it in its own language,
      // naming the field.
      const written = unknownKey ? undefined : carriedIssue(v.params);
      const found = written ?? zodIssue({ code: v.keyword, ...(v.params as Record<string, unknown>) });
      const named = issue(found.code, { ...found.params, field: found.params?.field ?? field });
      const message = written || unknownKey || !v.message ? renderIssue(named, 'zh-CN') : v.message;
      return { field, message, ...named };
    });
    const first = errors[0];
    return reply.code(400).send({
      error: { code: 'bad_request', message: first ? `${first.field}：${first.message}` : '请求格式不正确' },
      errors,
    });
  }
  if (isDatabaseUnavailable(err)) {
    // Logged without the query or its values; the pool reconnects by itself, so the client is told to come back.
    req.log.error({ dbError: databaseErrorSummary(err) }, 'database unavailable');
    this.metrics.dbUnavailable.inc({ source: 'http' });
    return reply
      .code(503)
      .header('retry-after', '5')
      .send({ error: { code: 'database_unavailable', message: '数据库暂不可用，请稍后重试' } });
  }
  const status = err.statusCode ?? 500;
  if (status >= 500) {
    req.log.error({ err }, 'request failed');
    return reply.code(500).send({ error: { code: 'internal', message: '服务器内部错误，请稍后重试' } });
  }
  // Fastify's own client errors: bad JSON, body too large, wrong content type, multipart limits, rate limit.
  const code = CLIENT_ERROR_CODES[err.code ?? ''] ?? 'bad_request';
  return reply.code(status).send({ error: { code, message: clientMessage(err, status) } });
}

const CLIENT_ERROR_CODES: Record<string, string> = {
  FST_ERR_CTP_INVALID_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_EMPTY_JSON_BODY: 'invalid_json',
  FST_ERR_CTP_BODY_TOO_LARGE: 'too_large',
  FST_ERR_CTP_INVALID_MEDIA_TYPE: 'unsupported_media_type',
  FST_REQ_FILE_TOO_LARGE: 'too_large',
  FST_INVALID_MULTIPART_CONTENT_TYPE: 'unsupported_media_type',
  FST_FILES_LIMIT: 'too_many_files',
  FST_PARTS_LIMIT: 'too_many_parts',
  FST_FIELDS_LIMIT: 'too_many_fields',
};

function clientMessage(err: Error & { code?: string }, status: number): string {
  if (status === 429) return '请求过于频繁，请稍后再试';
  if (status === 413) return '请求内容过大';
  if (status === 415) return '不支持的内容类型';
  if (err.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || err.code === 'FST_ERR_CTP_EMPTY_JSON_BODY')
    return '请求体不是有效的 JSON';
  return '请求格式不正确';
}
