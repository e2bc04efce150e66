/**
 * Three ways to give a year: the notice's plain text, the year as JSON (pasted or from a file), or by hand (periods
 * off and adjusted working days). Each ends in the same preview request; the server parses and checks.
 */
import { Button, Card, Input, Space, Tabs, Typography } from 'antd';
import { useState } from 'react';
import type { CalendarPreviewBody, YearScheduleInput } from '../../../../shared/api/calendar.js';
import { addDays, compareDates, isIsoDate } from '../../../../shared/calendar/index.js';
import { calendarCatalog } from '../../../../shared/i18n/locales/calendar.js';
import { useCatalog } from '../../../lib/i18n.js';

export type ImportVia = 'text' | 'json' | 'manual';

interface Period {
  name: string;
  first: string;
  last: string;
}
interface Workday {
  name: string;
  date: string;
}

/** The periods expanded to days; a period whose dates are not valid yet is left for the server to name. */
function expand(periods: Period[]): { date: string; name: string }[] {
  const out: { date: string; name: string }[] = [];
  for (const p of periods) {
    if (!isIsoDate(p.first)) {
      out.push({ date: p.first, name: p.name });
      continue;
    }
    const last = isIsoDate(p.last) ? p.last : p.first;
    for (let d = p.first, n = 0; compareDates(d, last) <= 0 && n < 60; d = addDays(d, 1), n++) {
      out.push({ date: d, name: p.name });
    }
  }
  return out;
}

export function ImportPanel(props: {
  year: number;
  loading: boolean;
  onPreview: (body: CalendarPreviewBody, via: ImportVia) => void;
  onLocalError: (message: string) => void;
}) {
  const { t } = useCatalog(calendarCatalog);
  const { year } = props;
  const [tab, setTab] = useState<ImportVia>('text');
  const [text, setText] = useState('');
  const [json, setJson] = useState('');
  const [source, setSource] = useState('');
  const [periods, setPeriods] = useState<Period[]>([{ name: '', first: '', last: '' }]);
  const [workdays, setWorkdays] = useState<Workday[]>([]);

  const preview = () => {
    if (tab === 'text') return props.onPreview({ year, text }, 'text');
    if (tab === 'json') {
      try {
        const schedule = JSON.parse(json) as YearScheduleInput;
        return props.onPreview({ year, schedule }, 'json');
      } catch (err) {
        return props.onLocalError(t('import.jsonInvalid', { message: (err as Error).message }));
      }
    }
    const schedule = {
      year,
      source,
      holidays: expand(periods),
      workdays: workdays.map((w) => ({ date: w.date, name: w.name })),
    };
    return props.onPreview({ year, schedule }, 'manual');
  };

  const setPeriod = (i: number, p: Partial<Period>) =>
    setPeriods(periods.map((x, k) => (k === i ? { ...x, ...p } : x)));
  const setWorkday = (i: number, w: Partial<Workday>) =>
    setWorkdays(workdays.map((x, k) => (k === i ? { ...x, ...w } : x)));

  return (
    <Card title={t('import.title', { year })}>
      <Tabs
        activeKey={tab}
        onChange={(k) => setTab(k as ImportVia)}
        items={[
          {
            key: 'text',
            label: t('import.text'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('import.textHelp', { year })}</Typography.Paragraph>
                <Input.TextArea
                  aria-label={t('import.text')}
                  data-testid="notice-text"
                  rows={10}
                  value={text}
                  onChange={(e) => setText(e.target.value)}
                />
              </>
            ),
          },
          {
            key: 'json',
            label: t('import.json'),
            children: (
              <>
                <Typography.Paragraph type="secondary">{t('import.jsonHelp')}</Typography.Paragraph>
                <Space direction="vertical" style={{ width: '100%' }}>
                  <label>
                    {t('import.jsonFile')}{' '}
                    <input
                      type="file"
                      accept="application/json,.json"
                      onChange={async (e) => {
                        const f = e.target.files?.[0];
                        if (f) setJson(await f.text());
                      }}
                    />
                  </label>
                  <Input.TextArea
                    aria-label={t('import.json')}
                    rows={10}
                    value={json}
                    onChange={(e) => setJson(e.target.value)}
                    style={{ fontFamily: 'monospace' }}
                  />
                </Space>
              </>
            ),
          },
          {
            key: 'manual',
            label: t('import.manual'),
            children: (
              <Space direction="vertical" style={{ width: '100%' }}>
                <Input
                  addonBefore={t('import.sourceLabel')}
                  value={source}
                  onChange={(e) => setSource(e.target.value)}
                />
                <Typography.Text strong>{t('import.periods')}</Typography.Text>
                {periods.map((p, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows edited in place, no ids
                  <Space key={i} wrap>
                    <Input
                      aria-label={t('import.periodName')}
                      placeholder={t('import.periodName')}
                      value={p.name}
                      onChange={(e) => setPeriod(i, { name: e.target.value })}
                      style={{ width: 140 }}
                    />
                    <Input
                      type="date"
                      aria-label={t('import.first')}
                      value={p.first}
                      onChange={(e) => setPeriod(i, { first: e.target.value })}
                    />
                    <Input
                      type="date"
                      aria-label={t('import.last')}
                      value={p.last}
                      onChange={(e) => setPeriod(i, { last: e.target.value })}
                    />
                    <Button onClick={() => setPeriods(periods.filter((_, k) => k !== i))}>{t('import.remove')}</Button>
                  </Space>
                ))}
                <Button onClick={() => setPeriods([...periods, { name: '', first: '', last: '' }])}>
                  {t('import.addPeriod')}
                </Button>
                <Typography.Text strong>{t('import.workdays')}</Typography.Text>
                {workdays.map((w, i) => (
                  // biome-ignore lint/suspicious/noArrayIndexKey: rows edited in place, no ids
                  <Space key={i} wrap>
                    <Input
                      aria-label={t('import.periodName')}
                      placeholder={t('import.periodName')}
                      value={w.name}
                      onChange={(e) => setWorkday(i, { name: e.target.value })}
                      style={{ width: 140 }}
                    />
                    <Input
                      type="date"
                      aria-label={t('import.date')}
                      value={w.date}
                      onChange={(e) => setWorkday(i, { date: e.target.value })}
                    />
                    <Button onClick={() => setWorkdays(workdays.filter((_, k) => k !== i))}>
                      {t('import.remove')}
                    </Button>
                  </Space>
                ))}
                <Button onClick={() => setWorkdays([...workdays, { name: '', date: '' }])}>
                  {t('import.addWorkday')}
                </Button>
              </Space>
            ),
          },
        ]}
      />
      <Button type="primary" onClick={preview} loading={props.loading} style={{ marginTop: 12 }}>
        {props.loading ? t('import.previewing') : t('import.preview')}
      </Button>
    </Card>
  );
}
