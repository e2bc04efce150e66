/**
 * The staff dashboard (issue 15 item 5; SPEC §3 "overdue items stand out on the staff dashboard", §8–§10): what is
 * due soon or overdue across filings, changes and complaints, review times against the 10-working-day limit, late
 * filings (Art. 6, 8), complaints by category and state, and the homepage monitor's compliance rate. Every figure
 * links to the list it counts. Every card is a FigureCard (components/FigureCard.tsx): figures, chart, caption, lists.
 */
import { Alert, Col, Row, Skeleton, Space, Typography } from 'antd';
import { useNavigate } from 'react-router';
import { STAFF_CHANGE_STATUSES, STAFF_FILING_STATUSES } from '../../../../shared/api/dashboardStatuses.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
} from '../../../../shared/complaints/lifecycle.js';
import { dashboardCatalog } from '../../../../shared/i18n/locales/dashboard.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { useCatalog } from '../../../lib/i18n.js';
import {
  type ComplaintSection,
  dashboardLinks as L,
  type ListLink,
  listHref,
  type ReviewSection,
  useCalendarCoverage,
  useDashboard,
} from '../api/dashboard.js';
import {
  BLUE,
  barsOption,
  GREEN,
  GREY,
  histogramOption,
  ORANGE,
  RED,
  ringOption,
  stackedOption,
} from '../components/charts.js';
import { type BigFigure, FigureCard } from '../components/FigureCard.js';
import { FigureLink, FigureList } from '../components/FigureLink.js';

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

/** Overdue and due soon, each a link to its list. */
function dueFigures(
  t: (key: string) => string,
  testId: string,
  due: { soon: number; overdue: number },
  links: { soon: ListLink; overdue: ListLink },
): BigFigure[] {
  return [
    {
      label: t('review.overdue'),
      value: due.overdue,
      link: links.overdue,
      tone: 'overdue',
      testId: `${testId}-overdue`,
    },
    { label: t('review.soon'), value: due.soon, link: links.soon, tone: 'soon', testId: `${testId}-soon` },
  ];
}

function ReviewPart({ r }: { r: ReviewSection }) {
  const { t } = useCatalog(dashboardCatalog);
  const navigate = useNavigate();
  const go = (link: ListLink) => navigate(listHref(link));
  const states = r.filingsByState;
  const times = r.reviewTimes;
  const lateFrom = times.buckets.findIndex((b) => b.to === null || b.to > times.limitDays);
  const bucketLabel = (b: (typeof times.buckets)[number]) =>
    b.to === null ? t('review.bucketOver', { from: b.from - 1 }) : t('review.bucket', { from: b.from, to: b.to });
  const bucketLink = (i: number) => L.decided(i >= lateFrom ? 'late' : 'on_time');
  const m = r.monitor;
  const ring = [
    { key: 'compliant', color: GREEN },
    { key: 'missing', color: RED },
    { key: 'unreachable', color: ORANGE },
    { key: 'manual_review', color: GREY },
  ] as const;
  const resultCount = (key: string) => m.results.find((res) => res.result === key)?.count ?? 0;
  return (
    <section aria-labelledby="dash-review">
      <Typography.Title level={4} id="dash-review">
        {t('review.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <FigureCard
            title={t('review.filingsDue')}
            figures={dueFigures(t, 'due-filings', r.due.filing, {
              soon: L.due('filing', 'soon'),
              overdue: L.due('filing', 'overdue'),
            })}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <FigureCard
            title={t('review.changesDue')}
            figures={dueFigures(t, 'due-changes', r.due.change, {
              soon: L.due('change', 'soon'),
              overdue: L.due('change', 'overdue'),
            })}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <FigureCard
            title={t('review.onTimeShare')}
            figures={[
              {
                label: t('review.onTime'),
                value: percent(times.onTimeShare),
                link: L.decided('on_time'),
                testId: 'on-time-share',
              },
              {
                label: t('review.late'),
                value: times.late,
                link: L.decided('late'),
                tone: 'overdue',
                testId: 'decided-late',
              },
            ]}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <FigureCard
            title={t('monitor.rate')}
            figures={[
              {
                label: t('monitor.result.compliant'),
                value: percent(m.complianceRate),
                link: L.monitor('compliant'),
                testId: 'compliance-rate',
              },
              {
                label: t('monitor.flagged'),
                value: m.flagged,
                link: L.monitor('flagged'),
                tone: 'overdue',
                testId: 'monitor-flagged',
              },
            ]}
          />
        </Col>

        <Col xs={24} lg={12}>
          <FigureCard
            title={t('review.states')}
            chart={{
              testId: 'chart-states',
              height: 220,
              option: barsOption(
                states.map((s) => t(`filingState.${s.state}`)),
                states.map((s) => s.count),
              ),
              onItem: ({ dataIndex }) => {
                const s = states[dataIndex];
                if (s) go(L.filingsInState(s.state));
              },
            }}
          >
            <Space direction="vertical" size={4} style={{ width: '100%' }}>
              <Typography.Text strong>{t('review.filings')}</Typography.Text>
              <FigureList
                testId="filing-states"
                items={STAFF_FILING_STATUSES.map((s) => ({
                  key: s,
                  label: t(`filingState.${s}`),
                  value: states.find((x) => x.state === s)?.count ?? 0,
                  link: L.filingsInState(s),
                }))}
              />
              <Typography.Text strong>{t('review.changes')}</Typography.Text>
              <FigureList
                testId="change-states"
                items={STAFF_CHANGE_STATUSES.map((s) => ({
                  key: s,
                  label: t(`changeState.${s}`),
                  value: r.changesByState.find((x) => x.state === s)?.count ?? 0,
                  link: L.changesInState(s),
                }))}
              />
            </Space>
          </FigureCard>
        </Col>

        <Col xs={24} lg={12}>
          <FigureCard
            title={t('review.times', { limit: times.limitDays })}
            empty={times.decisions === 0 ? t('review.noDecisions') : null}
            chart={{
              testId: 'chart-review-times',
              height: 220,
              option: histogramOption(
                times.buckets.map(bucketLabel),
                times.buckets.map((b) => b.count),
                lateFrom,
              ),
              onItem: ({ dataIndex }) => go(bucketLink(dataIndex)),
            }}
            caption={
              times.decisions > 0 && (
                <>
                  {t('review.decisions', { count: times.decisions })}
                  {times.medianDays !== null && ` · ${t('review.median', { days: times.medianDays })}`}
                </>
              )
            }
          >
            {times.decisions > 0 && (
              <FigureList
                testId="review-buckets"
                items={times.buckets.map((b, i) => ({
                  key: String(b.from),
                  label: bucketLabel(b),
                  value: b.count,
                  link: bucketLink(i),
                  tone: i >= lateFrom ? 'overdue' : 'normal',
                }))}
              />
            )}
          </FigureCard>
        </Col>

        <Col xs={24} lg={12}>
          <FigureCard title={t('review.lateFilings')}>
            <Space direction="vertical" size="middle" style={{ width: '100%' }}>
              <FigureLink
                label={t('review.article6')}
                value={r.late.article6}
                link={L.lateArticle6()}
                tone="overdue"
                testId="late-article6"
              />
              <FigureLink
                label={t('review.article8')}
                value={r.late.article8}
                link={L.lateArticle8()}
                tone="overdue"
                testId="late-article8"
              />
              <FigureLink
                label={t('review.launchDue')}
                value={r.late.launchDue}
                link={L.launchDue()}
                tone="soon"
                testId="launch-due"
              />
            </Space>
          </FigureCard>
        </Col>

        <Col xs={24} lg={12}>
          <FigureCard
            title={t('monitor.title')}
            empty={m.checked === 0 ? t('monitor.none') : null}
            chart={{
              testId: 'chart-monitor',
              height: 180,
              option: ringOption(
                ring.map((x) => ({ name: t(`monitor.result.${x.key}`), value: resultCount(x.key), color: x.color })),
                percent(m.complianceRate),
              ),
              onItem: ({ dataIndex }) => {
                const x = ring[dataIndex];
                if (x) go(L.monitor(x.key));
              },
            }}
            caption={`${t('monitor.valid', { count: m.valid })} · ${t('monitor.rateHint')}`}
          >
            <FigureList
              testId="monitor-results"
              items={[
                ...ring.map((x) => ({
                  key: x.key,
                  label: t(`monitor.result.${x.key}`),
                  value: resultCount(x.key),
                  link: L.monitor(x.key),
                  tone: x.key === 'missing' ? ('overdue' as const) : ('normal' as const),
                })),
                { key: 'unchecked', label: t('monitor.unchecked'), value: m.unchecked, link: L.monitor('unchecked') },
              ]}
            />
          </FigureCard>
        </Col>
      </Row>
    </section>
  );
}

const STATE_COLORS: Record<(typeof COMPLAINT_STATUSES)[number], string> = {
  received: BLUE,
  verifying: ORANGE,
  substantiated: RED,
  unsubstantiated: GREY,
  closed: GREEN,
};

function ComplaintPart({ c }: { c: ComplaintSection }) {
  const { t, i18n } = useCatalog(dashboardCatalog);
  const lang = i18n.language === 'en' ? 'en' : 'zh';
  const navigate = useNavigate();
  const cell = (category: string, state: string) =>
    c.byCategoryAndState.find((x) => x.category === category && x.state === state)?.count ?? 0;
  return (
    <section aria-labelledby="dash-complaints" style={{ marginTop: 24 }}>
      <Typography.Title level={4} id="dash-complaints">
        {t('complaints.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} lg={8}>
          <Space direction="vertical" size={16} style={{ width: '100%' }}>
            <FigureCard
              title={t('complaints.due')}
              figures={dueFigures(t, 'due-complaints', c.due, {
                soon: L.complaintsDue('soon'),
                overdue: L.complaintsDue('overdue'),
              })}
            />
            <FigureCard title={t('complaints.byState')}>
              <FigureList
                testId="complaint-states"
                items={c.byState.map((s) => ({
                  key: s.state,
                  label: COMPLAINT_STATUS_LABELS[s.state][lang],
                  value: s.count,
                  link: L.complaintsInState(s.state),
                }))}
              />
            </FigureCard>
          </Space>
        </Col>
        <Col xs={24} lg={16}>
          <FigureCard
            title={t('complaints.byCategory')}
            chart={{
              testId: 'chart-complaints',
              height: 260,
              option: stackedOption(
                COMPLAINT_CATEGORIES.map((k) => COMPLAINT_CATEGORY_LABELS[k][lang]),
                COMPLAINT_STATUSES.map((s) => ({
                  name: COMPLAINT_STATUS_LABELS[s][lang],
                  values: COMPLAINT_CATEGORIES.map((k) => cell(k, s)),
                  color: STATE_COLORS[s],
                })),
              ),
              onItem: ({ seriesIndex, dataIndex }) => {
                const category = COMPLAINT_CATEGORIES[dataIndex];
                const state = COMPLAINT_STATUSES[seriesIndex];
                if (category && state) navigate(listHref(L.complaintsInCategory(category, state)));
              },
            }}
          >
            <FigureList
              testId="complaint-categories"
              items={c.byCategory.map((k) => ({
                key: k.category,
                label: COMPLAINT_CATEGORY_LABELS[k.category][lang],
                value: k.count,
                link: L.complaintsInCategory(k.category),
              }))}
            />
          </FigureCard>
        </Col>
      </Row>
    </section>
  );
}

/** SPEC §3: deadlines reaching into a year without a schedule are provisional, and staff are told to enter it. */
function CalendarWarning() {
  const { t } = useCatalog(dashboardCatalog);
  const missing = useCalendarCoverage().data ?? [];
  if (!missing.length) return null;
  return (
    <Space direction="vertical" style={{ width: '100%', marginBottom: 16 }} data-testid="calendar-missing">
      {missing.map((y) => (
        <Alert
          key={y.year}
          type="warning"
          showIcon
          message={t('calendarMissing', { year: y.year, count: y.deadlines, earliest: y.earliest })}
        />
      ))}
    </Space>
  );
}

export function DashboardPage() {
  const { t } = useCatalog(dashboardCatalog);
  const errorText = useApiErrorText();
  const dash = useDashboard();
  if (dash.isPending) return <Skeleton active />;
  if (dash.isError) return <Alert type="error" showIcon message={t('failed', { message: errorText(dash.error) })} />;
  const d = dash.data;
  return (
    <div data-testid="dashboard">
      <Typography.Title level={2} style={{ marginTop: 0 }}>
        {t('title')}
      </Typography.Title>
      <Typography.Paragraph type="secondary">{t('lead', { date: d.today })}</Typography.Paragraph>
      <CalendarWarning />
      {d.review && <ReviewPart r={d.review} />}
      {d.complaints && <ComplaintPart c={d.complaints} />}
    </div>
  );
}
