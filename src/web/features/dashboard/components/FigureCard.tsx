/**
 * One card of the dashboard, the same frame for all of them: a title, then up to three parts in this order — big
 * figures side by side (each a link to the list it counts), a chart (ECharts, loaded in its own chunk after the
 * figures; a text instead when there is nothing to draw), a caption — and the chart's data as rows of links.
 */
import { Card, Col, Row, Skeleton, Typography } from 'antd';
import { lazy, type ReactNode, Suspense } from 'react';
import { dashboardCatalog } from '../../../../shared/i18n/locales/dashboard.js';
import { loadChunk } from '../../../lib/chunks.js';
import { useCatalog } from '../../../lib/i18n.js';
import type { EChartProps } from './EChart.js';
import { FigureLink } from './FigureLink.js';

const EChart = lazy(loadChunk(() => import('./EChart.js')));

export type BigFigure = Omit<Parameters<typeof FigureLink>[0], 'big'>;

export function FigureCard(props: {
  title: string;
  figures?: BigFigure[];
  /** The chart; its label for screen readers is said from the card's title. */
  chart?: Omit<EChartProps, 'label'>;
  /** Shown instead of the chart when it would be empty. */
  empty?: string | null;
  caption?: ReactNode;
  children?: ReactNode;
}) {
  const { t } = useCatalog(dashboardCatalog);
  const { title, figures, chart, empty, caption, children } = props;
  return (
    <Card size="small" title={title} style={{ height: '100%' }}>
      {figures && (
        <Row gutter={16}>
          {figures.map((f) => (
            <Col span={24 / figures.length} key={f.testId}>
              <FigureLink big {...f} />
            </Col>
          ))}
        </Row>
      )}
      {empty ? (
        <Typography.Paragraph type="secondary">{empty}</Typography.Paragraph>
      ) : (
        chart && (
          <Suspense fallback={<Skeleton.Node active style={{ width: '100%', height: chart.height }} />}>
            <EChart {...chart} label={t('chartLabel', { title })} />
          </Suspense>
        )
      )}
      {caption && (
        <Typography.Paragraph type="secondary" style={{ marginBottom: 4 }}>
          {caption}
        </Typography.Paragraph>
      )}
      {children}
    </Card>
  );
}
