/**
 * The authenticity checklist (真实性核查): per section, pass / fail / not applicable and a note. A choice is saved
 * at once; a note when the reviewer leaves its field.
 */
import { App, Input, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { formatDateTime } from '../../../lib/format.js';
import { useMessages } from '../../../lib/i18n.js';
import {
  CHECK_SECTIONS,
  type Check,
  type CheckResult,
  type CheckSection,
  type ReviewFiling,
  useRecordCheck,
} from '../api/review.js';
import { REVIEW_MESSAGES } from '../messages.js';

const RESULTS: CheckResult[] = ['pass', 'fail', 'na'];

export function Checklist({ filing }: { filing: ReviewFiling }) {
  const m = useMessages(REVIEW_MESSAGES);
  const editable = filing.allowedActions.includes('check');
  const sections = CHECK_SECTIONS.filter((s) => s !== 'capital' || filing.data.sponsor?.type !== 'individual');
  return (
    <div data-testid="checklist">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {m.checklistHint}
      </Typography.Paragraph>
      {sections.map((section) => (
        <CheckRow
          key={section}
          filingId={filing.id}
          section={section}
          check={filing.checks.find((c) => c.section === section)}
          editable={editable}
        />
      ))}
    </div>
  );
}

function CheckRow({
  filingId,
  section,
  check,
  editable,
}: {
  filingId: string;
  section: CheckSection;
  check: Check | undefined;
  editable: boolean;
}) {
  const m = useMessages(REVIEW_MESSAGES);
  const { message } = App.useApp();
  const save = useRecordCheck(filingId);
  const [note, setNote] = useState(check?.note ?? '');
  const [result, setResult] = useState<CheckResult | undefined>(check?.result);
  useEffect(() => setNote(check?.note ?? ''), [check?.note]);
  useEffect(() => setResult(check?.result), [check?.result]);
  const label = m.checkSections[section];
  const labelId = `check-${section}-label`;

  const record = (value: CheckResult, text: string) => {
    setResult(value);
    save.mutate(
      { section, result: value, note: text.trim() },
      {
        onSuccess: () => message.success(m.checkSaved, 1),
        onError: (err) => {
          setResult(check?.result);
          message.error(err.message);
        },
      },
    );
  };

  const colour = result === 'fail' ? '#cf1322' : result === 'pass' ? '#389e0d' : undefined;
  return (
    <div
      style={{ padding: '10px 0', borderBottom: '1px solid #f0f0f0' }}
      data-testid={`check-${section}`}
      data-result={check?.result ?? ''}
      aria-busy={save.isPending}
    >
      <Typography.Text id={labelId} strong style={{ color: colour, display: 'block', marginBottom: 6 }}>
        {label}
      </Typography.Text>
      <div style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
        <Radio.Group
          aria-labelledby={labelId}
          size="small"
          optionType="button"
          buttonStyle="solid"
          disabled={!editable}
          value={result}
          onChange={(e) => record(e.target.value as CheckResult, note)}
          options={RESULTS.map((r) => ({ value: r, label: m.checkResults[r] }))}
          style={{ flex: 'none' }}
        />
        <Input
          size="small"
          aria-label={`${label} ${m.note}`}
          placeholder={m.notePlaceholder}
          value={note}
          maxLength={1000}
          disabled={!editable || !result}
          onChange={(e) => setNote(e.target.value)}
          onBlur={() => {
            if (result && note.trim() !== (check?.note ?? '')) record(result, note);
          }}
          onPressEnter={(e) => (e.target as HTMLInputElement).blur()}
        />
      </div>
      {check && (
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {m.savedAt(formatDateTime(check.checkedAt))}
        </Typography.Text>
      )}
    </div>
  );
}
