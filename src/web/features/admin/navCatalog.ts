/** The admin console's entries in the header (a catalog of its own: the layout's chunk does not carry the pages'). */
import { defineCatalog } from '../../../shared/i18n/index.js';

export const adminNavCatalog = defineCatalog(
  'adminNav',
  { settings: '系统设置', staff: '工作人员', audit: '审计日志' },
  { settings: 'Settings', staff: 'Staff', audit: 'Audit log' },
);
