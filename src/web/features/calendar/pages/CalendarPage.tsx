/**
 * The calendar years (admins; SPEC §3 "Deadlines", issue 15 item 2): pick a year, see its days off and adjusted
 * working days, enter or import it, preview what the import reads and which open deadlines it moves, then save.
 */
import { Alert, Button, Card, Select, Space, Table, Tag, Typography } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router';
import type { CalendarPreviewBody, DeadlineMove } from '../../../../shared/api/calendar.js';
import { chinaToday, isCalendarProblemCode, renderCalendarProblem } from '../../../../shared/calendar/index.js';
import { calendarCatalog } from '../../../../shared/i18n/locales/calendar.js';
import { ApiError } from '../../../lib/api.js';
import { useApiErrorText, useIssueText } from '../../../lib/errors.js';
import { useFeedback } from '../../../lib/feedback.js';
import { useCatalog, useI18n } from '../../../lib/i18n.js';
import {
  type CalendarPreview,
  useCalendarYear,
  useCalendarYears,
  usePreviewYear,
  useSaveYear,
} from '../api/calendar.js';
import { ImportPanel, type ImportVia } from '../components/ImportPanel.js';
import { Legend, YearGrid } from '../components/YearGrid.js';

function DueText({ due, provisional }: { due: string; provisional: boolean }) {
  const { t } = useCatalog(calendarCatalog);
  return (
    <Space size={4}>
      <span>{due}</span>
      <Tag color={provisional ? 'orange' : 'green'}>{provisional ? t('provisional') : t('final')}</Tag>
    </Space>
  );
}

export function CalendarPage() {
  const { t } = useCatalog(calendarCatalog);
  const { message } = useFeedback();
  const { lang } = useI18n();
  const locale = lang === 'en' ? 'en' : 'zh-CN';
  const issueText = useIssueText();
  const errorText = useApiErrorText();
  const [search, setSearch] = useSearchParams();
  const years = useCalendarYears();
  const thisYear = Number(chinaToday().slice(0, 4));
  const fallback = years.data?.missing[0]?.year ?? thisYear;
  const year = Number(search.get('year')) || fallback;
  const stored = useCalendarYear(year);
  const previewYear = usePreviewYear();
  const saveYear = useSaveYear();
  const [preview, setPreview] = useState<{ data: CalendarPreview; via: ImportVia } | null>(null);
  const [errors, setErrors] = useState<string[]>([]);

  const options = [
    ...new Set([
      ...(years.data?.items.map((y) => y.year) ?? []),
      ...(years.data?.missing.map((m) => m.year) ?? []),
      thisYear,
      thisYear + 1,
      year,
    ]),
  ].sort((a, b) => a - b);

  const choose = (y: number) => {
    setPreview(null);
    setErrors([]);
    setSearch({ year: String(y) }, { replace: true });
  };

  const fail = (err: unknown) => {
    // A calendar problem (shared/calendar/problems.ts) by its code, a validation issue by its, else by the error's code.
    const text = (e: ApiError['errors'][number]) =>
      isCalendarProblemCode(e.code) ? renderCalendarProblem({ code: e.code, params: e.params }, locale) : issueText(e);
    if (err instanceof ApiError) setErrors(err.errors.length ? err.errors.map(text) : [errorText(err)]);
    else setErrors([String(err)]);
  };

  const runPreview = (body: CalendarPreviewBody, via: ImportVia) => {
    setErrors([]);
    setPreview(null);
    previewYear.mutate(body, { onSuccess: (data) => setPreview({ data, via }), onError: fail });
  };

  const save = () => {
    if (!preview) return;
    saveYear.mutate(
      { schedule: preview.data.schedule, via: preview.via },
      {
        onSuccess: (r) => {
          message.success(t('preview.saved', { year: r.year, moved: r.moves.length, notified: r.notified }));
          setPreview(null);
        },
        onError: fail,
      },
    );
  };

  const shown = preview?.data.schedule ?? stored.data?.schedule ?? null;
  const columns = [
    { title: t('preview.kind'), dataIndex: 'kind', render: (k: DeadlineMove['kind']) => t(`kinds.${k}`) },
    { title: t('preview.label'), dataIndex: 'label' },
    { title: t('preview.before'), dataIndex: 'before', render: (d: DeadlineMove['before']) => <DueText {...d} /> },
    { title: t('preview.after'), dataIndex: 'after', render: (d: DeadlineMove['after']) => <DueText {...d} /> },
  ];

  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      <div>
        <Typography.Title level={2}>{t('title')}</Typography.Title>
        <Typography.Paragraph type="secondary">{t('lead')}</Typography.Paragraph>
      </div>
      {years.isError && <Alert type="error" message={t('loadFailed')} />}
      {!!years.data?.missing.length && (
        <Alert
          type="warning"
          showIcon
          data-testid="missing-years"
          message={t('missing.title')}
          description={
            <Space direction="vertical">
              {years.data.missing.map((m) => (
                <Space key={m.year} wrap>
                  <span>{t('missing.item', { year: m.year, count: m.deadlines, earliest: m.earliest })}</span>
                  {m.year !== year && (
                    <Button size="small" onClick={() => choose(m.year)}>
                      {t('missing.open', { year: m.year })}
                    </Button>
                  )}
                </Space>
              ))}
            </Space>
          }
        />
      )}
      <Space wrap>
        <span>{t('year')}</span>
        <Select
          aria-label={t('year')}
          value={year}
          onChange={choose}
          style={{ width: 120 }}
          options={options.map((y) => ({ value: y, label: String(y) }))}
        />
      </Space>
      <Card
        title={preview ? t('preview.title', { year }) : String(year)}
        extra={stored.data?.schedule && !preview ? <span>{stored.data.schedule.source}</span> : null}
      >
        {!shown && stored.isSuccess && (
          <Alert type="info" showIcon message={t('notEntered', { year })} description={t('notEnteredHelp')} />
        )}
        {shown && (
          <Typography.Paragraph>
            {t('counts', { holidays: shown.holidays.length, workdays: shown.workdays.length })}
            {stored.data?.importedAt && !preview ? ` · ${t('importedAt')} ${stored.data.importedAt.slice(0, 10)}` : ''}
          </Typography.Paragraph>
        )}
        <Legend />
        <YearGrid year={year} schedule={shown} />
      </Card>
      {errors.length > 0 && (
        <Alert
          type="error"
          showIcon
          data-testid="import-errors"
          message={t('preview.errors')}
          description={
            <ul style={{ margin: 0, paddingInlineStart: 20 }}>
              {errors.map((e) => (
                <li key={e}>{e}</li>
              ))}
            </ul>
          }
        />
      )}
      {preview && (
        <Card title={t('preview.title', { year })} data-testid="preview">
          <Space direction="vertical" style={{ width: '100%' }}>
            <Typography.Text>{preview.data.schedule.source}</Typography.Text>
            {preview.data.replaces && <Alert type="warning" message={t('preview.replaces', { year })} />}
            {preview.data.warnings.map((w) => (
              <Alert
                key={`${w.line}${w.message}`}
                type="info"
                message={
                  isCalendarProblemCode(w.code)
                    ? renderCalendarProblem({ code: w.code, params: { ...w.params, line: w.line } }, locale)
                    : `${w.line}: ${w.message}`
                }
              />
            ))}
            <Typography.Text strong>
              {preview.data.moves.length
                ? t('preview.moves', { count: preview.data.moves.length })
                : t('preview.noMoves')}
            </Typography.Text>
            {preview.data.moves.length > 0 && (
              <Table
                size="small"
                rowKey={(m) => `${m.kind}:${m.id}`}
                columns={columns}
                dataSource={preview.data.moves}
                pagination={false}
                scroll={{ x: 'max-content' }}
              />
            )}
            <Space wrap>
              <Button type="primary" onClick={save} loading={saveYear.isPending}>
                {saveYear.isPending ? t('preview.saving') : t('preview.save', { year })}
              </Button>
              <Button onClick={() => setPreview(null)}>{t('preview.cancel')}</Button>
            </Space>
          </Space>
        </Card>
      )}
      <ImportPanel
        key={year}
        year={year}
        loading={previewYear.isPending}
        onPreview={runPreview}
        onLocalError={(m) => setErrors([m])}
      />
    </Space>
  );
}
