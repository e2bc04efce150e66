/**
 * The filters the staff dashboard's figures open the review and complaint queues with (shared/api/listFilters.ts),
 * shown above each list as tags that can be removed. Chinese first.
 */
import { defineCatalog } from '../index.js';

export const queueFiltersCatalog = defineCatalog(
  'queueFilters',
  {
    label: '筛选条件',
    clear: '清除筛选',
    remove: '移除筛选：{{name}}',
    due: { soon: '即将到期（≤2 个工作日）', overdue: '已逾期' },
    late: '逾期备案',
    launch: '临近或已过计划上线日期（第八条）',
    monitor: {
      compliant: '首页已展示备案编号',
      missing: '首页未展示备案编号',
      unreachable: '首页无法访问',
      manual_review: '首页需人工查看',
      flagged: '首页连续 3 次未展示（已标记）',
      unchecked: '首页尚未检查',
    },
    decided: { late: '审核超时（超过 10 个工作日）', on_time: '审核均按时' },
    status: {
      withdrawn: '已撤回',
      deregistered: '已注销',
      revoked: '已撤销',
      cancelled: '已取消',
    },
    category: '类别：{{name}}',
  },
  {
    label: 'Filters',
    clear: 'Clear filters',
    remove: 'Remove filter: {{name}}',
    due: { soon: 'Due soon (≤ 2 working days)', overdue: 'Overdue' },
    late: 'Filed late',
    launch: 'Launch near or past (Art. 8)',
    monitor: {
      compliant: 'Homepage shows the number',
      missing: 'Homepage misses the number',
      unreachable: 'Homepage unreachable',
      manual_review: 'Homepage needs manual review',
      flagged: 'Homepage missed 3 times (flagged)',
      unchecked: 'Homepage not checked yet',
    },
    decided: { late: 'Decided late (over 10 working days)', on_time: 'All decisions on time' },
    status: {
      withdrawn: 'Withdrawn',
      deregistered: 'Deregistered',
      revoked: 'Revoked',
      cancelled: 'Cancelled',
    },
    category: 'Category: {{name}}',
  },
);
