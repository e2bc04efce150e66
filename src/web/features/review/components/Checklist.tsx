/**
 * The authenticity checklist (真实性核查) of this review round: per section, pass / fail / not applicable and a note.
 * A choice is saved at once, a note when the reviewer leaves its field; each row says so itself (saving, saved at,
 * or why it failed) instead of a toast per click. A credit code accepted on the applicant's confirmation adds a row.
 */
import { Input, Radio, Typography } from 'antd';
import { useEffect, useState } from 'react';
import { checklistSections } from '../../../../shared/filing/review.js';
import { reviewCatalog } from '../../../../shared/i18n/locales/review.js';
import { useApiErrorText } from '../../../lib/errors.js';
import { formatDateTime } from '../../../lib/format.js';
import { useCatalog } from '../../../lib/i18n.js';
import { type Check, type CheckResult, type CheckSection, type ReviewFiling, useRecordCheck } from '../api/review.js';

const RESULTS: CheckResult[] = ['pass', 'fail', 'na'];

/** The review view carries `idNumberNeedsReview` for the checklist (shared/api/review.ts). */
export type ChecklistFiling = ReviewFiling;

export const sectionsOf = (filing: ChecklistFiling) =>
  checklistSections({ sponsorType: filing.data.sponsor?.type, idNumberNeedsReview: !!filing.idNumberNeedsReview });

export function Checklist({ filing }: { filing: ChecklistFiling }) {
  const { t } = useCatalog(reviewCatalog);
  const editable = filing.allowedActions.includes('check');
  const sections = sectionsOf(filing);
  return (
    <div data-testid="checklist">
      <Typography.Paragraph type="secondary" style={{ marginTop: 0 }}>
        {t('checklist.hint')}
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
  const { t } = useCatalog(reviewCatalog);
  const save = useRecordCheck(filingId);
  const errorText = useApiErrorText();
  const [failure, setFailure] = useState<string | null>(null);
  const [note, setNote] = useState(check?.note ?? '');
  const [result, setResult] = useState<CheckResult | undefined>(check?.result);
  useEffect(() => setNote(check?.note ?? ''), [check?.note]);
  useEffect(() => setResult(check?.result), [check?.result]);
  const label = t(`checklist.sections.${section}`);
  const labelId = `check-${section}-label`;

  const record = (value: CheckResult, text: string) => {
    setResult(value);
    setFailure(null);
    save.mutate(
      { section, result: value, note: text.trim() },
      {
        onError: (err) => {
          setResult(check?.result);
          setFailure(errorText(err));
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
          options={RESULTS.map((r) => ({ value: r, label: t(`checklist.results.${r}`) }))}
          style={{ flex: 'none' }}
        />
        <Input
          size="small"
          aria-label={t('checklist.note', { section: label })}
          placeholder={t('checklist.notePlaceholder')}
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
      <div aria-live="polite" data-testid={`check-${section}-status`} style={{ fontSize: 12, minHeight: 18 }}>
        {failure ? (
          <Typography.Text type="danger" style={{ fontSize: 12 }}>
            {failure}
          </Typography.Text>
        ) : save.isPending ? (
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('checklist.saving')}
          </Typography.Text>
        ) : (
          check && (
            <Typography.Text type="secondary" style={{ fontSize: 12 }}>
              {t('checklist.savedAt', { time: formatDateTime(check.checkedAt) })}
            </Typography.Text>
          )
        )}
      </div>
    </div>
  );
}
