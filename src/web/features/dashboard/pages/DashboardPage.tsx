/**
 * The staff dashboard (issue 15 item 5; SPEC §3 "overdue items stand out on the staff dashboard", §8–§10): what is
 * due soon or overdue across filings, changes and complaints, review times against the 10-working-day limit, late
 * filings (Art. 6, 8), complaints by category and state, and the homepage monitor's compliance rate. Every figure
 * links to the list it counts. The charts (ECharts) load after the figures, in a chunk of their own.
 */
import { Alert, Card, Col, Row, Skeleton, Space, Typography } from 'antd';
import { lazy, Suspense } from 'react';
import { useNavigate } from 'react-router';
import { STAFF_CHANGE_STATUSES, STAFF_FILING_STATUSES } from '../../../../shared/api/dashboard.js';
import {
  COMPLAINT_CATEGORIES,
  COMPLAINT_CATEGORY_LABELS,
  COMPLAINT_STATUS_LABELS,
  COMPLAINT_STATUSES,
} from '../../../../shared/complaints/lifecycle.js';
import { dashboardCatalog } from '../../../../shared/i18n/locales/dashboard.js';
import { loadChunk } from '../../../lib/chunks.js';
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
import { FigureLink, FigureList } from '../components/FigureLink.js';

const EChart = lazy(loadChunk(() => import('../components/EChart.js')));

const percent = (share: number | null) => (share === null ? '—' : `${Math.round(share * 1000) / 10}%`);

function Chart(props: Parameters<typeof EChart>[0]) {
  return (
    <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: props.height }} />}>
      <EChart {...props} />
    </Suspense>
  );
}

function DueCard(props: {
  title: string;
  soon: number;
  overdue: number;
  soonLink: ListLink;
  overdueLink: ListLink;
  testId: string;
}) {
  const { t } = useCatalog(dashboardCatalog);
  return (
    <Card size="small" title={props.title} style={{ height: '100%' }}>
      <Row gutter={16}>
        <Col span={12}>
          <FigureLink
            big
            label={t('review.overdue')}
            value={props.overdue}
            link={props.overdueLink}
            tone="overdue"
            testId={`${props.testId}-overdue`}
          />
        </Col>
        <Col span={12}>
          <FigureLink
            big
            label={t('review.soon')}
            value={props.soon}
            link={props.soonLink}
            tone="soon"
            testId={`${props.testId}-soon`}
          />
        </Col>
      </Row>
    </Card>
  );
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
  return (
    <section aria-labelledby="dash-review">
      <Typography.Title level={4} id="dash-review">
        {t('review.title')}
      </Typography.Title>
      <Row gutter={[16, 16]}>
        <Col xs={24} md={12} xl={6}>
          <DueCard
            title={t('review.filingsDue')}
            testId="due-filings"
            soon={r.due.filing.soon}
            overdue={r.due.filing.overdue}
            soonLink={L.due('filing', 'soon')}
            overdueLink={L.due('filing', 'overdue')}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <DueCard
            title={t('review.changesDue')}
            testId="due-changes"
            soon={r.due.change.soon}
            overdue={r.due.change.overdue}
            soonLink={L.due('change', 'soon')}
            overdueLink={L.due('change', 'overdue')}
          />
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('review.onTimeShare')} style={{ height: '100%' }}>
            <Row gutter={16}>
              <Col span={12}>
                <FigureLink
                  big
                  label={t('review.onTime')}
                  value={percent(times.onTimeShare)}
                  link={L.decided('on_time')}
                  testId="on-time-share"
                />
              </Col>
              <Col span={12}>
                <FigureLink
                  big
                  label={t('review.late')}
                  value={times.late}
                  link={L.decided('late')}
                  tone="overdue"
                  testId="decided-late"
                />
              </Col>
            </Row>
          </Card>
        </Col>
        <Col xs={24} md={12} xl={6}>
          <Card size="small" title={t('monitor.rate')} style={{ height: '100%' }}>
            <Row gutter={16}>
              <Col span={12}>
                <FigureLink
                  big
                  label={t('monitor.result.compliant')}
                  value={percent(m.complianceRate)}
                  link={L.monitor('compliant')}
                  testId="compliance-rate"
                />
              </Col>
              <Col span={12}>
                <FigureLink
                  big
                  label={t('monitor.flagged')}
                  value={m.flagged}
                  link={L.monitor('flagged')}
                  tone="overdue"
                  testId="monitor-flagged"
                />
              </Col>
            </Row>
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Card size="small" title={t('review.states')} style={{ height: '100%' }}>
            <Chart
              testId="chart-states"
              label={t('chartLabel', { title: t('review.states') })}
              height={220}
              option={barsOption(
                states.map((s) => t(`filingState.${s.state}`)),
                states.map((s) => s.count),
              )}
              onItem={({ dataIndex }) => {
                const s = states[dataIndex];
                if (s) go(L.filingsInState(s.state));
              }}
            />
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
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Card size="small" title={t('review.times', { limit: times.limitDays })} style={{ height: '100%' }}>
            {times.decisions === 0 ? (
              <Typography.Text type="secondary">{t('review.noDecisions')}</Typography.Text>
            ) : (
              <>
                <Chart
                  testId="chart-review-times"
                  label={t('chartLabel', { title: t('review.times', { limit: times.limitDays }) })}
                  height={220}
                  option={histogramOption(
                    times.buckets.map(bucketLabel),
                    times.buckets.map((b) => b.count),
                    lateFrom,
                  )}
                  onItem={({ dataIndex }) => go(bucketLink(dataIndex))}
                />
                <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
                  {t('review.decisions', { count: times.decisions })}
                  {times.medianDays !== null && ` · ${t('review.median', { days: times.medianDays })}`}
                </Typography.Paragraph>
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
              </>
            )}
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Card size="small" title={t('review.lateFilings')} style={{ height: '100%' }}>
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
          </Card>
        </Col>

        <Col xs={24} lg={12}>
          <Card size="small" title={t('monitor.title')} style={{ height: '100%' }}>
            {m.checked === 0 ? (
              <Typography.Paragraph type="secondary">{t('monitor.none')}</Typography.Paragraph>
            ) : (
              <Chart
                testId="chart-monitor"
                label={t('chartLabel', { title: t('monitor.title') })}
                height={180}
                option={ringOption(
                  ring.map((x) => ({
                    name: t(`monitor.result.${x.key}`),
                    value: m.results.find((res) => res.result === x.key)?.count ?? 0,
                    color: x.color,
                  })),
                  percent(m.complianceRate),
                )}
                onItem={({ dataIndex }) => {
                  const x = ring[dataIndex];
                  if (x) go(L.monitor(x.key));
                }}
              />
            )}
            <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
              {t('monitor.valid', { count: m.valid })} · {t('monitor.rateHint')}
            </Typography.Paragraph>
            <FigureList
              testId="monitor-results"
              items={[
                ...ring.map((x) => ({
                  key: x.key,
                  label: t(`monitor.result.${x.key}`),
                  value: m.results.find((res) => res.result === x.key)?.count ?? 0,
                  link: L.monitor(x.key),
                  tone: x.key === 'missing' ? ('overdue' as const) : ('normal' as const),
                })),
                { key: 'unchecked', label: t('monitor.unchecked'), value: m.unchecked, link: L.monitor('unchecked') },
              ]}
            />
          </Card>
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
            <DueCard
              title={t('complaints.due')}
              testId="due-complaints"
              soon={c.due.soon}
              overdue={c.due.overdue}
              soonLink={L.complaintsDue('soon')}
              overdueLink={L.complaintsDue('overdue')}
            />
            <Card size="small" title={t('complaints.byState')}>
              <FigureList
                testId="complaint-states"
                items={c.byState.map((s) => ({
                  key: s.state,
                  label: COMPLAINT_STATUS_LABELS[s.state][lang],
                  value: s.count,
                  link: L.complaintsInState(s.state),
                }))}
              />
            </Card>
          </Space>
        </Col>
        <Col xs={24} lg={16}>
          <Card size="small" title={t('complaints.byCategory')} style={{ height: '100%' }}>
            <Chart
              testId="chart-complaints"
              label={t('chartLabel', { title: t('complaints.byCategory') })}
              height={260}
              option={stackedOption(
                COMPLAINT_CATEGORIES.map((k) => COMPLAINT_CATEGORY_LABELS[k][lang]),
                COMPLAINT_STATUSES.map((s) => ({
                  name: COMPLAINT_STATUS_LABELS[s][lang],
                  values: COMPLAINT_CATEGORIES.map((k) => cell(k, s)),
                  color: STATE_COLORS[s],
                })),
              )}
              onItem={({ seriesIndex, dataIndex }) => {
                const category = COMPLAINT_CATEGORIES[dataIndex];
                const state = COMPLAINT_STATUSES[seriesIndex];
                if (category && state) navigate(listHref(L.complaintsInCategory(category, state)));
              }}
            />
            <FigureList
              testId="complaint-categories"
              items={c.byCategory.map((k) => ({
                key: k.category,
                label: COMPLAINT_CATEGORY_LABELS[k.category][lang],
                value: k.count,
                link: L.complaintsInCategory(k.category),
              }))}
            />
          </Card>
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
  const dash = useDashboard();
  if (dash.isPending) return <Skeleton active />;
  if (dash.isError) return <Alert type="error" showIcon message={t('failed', { message: dash.error.message })} />;
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
