/**
 * antd's Tooltip and Popconfirm for the pages, loaded when one first renders: their popup machinery (trigger,
 * motion, placements and their styles) is not part of a page's first load (`npm run bench:bundle`). Same props as
 * antd's. Until the code has arrived the child shows alone; a click on a Popconfirm's child meanwhile opens the
 * confirmation once it has.
 */
import type { PopconfirmProps, TooltipProps } from 'antd';
import { type ComponentType, Suspense, useState } from 'react';
import { lazyComponent } from '../../lib/chunks.js';

const load = () => import('./antdOverlays.js');
const LazyTooltip = lazyComponent(async () => (await load()).Tooltip as unknown as ComponentType<TooltipProps>);
const LazyPopconfirm = lazyComponent(
  async () => (await load()).Popconfirm as unknown as ComponentType<PopconfirmProps>,
);

export function Tooltip(props: TooltipProps) {
  return (
    <Suspense fallback={props.children ?? null}>
      <LazyTooltip {...props} />
    </Suspense>
  );
}

export function Popconfirm(props: PopconfirmProps) {
  const [clicked, setClicked] = useState(false);
  return (
    <Suspense
      fallback={
        <span style={{ display: 'contents' }} onClickCapture={() => setClicked(true)}>
          {props.children}
        </span>
      }
    >
      <LazyPopconfirm {...props} defaultOpen={props.defaultOpen ?? clicked} />
    </Suspense>
  );
}
