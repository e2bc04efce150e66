/** Administration (admins only): partner endpoints and the delivery state of partner notifications and emails. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { deliveryRoutes } from './deliveries.js';
import { partnerAdminRoutes } from './partners.js';

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(deliveryRoutes);
  await app.register(partnerAdminRoutes);
};
