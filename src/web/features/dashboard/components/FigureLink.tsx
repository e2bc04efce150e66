/**
 * One figure of the dashboard: a number with its label, and a link to the list it counts. Overdue figures are red,
 * due-soon orange, once they are not zero.
 */
import { Typography } from 'antd';
import { Link } from 'react-router';
import { type ListLink, listHref } from '../api/dashboard.js';

export type Tone = 'overdue' | 'soon' | 'normal';
const COLOR: Record<Tone, string | undefined> = { overdue: '#cf1322', soon: '#d46b08', normal: undefined };

export function FigureLink(props: {
  label: string;
  value: number | string;
  link: ListLink;
  tone?: Tone;
  testId: string;
  big?: boolean;
}) {
  const { label, value, link, tone = 'normal', testId, big } = props;
  const color = value === 0 ? undefined : COLOR[tone];
  return (
    <Link to={listHref(link)} data-testid={testId} style={{ display: 'block', color: 'inherit' }}>
      <Typography.Text type="secondary" style={{ display: 'block' }}>
        {label}
      </Typography.Text>
      <span
        data-testid={`${testId}-value`}
        style={{ fontSize: big ? 30 : 20, fontWeight: 600, color: color ?? '#1f3b7a' }}
      >
        {value}
      </span>
    </Link>
  );
}

/** The data of a chart as a row of links (keyboard, screen readers, and the phone's narrow charts). */
export function FigureList(props: {
  items: { key: string; label: string; value: number; link: ListLink; tone?: Tone }[];
  testId: string;
}) {
  return (
    <ul
      data-testid={props.testId}
      style={{ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', columnGap: 16, rowGap: 4 }}
    >
      {props.items.map((i) => (
        <li key={i.key}>
          <Link to={listHref(i.link)} data-testid={`${props.testId}-${i.key}`}>
            {i.label}{' '}
            <strong style={{ color: i.value && i.tone && i.tone !== 'normal' ? COLOR[i.tone] : undefined }}>
              {i.value}
            </strong>
          </Link>
        </li>
      ))}
    </ul>
  );
}
