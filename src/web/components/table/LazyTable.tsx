/**
 * antd's Table for a small table inside a page that is not a list (a filing's shareholders in the read-only view),
 * loaded when it first renders: the table library is a large part of such a page's first load (`npm run
 * bench:bundle`), and a spinner stands in for the moment it takes. List pages import antd's Table directly.
 */
import type { TableProps } from 'antd';
import { Spin } from 'antd';
import { type ComponentType, Suspense } from 'react';
import { lazyComponent } from '../../lib/chunks.js';

const RealTable = lazyComponent(
  async () => (await import('./antdTable.js')).Table as unknown as ComponentType<TableProps<object>>,
);

export function LazyTable<T extends object>(props: TableProps<T>) {
  return (
    <Suspense fallback={<Spin />}>
      <RealTable {...(props as unknown as TableProps<object>)} />
    </Suspense>
  );
}
