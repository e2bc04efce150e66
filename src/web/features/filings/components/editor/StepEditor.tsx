/**
 * The step editor of 附件1: the form in steps, validated as the user types with the same shared module the server
 * uses, saved automatically, with the reviewer's correction notice marked on its fields, and submitted from the
 * confirmation step. It edits a filing's draft (FilingEditorPage) or a change's copy of the record (ChangeEditorPage):
 * the page gives it the form, where files go, how to save and submit, and its texts.
 */
import { Alert, App, Button, Card, Form, Space, Steps, Tag, Typography } from 'antd';
import { type ReactNode, useCallback, useEffect, useMemo, useState } from 'react';
import { useBlocker, useSearchParams } from 'react-router';
import { chinaToday } from '../../../../../shared/calendar/index.js';
import { toFieldPath } from '../../../../../shared/fieldPath.js';
import type { FieldError } from '../../../../../shared/filing/completeness.js';
import type { FieldPath } from '../../../../../shared/filing/labels.js';
import type { FilingDraft } from '../../../../../shared/filing/schema.js';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { ApiError } from '../../../../lib/api.js';
import { formatDateTime, formatTime } from '../../../../lib/format.js';
import { useCatalog, useI18n } from '../../../../lib/i18n.js';
import type { Correction } from '../../api/filings.js';
import { AttachmentsStep } from './AttachmentsStep.js';
import { CapitalStep } from './CapitalStep.js';
import { ConfirmStep } from './ConfirmStep.js';
import { validateValues } from './draftValues.js';
import { type AttachmentOps, EditorProvider, type EditorSubject } from './EditorContext.js';
import { PlatformStep } from './PlatformStep.js';
import { MlpsStep, RulesStep } from './RulesMlpsSteps.js';
import { PeopleStep, SponsorStep } from './SponsorPeopleSteps.js';
import { STEP_TITLES, type StepKey, stepOfField, visibleSteps } from './steps.js';
import { useAutosave } from './useAutosave.js';

export interface StepEditorProps {
  subject: EditorSubject;
  files: AttachmentOps;
  /** The open correction notice: its items show on their fields until edited. */
  correction: Correction | null;
  /** Saves the whole form (autosave, and before changing step or submitting); throws ApiError with field errors. */
  save: (draft: FilingDraft) => Promise<void>;
  /** Submits what was saved; the page says what happened and moves on. Throws ApiError with field errors. */
  submit: () => Promise<void>;
  texts: { title: ReactNode; submit: string };
  /** Above the steps (the change's dates and state). */
  banner?: ReactNode;
  /** At the top of the confirmation step (the change's diff). */
  confirmExtra?: ReactNode;
  /** Why submitting is not possible now (nothing changed, stale): the button is disabled and says so. */
  submitBlocked?: string | null;
}

function initialValues(f: EditorSubject) {
  const d = f.data;
  return {
    ...d,
    platform: {
      publishesVulnerabilities: true,
      ...d.platform,
      publishUrls: d.platform?.publishUrls?.length ? d.platform.publishUrls : [''],
    },
    capital: {
      currency: 'CNY',
      ...d.capital,
      shareholders: d.capital?.shareholders?.length ? d.capital.shareholders : [{ name: '' }],
    },
  };
}

/** Leaf paths of what antd reports as changed: the fields the user has touched. */
function changedPaths(value: unknown, prefix: (string | number)[] = []): string[] {
  if (Array.isArray(value)) return value.flatMap((v, i) => (v === undefined ? [] : changedPaths(v, [...prefix, i])));
  if (value && typeof value === 'object' && !('$d' in value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [toFieldPath(prefix)];
    return entries.flatMap(([k, v]) => changedPaths(v, [...prefix, k]));
  }
  return [toFieldPath(prefix)];
}

/** Whether editing `changed` answers a correction item on `field` (the same field, inside it, or around it). */
function touches(changed: string, field: string): boolean {
  const within = (a: string, b: string) => a === b || a.startsWith(`${b}.`) || a.startsWith(`${b}[`);
  return within(changed, field) || within(field, changed);
}

/** The attachment kind a correction item points at, if it is about a file. */
function attachmentKindOf(field: string): string | null {
  if (field === 'commitment') return 'commitment_letter';
  return field.startsWith('attachments.') ? field.slice('attachments.'.length) : null;
}

const filesOfKind = (f: EditorSubject, kind: string) =>
  f.attachments
    .filter((a) => a.kind === kind)
    .map((a) => a.id)
    .sort()
    .join(',');

export function StepEditor({
  subject: filing,
  files,
  correction,
  save,
  submit,
  texts,
  banner,
  confirmExtra,
  submitBlocked,
}: StepEditorProps) {
  const { t, lang } = useI18n();
  const { t: te } = useCatalog(editorCatalog);
  const [form] = Form.useForm();
  const { message, modal } = App.useApp();
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState<unknown>(() => initialValues(filing));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const today = chinaToday();

  // The reviewer's correction notice: its fields show as errors until the user edits them (or replaces the file).
  const [openItems, setOpenItems] = useState<FieldError[]>(() => correction?.items ?? []);
  const [filesAtLoad] = useState(() => {
    const map = new Map<string, string>();
    for (const item of correction?.items ?? []) {
      const kind = attachmentKindOf(item.field);
      if (kind) map.set(kind, filesOfKind(filing, kind));
    }
    return map;
  });
  useEffect(() => {
    setOpenItems((prev) => {
      const next = prev.filter((item) => {
        const kind = attachmentKindOf(item.field);
        return !kind || filesAtLoad.get(kind) === filesOfKind(filing, kind);
      });
      return next.length === prev.length ? prev : next;
    });
  }, [filing, filesAtLoad]);

  const kinds = useMemo(() => filing.attachments.map((a) => a.kind), [filing.attachments]);
  const validation = useMemo(() => validateValues(values, kinds, today), [values, kinds, today]);

  const autosave = useAutosave(async () => {
    const v = validateValues(form.getFieldsValue(true), kinds, today);
    if (v.shapeErrors.length) {
      setServerErrors(v.shapeErrors);
      throw new Error(v.shapeErrors[0]?.message ?? t.saveFailed);
    }
    try {
      await save(v.draft);
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) setServerErrors(err.errors);
      throw err;
    }
  });

  const steps = visibleSteps((values as { sponsor?: { type?: string } }).sponsor?.type);
  const requested = params.get('step') as StepKey | null;
  const current: StepKey = requested && steps.includes(requested) ? requested : 'platform';
  const index = steps.indexOf(current);

  const shownErrors = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of [...serverErrors, ...validation.errors]) {
      if (map.has(e.field)) continue;
      const isLeaf = touched.has(e.field);
      if (showAll || isLeaf) map.set(e.field, e.message);
    }
    for (const e of openItems) {
      if (!map.has(e.field)) map.set(e.field, e.message);
      // The commitment letter's input is named `commitment` in the form.
      if (e.field === 'attachments.commitment_letter' && !map.has('commitment')) map.set('commitment', e.message);
    }
    return map;
  }, [serverErrors, validation.errors, touched, showAll, openItems]);

  const stepsWithErrors = useMemo(() => new Set([...shownErrors.keys()].map(stepOfField)), [shownErrors]);

  const goTo = useCallback(
    async (step: StepKey) => {
      await autosave.flush();
      setParams({ step }, { replace: true });
      window.scrollTo({ top: 0 });
    },
    [autosave, setParams],
  );

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => autosave.isDirty() && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    modal.confirm({
      title: t.leaveWarning,
      okText: t.leave,
      cancelText: t.stay,
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, t]);
  useEffect(() => {
    const warn = (e: BeforeUnloadEvent) => {
      if (autosave.isDirty()) e.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [autosave]);

  const onSubmit = async () => {
    if (!(await autosave.flush())) return;
    const latest = validateValues(form.getFieldsValue(true), kinds, today);
    if (latest.errors.length) {
      setShowAll(true);
      message.error(te('stillErrors', { count: latest.errors.length }));
      return;
    }
    setSubmitting(true);
    try {
      await submit();
    } catch (err) {
      if (err instanceof ApiError && err.errors.length) {
        setServerErrors(err.errors);
        setShowAll(true);
        message.error(err.message);
      } else {
        message.error(err instanceof Error ? err.message : te('submitFailed'));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const saveLabel = (() => {
    const s = autosave.status;
    if (s.state === 'saving') return t.saving;
    if (s.state === 'dirty') return t.unsaved;
    if (s.state === 'error') return `${t.saveFailed}：${s.message ?? ''}`;
    if (s.state === 'saved' && s.at) return `${t.savedAt} ${formatTime(s.at)}`;
    return `${t.savedAt} ${formatTime(filing.updatedAt)}`;
  })();

  const body: Record<StepKey, React.ReactNode> = {
    platform: <PlatformStep />,
    sponsor: <SponsorStep />,
    people: <PeopleStep />,
    capital: <CapitalStep />,
    rules: <RulesStep />,
    mlps: <MlpsStep />,
    attachments: <AttachmentsStep />,
    confirm: (
      <>
        {confirmExtra}
        <ConfirmStep draft={validation.draft} errors={validation.errors} goTo={(s) => void goTo(s)} />
      </>
    ),
  };

  return (
    <EditorProvider value={{ filing, files, editable: true, errors: shownErrors }}>
      <Card
        title={
          <Space direction="vertical" size={0}>
            <Typography.Title level={4} style={{ margin: 0 }}>
              {texts.title}
            </Typography.Title>
            <Typography.Text type="secondary">{validation.draft.platform?.name || t.unnamed}</Typography.Text>
          </Space>
        }
        extra={
          <Typography.Text
            type={autosave.status.state === 'error' ? 'danger' : 'secondary'}
            data-testid="save-status"
            aria-live="polite"
          >
            {saveLabel}
          </Typography.Text>
        }
      >
        {banner}
        {correction && <CorrectionNotice correction={correction} open={openItems} goTo={(step) => void goTo(step)} />}
        <Steps
          size="small"
          // English titles are longer: under the numbers they stay on one line.
          titlePlacement={lang === 'en' ? 'vertical' : 'horizontal'}
          current={index}
          onChange={(i) => void goTo(steps[i] as StepKey)}
          style={{ marginBottom: 24 }}
          items={steps.map((k) => ({
            title: STEP_TITLES[k][lang],
            status: stepsWithErrors.has(k) ? 'error' : undefined,
          }))}
        />
        <Form
          form={form}
          layout="vertical"
          initialValues={values as Record<string, unknown>}
          onValuesChange={(changed) => {
            const changedFields = changedPaths(changed);
            setTouched((prev) => new Set([...prev, ...changedFields]));
            setServerErrors((prev) => prev.filter((e) => !changedFields.includes(e.field)));
            setOpenItems((prev) => {
              const next = prev.filter((e) => !changedFields.some((c) => touches(c, e.field)));
              return next.length === prev.length ? prev : next;
            });
            setValues(form.getFieldsValue(true));
            autosave.markDirty();
          }}
          style={{ maxWidth: 880 }}
        >
          <Typography.Title level={5} style={{ marginTop: 0 }}>
            {index + 1}. {STEP_TITLES[current][lang]}
          </Typography.Title>
          {body[current]}
        </Form>
        <Space style={{ marginTop: 24 }}>
          {index > 0 && <Button onClick={() => void goTo(steps[index - 1] as StepKey)}>{t.prev}</Button>}
          {current !== 'confirm' && (
            <Button type="primary" onClick={() => void goTo(steps[index + 1] as StepKey)}>
              {t.next}
            </Button>
          )}
          {current === 'confirm' && (
            <Button
              type="primary"
              onClick={() => void onSubmit()}
              loading={submitting}
              disabled={!!submitBlocked}
              title={submitBlocked ?? undefined}
            >
              {submitting ? t.submitting : texts.submit}
            </Button>
          )}
          {current === 'confirm' && submitBlocked && (
            <Typography.Text type="warning" data-testid="submit-blocked">
              {submitBlocked}
            </Typography.Text>
          )}
        </Space>
      </Card>
    </EditorProvider>
  );
}

/** The reviewer's correction notice (补正通知) at the top of the editor: the summary and every field to correct. */
function CorrectionNotice({
  correction,
  open,
  goTo,
}: {
  correction: Correction;
  open: FieldError[];
  goTo: (step: StepKey) => void;
}) {
  const { label, lang } = useI18n();
  const { t } = useCatalog(editorCatalog);
  const labelOf = (f: string) => label(f as FieldPath) ?? f;
  return (
    <Alert
      type="warning"
      showIcon
      role="alert"
      data-testid="correction-notice"
      style={{ marginBottom: 24 }}
      title={t('correction.title', { date: formatDateTime(correction.createdAt) })}
      description={
        <>
          <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', marginBottom: 8 }}>
            {correction.summary}
          </Typography.Paragraph>
          <ul style={{ margin: 0, paddingInlineStart: 18 }}>
            {correction.items.map((item) => {
              const pending = open.some((o) => o.field === item.field && o.message === item.message);
              const step = stepOfField(item.field);
              return (
                <li key={`${item.field}:${item.message}`} data-testid="correction-item">
                  <Button type="link" size="small" style={{ paddingInline: 4 }} onClick={() => goTo(step)}>
                    {STEP_TITLES[step][lang]}
                  </Button>
                  <Typography.Text strong>{labelOf(item.field)}</Typography.Text>：{item.message}
                  {!pending && (
                    <Tag color="green" style={{ marginInlineStart: 8 }}>
                      {t('correction.fixed')}
                    </Tag>
                  )}
                </li>
              );
            })}
          </ul>
          <Typography.Paragraph type="secondary" style={{ margin: '8px 0 0' }}>
            {t('correction.next')}
          </Typography.Paragraph>
        </>
      }
    />
  );
}
