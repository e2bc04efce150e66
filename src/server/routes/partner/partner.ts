import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';

export const partnerRoutes: FastifyPluginAsyncZod = async (_app) => {};
