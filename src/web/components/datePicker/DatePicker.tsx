/**
 * antd's DatePicker and RangePicker, loaded when one first renders: the picker (its calendar panels and their
 * styles) is a large part of a page that has one date among many fields, so it is not part of that page's first load
 * (`npm run bench:bundle`). Until it arrives a disabled input of the same place stands in. Same props as antd's;
 * inside a Form.Item it takes the item's value and onChange like the real one.
 */
import type { DatePicker as AntDatePicker } from 'antd';
import { Input } from 'antd';
import { type ComponentProps, type ComponentType, type CSSProperties, Suspense } from 'react';
import { lazyComponent } from '../../lib/chunks.js';

type DatePickerProps = ComponentProps<typeof AntDatePicker>;
type RangePickerProps = ComponentProps<typeof AntDatePicker.RangePicker>;

const load = () => import('./antdDatePicker.js');
const LazyDate = lazyComponent(async () => (await load()).DatePicker as unknown as ComponentType<DatePickerProps>);
const LazyRange = lazyComponent(
  async () => (await load()).DatePicker.RangePicker as unknown as ComponentType<RangePickerProps>,
);

/** Keeps the field's id, so that its label still names it (Form.Item gives the id to its input). */
function Placeholder({ id, style }: { id?: string; style?: CSSProperties }) {
  return <Input id={id} disabled aria-busy="true" style={{ width: 160, ...style }} />;
}

export function DatePicker(props: DatePickerProps) {
  return (
    <Suspense fallback={<Placeholder id={props.id} style={props.style} />}>
      <LazyDate {...props} />
    </Suspense>
  );
}

export function RangePicker(props: RangePickerProps) {
  return (
    <Suspense
      fallback={
        <Placeholder id={typeof props.id === 'string' ? props.id : undefined} style={{ width: 260, ...props.style }} />
      }
    >
      <LazyRange {...props} />
    </Suspense>
  );
}
