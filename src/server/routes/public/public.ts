import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const publicRoutes: FastifyPluginAsyncZod = async (_app) => {};
