/** Filings flagged by the homepage monitor (3 misses in a row, Article 5), above the review queue. */
import { Alert } from 'antd';
import { Link } from 'react-router';
import { monitorCatalog } from '../../../../shared/i18n/locales/monitor.js';
import { paths } from '../../../config/paths.js';
import { useCatalog } from '../../../lib/i18n.js';
import { useFlaggedHomepages } from '../api/homepageChecks.js';

export function FlaggedHomepagesAlert() {
  const { t } = useCatalog(monitorCatalog);
  const flagged = useFlaggedHomepages();
  const items = flagged.data ?? [];
  if (!items.length) return null;
  return (
    <Alert
      data-testid="flagged-homepages"
      type="warning"
      showIcon
      style={{ marginBottom: 16 }}
      message={t('flaggedList', { count: items.length })}
      description={
        <ul style={{ margin: 0, paddingInlineStart: 20 }}>
          {items.slice(0, 20).map((f) => (
            <li key={f.filingId}>
              <Link to={paths.reviewFiling(f.filingId)}>
                {f.filingNumber} {f.platformName}
              </Link>{' '}
              · {t('misses', { count: f.consecutiveMisses })}
            </li>
          ))}
        </ul>
      }
    />
  );
}
