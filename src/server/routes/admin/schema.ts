/** The admin routes' request schemas are the shared API's (shared/api/adminDeliveries.ts, adminPartners.ts). */
export { DELIVERY_STATUSES, deliveriesQuery, deliveryParams } from '../../../shared/api/adminDeliveries.js';
export { partnerBody, partnerParams } from '../../../shared/api/adminPartners.js';
