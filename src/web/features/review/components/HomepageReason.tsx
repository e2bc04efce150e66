/** A homepage check's reason code in words (zh/en), with the code itself for staff who search logs by it. */
import { Typography } from 'antd';
import { monitorCatalog } from '../../../../shared/i18n/locales/monitor.js';
import { useCatalog } from '../../../lib/i18n.js';

const KNOWN = new Set(Object.keys(monitorCatalog.resources['zh-CN'].reason));

export function HomepageReason({ reason }: { reason: string }) {
  const { t } = useCatalog(monitorCatalog);
  const http = /^http_(\d{3})$/.exec(reason);
  const text = http
    ? t('reason.http', { status: http[1] })
    : KNOWN.has(reason)
      ? t(`reason.${reason}` as 'reason.timeout')
      : reason;
  return (
    <span data-testid="homepage-check-reason" data-reason={reason}>
      {text}{' '}
      <Typography.Text type="secondary" code>
        {reason}
      </Typography.Text>
    </span>
  );
}
