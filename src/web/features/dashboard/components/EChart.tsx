/**
 * One ECharts chart (echarts 6 through echarts-for-react's core entry), with only the chart types and components
 * the dashboard draws registered: the tree-shaken library stays in this lazily loaded chunk. SVG rendering keeps
 * the text crisp at any zoom and in screenshots. A click on a data item calls `onItem` with its index.
 */

import type { EChartsOption } from 'echarts';
import { BarChart, PieChart } from 'echarts/charts';
import { AriaComponent, GridComponent, LegendComponent, TitleComponent, TooltipComponent } from 'echarts/components';
import * as echarts from 'echarts/core';
import { SVGRenderer } from 'echarts/renderers';
import * as reactECharts from 'echarts-for-react/lib/core.js';
import type { EChartsReactProps } from 'echarts-for-react/lib/types.js';
import type { ComponentType } from 'react';

/**
 * echarts-for-react ships CommonJS with `exports.default`: TypeScript (NodeNext) sees the namespace, the bundler's
 * interop may hand over either the class or the namespace, so take whichever is the component.
 */
const interop = reactECharts as unknown as { default: unknown };
const ReactEChartsCore = (
  typeof interop.default === 'function' ? interop.default : (interop.default as { default: unknown }).default
) as ComponentType<EChartsReactProps>;

echarts.use([
  BarChart,
  PieChart,
  GridComponent,
  TitleComponent,
  TooltipComponent,
  LegendComponent,
  AriaComponent,
  SVGRenderer,
]);

export interface EChartProps {
  option: EChartsOption;
  height: number;
  /** What the chart shows, for screen readers (the figures are also links beside the chart). */
  label: string;
  onItem?: (item: { seriesIndex: number; dataIndex: number }) => void;
  testId?: string;
}

export default function EChart({ option, height, label, onItem, testId }: EChartProps) {
  return (
    <div role="img" aria-label={label} data-testid={testId}>
      <ReactEChartsCore
        echarts={echarts}
        option={{ aria: { enabled: true }, ...option }}
        style={{ height, width: '100%' }}
        opts={{ renderer: 'svg' }}
        notMerge
        onEvents={
          onItem
            ? {
                click: (p: { seriesIndex?: number; dataIndex?: number }) =>
                  onItem({ seriesIndex: p.seriesIndex ?? 0, dataIndex: p.dataIndex ?? 0 }),
              }
            : {}
        }
      />
    </div>
  );
}
