/**
 * A year as twelve month grids (Monday first): days off (放假) in red, adjusted working days (调休上班) in blue,
 * weekends grey. Plain CSS grids rather than antd's Calendar: twelve months at once, no date library, and it wraps
 * to one month a row on a phone.
 */
import type { YearScheduleInput } from '../../../../shared/api/calendar.js';
import { chinaToday, dayOfWeek } from '../../../../shared/calendar/index.js';
import { calendarCatalog } from '../../../../shared/i18n/locales/calendar.js';
import { Tooltip } from '../../../components/overlays/overlays.js';
import { useCatalog } from '../../../lib/i18n.js';

const COLORS = {
  holiday: { background: '#fff1f0', color: '#cf1322', border: '1px solid #ffa39e' },
  workday: { background: '#e6f4ff', color: '#0958d9', border: '1px solid #91caff' },
  weekend: { background: '#fafafa', color: '#8c8c8c', border: '1px solid transparent' },
  plain: { background: '#fff', color: '#262626', border: '1px solid transparent' },
} as const;

const pad = (n: number) => String(n).padStart(2, '0');
const daysIn = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

export function Legend() {
  const { t } = useCatalog(calendarCatalog);
  const item = (kind: keyof typeof COLORS, label: string) => (
    <span style={{ display: 'inline-flex', alignItems: 'center', gap: 4, marginInlineEnd: 12 }}>
      <span style={{ ...COLORS[kind], display: 'inline-block', width: 14, height: 14, borderRadius: 3 }} />
      {label}
    </span>
  );
  return (
    <div style={{ margin: '8px 0', fontSize: 13 }}>
      {item('holiday', t('legend.holiday'))}
      {item('workday', t('legend.workday'))}
      {item('weekend', t('legend.weekend'))}
    </div>
  );
}

export function YearGrid({ year, schedule }: { year: number; schedule: YearScheduleInput | null }) {
  const { t } = useCatalog(calendarCatalog);
  const off = new Map((schedule?.holidays ?? []).map((h) => [h.date, h.name]));
  const on = new Map((schedule?.workdays ?? []).map((w) => [w.date, w.name]));
  const today = chinaToday();
  const weekdays = t('weekdays').split(',');
  const months = t('months').split(',');
  return (
    <div
      data-testid={`year-grid-${year}`}
      style={{ display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(120px, 1fr))', gap: 10 }}
    >
      {Array.from({ length: 12 }, (_, i) => i + 1).map((month) => {
        const first = `${year}-${pad(month)}-01`;
        const lead = (dayOfWeek(first) + 6) % 7; // Monday first
        return (
          <section key={month} aria-label={months[month - 1]}>
            <div style={{ fontWeight: 600, marginBottom: 4 }}>{months[month - 1]}</div>
            <div style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2, fontSize: 12 }}>
              {weekdays.map((w) => (
                <div key={w} style={{ textAlign: 'center', color: '#8c8c8c' }}>
                  {w}
                </div>
              ))}
              {Array.from({ length: lead }, (_, k) => (
                // biome-ignore lint/suspicious/noArrayIndexKey: blank cells before the first day
                <div key={`b${k}`} />
              ))}
              {Array.from({ length: daysIn(year, month) }, (_, k) => {
                const date = `${year}-${pad(month)}-${pad(k + 1)}`;
                const dow = dayOfWeek(date);
                const name = off.get(date) ?? on.get(date);
                const kind = off.has(date)
                  ? 'holiday'
                  : on.has(date)
                    ? 'workday'
                    : dow === 0 || dow === 6
                      ? 'weekend'
                      : 'plain';
                const cell = (
                  <div
                    key={date}
                    data-date={date}
                    data-kind={kind}
                    style={{
                      ...COLORS[kind],
                      textAlign: 'center',
                      borderRadius: 3,
                      lineHeight: '22px',
                      outline: date === today ? '2px solid #1677ff' : undefined,
                    }}
                  >
                    {k + 1}
                  </div>
                );
                return name ? (
                  <Tooltip
                    key={date}
                    title={`${date} ${name} · ${kind === 'holiday' ? t('legend.holiday') : t('legend.workday')}`}
                  >
                    {cell}
                  </Tooltip>
                ) : (
                  cell
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}
