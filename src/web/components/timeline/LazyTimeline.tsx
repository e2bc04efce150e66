/**
 * antd's Timeline (built on its Steps) for a page's history below its main content (the status page's rounds),
 * loaded when it first renders, not with the page (`npm run bench:bundle`); a spinner stands in meanwhile.
 */
import type { TimelineProps } from 'antd';
import { Spin } from 'antd';
import { type ComponentType, Suspense } from 'react';
import { lazyComponent } from '../../lib/chunks.js';

const RealTimeline = lazyComponent(
  async () => (await import('./antdTimeline.js')).Timeline as unknown as ComponentType<TimelineProps>,
);

export function LazyTimeline(props: TimelineProps) {
  return (
    <Suspense fallback={<Spin />}>
      <RealTimeline {...props} />
    </Suspense>
  );
}
