/**
 * The dashboard's chart options (ECharts), built from the figures: pure functions, so the page only wires clicks.
 * Colours follow the app: the header's blue for counts, red for late or overdue, orange for needing attention.
 */
import type { EChartsOption } from 'echarts';

export const BLUE = '#2f54eb';
export const RED = '#cf1322';
export const ORANGE = '#d46b08';
export const GREEN = '#389e0d';
export const GREY = '#8c8c8c';

const axisLabel = { fontSize: 12, color: '#595959' };
/** Category names beside horizontal bars: cut with an ellipsis past this width (the full name is in the tooltip and the links). */
const categoryLabel = { ...axisLabel, width: 150, overflow: 'truncate' as const };

/** Horizontal bars, one per category (long Chinese labels read better across). */
export function barsOption(labels: string[], values: number[], colors?: string[]): EChartsOption {
  return {
    grid: { left: 8, right: 32, top: 8, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { ...axisLabel, hideOverlap: true } },
    yAxis: { type: 'category', data: labels, inverse: true, axisLabel: categoryLabel },
    series: [
      {
        type: 'bar',
        data: values.map((value, i) => ({ value, itemStyle: { color: colors?.[i] ?? BLUE } })),
        label: { show: true, position: 'right' },
        barMaxWidth: 22,
        cursor: 'pointer',
      },
    ],
  };
}

/** The review time histogram: bars within the limit blue, the bar past it red. */
export function histogramOption(labels: string[], values: number[], lateFrom: number): EChartsOption {
  return {
    grid: { left: 8, right: 8, top: 24, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    xAxis: { type: 'category', data: labels, axisLabel: { ...axisLabel, interval: 0, hideOverlap: true } },
    yAxis: { type: 'value', minInterval: 1, axisLabel },
    series: [
      {
        type: 'bar',
        data: values.map((value, i) => ({ value, itemStyle: { color: i >= lateFrom ? RED : BLUE } })),
        label: { show: true, position: 'top' },
        barMaxWidth: 40,
        cursor: 'pointer',
      },
    ],
  };
}

/** A ring of the monitor's results with the compliance rate in the middle. */
export function ringOption(items: { name: string; value: number; color: string }[], centre: string): EChartsOption {
  return {
    tooltip: { trigger: 'item' },
    title: {
      text: centre,
      left: 'center',
      top: 'center',
      textStyle: { fontSize: 22, fontWeight: 600, color: '#1f3b7a' },
    },
    series: [
      {
        type: 'pie',
        radius: ['55%', '80%'],
        label: { show: false },
        data: items.map((i) => ({ name: i.name, value: i.value, itemStyle: { color: i.color } })),
        cursor: 'pointer',
      },
    ],
  };
}

/** Stacked horizontal bars: one bar per category, one segment per state. */
export function stackedOption(
  categories: string[],
  series: { name: string; values: number[]; color: string }[],
): EChartsOption {
  return {
    grid: { left: 8, right: 16, top: 40, bottom: 8, containLabel: true },
    tooltip: { trigger: 'item' },
    legend: { top: 0, type: 'scroll' },
    xAxis: { type: 'value', minInterval: 1, splitNumber: 3, axisLabel: { ...axisLabel, hideOverlap: true } },
    yAxis: { type: 'category', data: categories, inverse: true, axisLabel: categoryLabel },
    series: series.map((s) => ({
      type: 'bar',
      name: s.name,
      stack: 'all',
      data: s.values.map((v) => (v === 0 ? null : v)),
      itemStyle: { color: s.color },
      barMaxWidth: 22,
      cursor: 'pointer',
    })),
  };
}
