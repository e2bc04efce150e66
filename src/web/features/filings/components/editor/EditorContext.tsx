import { Form } from 'antd';
import { createContext, type ReactNode, useContext } from 'react';
import { toNamePath } from '../../../../../shared/fieldPath.js';
import type { FieldPath } from '../../../../../shared/filing/labels.js';
import type { FilingDraft } from '../../../../../shared/filing/schema.js';
import { useI18n } from '../../../../lib/i18n.js';
import type { Attachment } from '../../api/filings.js';

/** What the editor edits: a filing's draft, or a change's copy of the record (Article 6). */
export interface EditorSubject {
  id: string;
  /** The filing whose documents (the 承诺书 template) belong to this form. */
  filingId: string;
  data: FilingDraft;
  attachments: Attachment[];
  updatedAt: string;
}

/** Where the subject's files go: a filing's attachments routes, or a change's. */
export interface AttachmentOps {
  upload: (kind: string, file: File, onProgress: (p: number) => void, replaceId?: string) => Promise<unknown>;
  remove: (attachmentId: string) => Promise<unknown>;
  url: (attachmentId: string, inline?: boolean) => string;
  /** Reloads the subject after a file changed. */
  refresh: () => Promise<unknown>;
}

export interface EditorState {
  filing: EditorSubject;
  files: AttachmentOps;
  editable: boolean;
  /** The errors to show now, by field path (touched fields, or all after a submit attempt). */
  errors: Map<string, string>;
}

const Ctx = createContext<EditorState | null>(null);
export const EditorProvider = Ctx.Provider;

export function useEditor(): EditorState {
  const v = useContext(Ctx);
  if (!v) throw new Error('useEditor outside EditorProvider');
  return v;
}

/** One labelled input of 附件1, showing the shared validator's message for its path. */
export function Field({
  field,
  path,
  required = true,
  label,
  extra,
  children,
  valuePropName,
  getValueProps,
  normalize,
}: {
  field: FieldPath | string;
  /** The path when it differs from `field` (inside lists). */
  path?: (string | number)[];
  required?: boolean;
  label?: ReactNode;
  extra?: ReactNode;
  children: ReactNode;
  valuePropName?: string;
  getValueProps?: (value: unknown) => Record<string, unknown>;
  normalize?: (value: unknown) => unknown;
}) {
  const { errors } = useEditor();
  const { label: labelOf } = useI18n();
  const message = errors.get(field);
  return (
    <Form.Item
      name={path ?? toNamePath(field)}
      label={label ?? labelOf(field as FieldPath)}
      required={required}
      validateStatus={message ? 'error' : undefined}
      help={message}
      extra={extra}
      {...(valuePropName ? { valuePropName } : {})}
      {...(getValueProps ? { getValueProps } : {})}
      {...(normalize ? { normalize } : {})}
    >
      {children}
    </Form.Item>
  );
}

/** An error about a whole list or an attachment kind, which has no single input to sit under. */
export function GroupError({ field }: { field: string }) {
  const { errors } = useEditor();
  const message = errors.get(field);
  if (!message) return null;
  return (
    <div className="ant-form-item-explain-error" role="alert" style={{ marginBottom: 16 }}>
      {message}
    </div>
  );
}
