/**
 * The filters a list was opened with from the dashboard (`?due=`, `?late=`, `?monitor=` …), as tags above the list:
 * each can be removed, and all of them cleared at once.
 */
import { Button, Space, Tag, Typography } from 'antd';
import { queueFiltersCatalog } from '../../shared/i18n/locales/queueFilters.js';
import { useCatalog } from '../lib/i18n.js';

export interface ActiveFilter {
  key: string;
  label: string;
}

export function FilterTags(props: { filters: ActiveFilter[]; onRemove: (key: string) => void; onClear: () => void }) {
  const { t } = useCatalog(queueFiltersCatalog);
  if (!props.filters.length) return null;
  return (
    <Space wrap size={[8, 8]} style={{ marginBottom: 16 }} data-testid="active-filters">
      <Typography.Text type="secondary">{t('label')}</Typography.Text>
      {props.filters.map((f) => (
        <Tag
          key={f.key}
          color="blue"
          closable={{ 'aria-label': t('remove', { name: f.label }) }}
          onClose={(e) => {
            e.preventDefault();
            props.onRemove(f.key);
          }}
          data-testid={`filter-${f.key}`}
        >
          {f.label}
        </Tag>
      ))}
      {props.filters.length > 1 && (
        <Button size="small" type="link" onClick={props.onClear}>
          {t('clear')}
        </Button>
      )}
    </Space>
  );
}
