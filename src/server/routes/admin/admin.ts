/**
 * Administration (admins only): partner endpoints and the delivery state of partner notifications and emails,
 * settings, staff accounts and the audit log.
 */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { auditRoutes } from './audit.js';
import { deliveryRoutes } from './deliveries.js';
import { partnerAdminRoutes } from './partners.js';
import { settingsRoutes } from './settings.js';
import { staffRoutes } from './staff.js';

export const adminRoutes: FastifyPluginAsyncZod = async (app) => {
  await app.register(deliveryRoutes);
  await app.register(partnerAdminRoutes);
  await app.register(settingsRoutes);
  await app.register(staffRoutes);
  await app.register(auditRoutes);
};
