import { Spin } from 'antd';
import { commonCatalog } from '../../shared/i18n/locales/common.js';
import { useCatalog } from '../lib/i18n.js';

/** What the content area shows while a page's code is on its way: a spinner and 加载中… (never a blank page). */
export function PageLoading() {
  const { t } = useCatalog(commonCatalog);
  return (
    <div className="vcp-page-loading" role="status">
      <Spin />
      <span>{t('words.loading')}</span>
    </div>
  );
}
