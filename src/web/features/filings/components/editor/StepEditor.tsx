/**
 * The step editor of 附件1: the form in steps, validated as the user types with the same shared module the server
 * uses, saved automatically, with the reviewer's correction notice marked on its fields, and submitted from the
 * confirmation step. It edits a filing's draft (FilingEditorPage) or a change's copy of the record (ChangeEditorPage):
 * the page gives it the form, where files go, how to save and submit, and its texts.
 */
import { DownOutlined } from '@ant-design/icons';
import { Button, Card, Form, Space, Spin, Steps, Typography } from 'antd';
import { type ReactNode, Suspense, useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useBlocker, useSearchParams } from 'react-router';
import { chinaToday } from '../../../../../shared/calendar/index.js';
import { toFieldPath } from '../../../../../shared/fieldPath.js';
import type { FieldError } from '../../../../../shared/filing/completeness.js';
import type { FilingDraft } from '../../../../../shared/filing/schema.js';
import { editorCatalog } from '../../../../../shared/i18n/locales/editor.js';
import { CorrectionNotice } from '../../../../components/filing/CorrectionNotice.js';
import { ApiError } from '../../../../lib/api.js';
import { lazyComponent } from '../../../../lib/chunks.js';
import { useApiErrorText } from '../../../../lib/errors.js';
import { useFeedback } from '../../../../lib/feedback.js';
import { formatTime } from '../../../../lib/format.js';
import { useCatalog, useI18n } from '../../../../lib/i18n.js';
import type { Correction } from '../../api/filings.js';
import { validateValues } from './draftValues.js';
import { type AttachmentOps, EditorProvider, type EditorSubject } from './EditorContext.js';
import { PlatformStep } from './PlatformStep.js';
import { type StepKey, stepOfField, visibleSteps } from './steps.js';
import { useAutosave } from './useAutosave.js';

/**
 * Only the first step (the platform) comes with the editor; the others (their selects, number inputs and upload
 * lists; the whole filing as read-only view) load when opened, not with it (`npm run bench:bundle`), and a while
 * after the editor opens they are fetched anyway, so that a click there is quick. The phone's step menu likewise.
 */
const loadSponsorPeople = () => import('./SponsorPeopleSteps.js');
const loadCapital = () => import('./CapitalStep.js');
const loadRulesMlps = () => import('./RulesMlpsSteps.js');
const loadAttachmentsStep = () => import('./AttachmentsStep.js');
const loadConfirmStep = () => import('./ConfirmStep.js');
const loadStepMenu = () => import('./StepMenu.js');
const SponsorStep = lazyComponent(async () => (await loadSponsorPeople()).SponsorStep);
const PeopleStep = lazyComponent(async () => (await loadSponsorPeople()).PeopleStep);
const CapitalStep = lazyComponent(async () => (await loadCapital()).CapitalStep);
const RulesStep = lazyComponent(async () => (await loadRulesMlps()).RulesStep);
const MlpsStep = lazyComponent(async () => (await loadRulesMlps()).MlpsStep);
const AttachmentsStep = lazyComponent(async () => (await loadAttachmentsStep()).AttachmentsStep);
const ConfirmStep = lazyComponent(async () => (await loadConfirmStep()).ConfirmStep);
const StepMenu = lazyComponent(async () => (await loadStepMenu()).StepMenu);
const laterSteps = [loadSponsorPeople, loadCapital, loadRulesMlps, loadAttachmentsStep, loadConfirmStep, loadStepMenu];

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

/** Leaves of what antd reports as changed, with their values. */
export function changedLeaves(value: unknown, prefix: (string | number)[] = []): [string, unknown][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => (v === undefined ? [] : changedLeaves(v, [...prefix, i])));
  if (value && typeof value === 'object' && !('$d' in value)) {
    const entries = Object.entries(value);
    if (entries.length === 0) return [[toFieldPath(prefix), undefined]];
    return entries.flatMap(([k, v]) => changedLeaves(v, [...prefix, k]));
  }
  return [[toFieldPath(prefix), value]];
}

/** Whether a field's error is due: the field itself, or a field inside it (a list's rows), has been typed in. */
export function isTouched(touched: ReadonlySet<string>, field: string): boolean {
  if (touched.has(field)) return true;
  for (const t of touched) if (t.startsWith(`${field}.`) || t.startsWith(`${field}[`)) return true;
  return false;
}

export type StepStatus = 'finish' | 'error' | 'wait' | 'process';

/**
 * A step's mark: ✓ (finish) only when none of its fields has an error; ✗ (error) when it is incomplete and the user
 * has been through it, is on the confirmation step, or tried to submit; otherwise its number.
 */
export function stepStatus(
  step: StepKey,
  ctx: {
    current: StepKey;
    incomplete: ReadonlySet<StepKey>;
    left: ReadonlySet<StepKey>;
    showAll: boolean;
    shown: ReadonlySet<StepKey>;
  },
): StepStatus {
  if (step === ctx.current) return ctx.shown.has(step) ? 'error' : 'process';
  if (step === 'confirm') return 'wait';
  if (!ctx.incomplete.has(step)) return 'finish';
  if (ctx.left.has(step) || ctx.showAll || ctx.current === 'confirm' || ctx.shown.has(step)) return 'error';
  return 'wait';
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
  const { lang } = useI18n();
  const { t: te } = useCatalog(editorCatalog);
  const errorText = useApiErrorText();
  const [form] = Form.useForm();
  const { message, modal } = useFeedback();
  const [params, setParams] = useSearchParams();
  const [values, setValues] = useState<unknown>(() => initialValues(filing));
  const [touched, setTouched] = useState<Set<string>>(() => new Set());
  const [showAll, setShowAll] = useState(false);
  const [serverErrors, setServerErrors] = useState<FieldError[]>([]);
  const [submitting, setSubmitting] = useState(false);
  const [menuTapped, setMenuTapped] = useState(false);
  const today = chinaToday();

  // The other steps' code, fetched once the editor has settled (see laterSteps).
  useEffect(() => {
    const timer = setTimeout(() => {
      for (const load of laterSteps) void load().catch(() => undefined);
    }, 3000);
    return () => clearTimeout(timer);
  }, []);

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
      throw new Error(v.shapeErrors[0]?.message ?? te('submitFailed'));
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

  // The steps the user has left (by the buttons, the step list or the browser's Back): their errors show.
  const [left, setLeft] = useState<Set<StepKey>>(() => new Set());
  const previous = useRef(current);
  useEffect(() => {
    if (previous.current === current) return;
    const was = previous.current;
    previous.current = current;
    setLeft((prev) => (prev.has(was) ? prev : new Set([...prev, was])));
  }, [current]);

  const shownErrors = useMemo(() => {
    const map = new Map<string, string>();
    for (const e of [...serverErrors, ...validation.errors]) {
      if (map.has(e.field)) continue;
      if (showAll || isTouched(touched, e.field) || left.has(stepOfField(e.field))) map.set(e.field, e.message);
    }
    for (const e of openItems) {
      if (!map.has(e.field)) map.set(e.field, e.message);
      // The commitment letter's input is named `commitment` in the form.
      if (e.field === 'attachments.commitment_letter' && !map.has('commitment')) map.set('commitment', e.message);
    }
    return map;
  }, [serverErrors, validation.errors, touched, showAll, openItems, left]);

  const stepsWithErrors = useMemo(() => new Set([...shownErrors.keys()].map(stepOfField)), [shownErrors]);
  const incomplete = useMemo(
    () => new Set([...validation.errors, ...openItems].map((e) => stepOfField(e.field))),
    [validation.errors, openItems],
  );

  // Each step is a history entry: the browser's Back goes to the previous step, not out of the editor.
  const goTo = useCallback(
    async (step: StepKey) => {
      await autosave.flush();
      setParams({ step });
      window.scrollTo({ top: 0 });
    },
    [autosave, setParams],
  );

  const blocker = useBlocker(
    ({ currentLocation, nextLocation }) => autosave.isDirty() && currentLocation.pathname !== nextLocation.pathname,
  );
  useEffect(() => {
    if (blocker.state !== 'blocked') return;
    // Staying is the default: it has the focus and the primary look, and Esc or closing the dialog also stays.
    modal.confirm({
      title: te('leave.title'),
      content: te('leave.body'),
      okText: te('leave.leave'),
      okButtonProps: { type: 'default', danger: true },
      cancelText: te('leave.stay'),
      cancelButtonProps: { type: 'primary' },
      autoFocusButton: 'cancel',
      onOk: () => blocker.proceed(),
      onCancel: () => blocker.reset(),
    });
  }, [blocker, modal, te]);
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
        message.error(te('stillErrors', { count: err.errors.length }));
      } else {
        message.error(err instanceof ApiError ? errorText(err) : te('submitFailed'));
      }
    } finally {
      setSubmitting(false);
    }
  };

  const saveLabel = (() => {
    const s = autosave.status;
    if (s.state === 'saving') return te('save.saving');
    if (s.state === 'dirty') return te('save.unsaved');
    if (s.state === 'error') return te('save.failed', { reason: s.message ?? '' });
    if (s.state === 'saved' && s.at) return te('save.saved', { time: formatTime(s.at) });
    return te('save.saved', { time: formatTime(filing.updatedAt) });
  })();

  const stepItems = steps.map((key) => {
    const status = stepStatus(key, { current, incomplete, left, showAll, shown: stepsWithErrors });
    const note =
      status === 'finish' ? te('steps.done') : status === 'error' ? te('steps.hasErrors') : te('steps.incomplete');
    return { key, status, note };
  });

  const menuButton = (
    <Button className="vcp-step-menu" size="small" data-testid="step-menu">
      {te('steps.all')} <DownOutlined />
    </Button>
  );
  // Tapped before the menu's code arrived: it opens once it has.
  const waitingButton = (
    <Button className="vcp-step-menu" size="small" data-testid="step-menu" onClick={() => setMenuTapped(true)}>
      {te('steps.all')} <DownOutlined />
    </Button>
  );

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
            <Typography.Text type="secondary">{validation.draft.platform?.name || te('unnamed')}</Typography.Text>
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
        {correction && (
          <CorrectionNotice
            correction={correction}
            isFixed={(item) => !openItems.some((o) => o.field === item.field && o.message === item.message)}
            itemLink={(item) => (
              <Button
                type="link"
                size="small"
                style={{ paddingInline: 4 }}
                onClick={() => void goTo(stepOfField(item.field))}
              >
                {te(`steps.${stepOfField(item.field)}`)}
              </Button>
            )}
            footer={te('correction.next')}
          />
        )}
        <Steps
          className="vcp-step-list"
          size="small"
          // English titles are longer: under the numbers they stay on one line.
          titlePlacement={lang === 'en' ? 'vertical' : 'horizontal'}
          current={index}
          onChange={(i) => void goTo(steps[i] as StepKey)}
          style={{ marginBottom: 24 }}
          items={stepItems.map(({ key: k, status, note }) => ({
            status,
            title: (
              <span data-testid={`step-${k}`} data-status={status} title={k === current ? undefined : note}>
                {te(`steps.${k}`)}
              </span>
            ),
          }))}
        />
        <Form
          form={form}
          layout="vertical"
          initialValues={values as Record<string, unknown>}
          onValuesChange={(changed) => {
            const leaves = changedLeaves(changed);
            const changedFields = leaves.map(([f]) => f);
            // A new empty row (添加公众号) is not yet typed in: its required fields wait until they are.
            const typed = leaves.filter(([, v]) => v !== '' && v !== undefined && v !== null).map(([f]) => f);
            if (typed.length) setTouched((prev) => new Set([...prev, ...typed]));
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
          <div className="vcp-step-heading">
            <Typography.Title level={5} style={{ margin: 0 }}>
              {/* A phone shows no step list: the heading says where the user is (global.css picks the form). */}
              <span className="vcp-step-number">{index + 1}. </span>
              <span className="vcp-step-position">{te('steps.position', { n: index + 1, total: steps.length })}</span>
              {te(`steps.${current}`)}
            </Typography.Title>
            {/* The phone's list of steps (global.css shows it there): its menu loads when first shown. */}
            <Suspense fallback={waitingButton}>
              <StepMenu current={current} items={stepItems} onPick={(k) => void goTo(k)} openAtOnce={menuTapped}>
                {menuButton}
              </StepMenu>
            </Suspense>
          </div>
          <Suspense fallback={<Spin />}>{body[current]}</Suspense>
        </Form>
        <Space style={{ marginTop: 24 }}>
          {index > 0 && <Button onClick={() => void goTo(steps[index - 1] as StepKey)}>{te('nav.prev')}</Button>}
          {current !== 'confirm' && (
            <Button type="primary" onClick={() => void goTo(steps[index + 1] as StepKey)}>
              {te('nav.next')}
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
              {submitting ? te('nav.submitting') : texts.submit}
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
