/**
 * Attachment kinds and the file types each kind accepts.
 * Isomorphic: no Node imports — shared by the server and the web client.
 */

/** File types the server can recognise from content bytes (see server/attachments/sniff.ts). */
export const DETECTED_TYPES = ['pdf', 'ofd', 'jpeg', 'png', 'docx'] as const;
export type DetectedType = (typeof DETECTED_TYPES)[number];

export const ATTACHMENT_KINDS = [
  'equity_proof',
  'rules_doc',
  'mlps_proof',
  'management_proof',
  'commitment_letter',
  'other',
] as const;
export type AttachmentKind = (typeof ATTACHMENT_KINDS)[number];

export const ATTACHMENT_KIND_LABELS: Record<AttachmentKind, string> = {
  equity_proof: '股权结构证明材料',
  rules_doc: '漏洞管理规则文件',
  mlps_proof: '等级保护备案证明材料',
  management_proof: '平台管理证明材料',
  commitment_letter: '承诺书扫描件',
  other: '其他材料',
};

/** Canonical MIME type and extension for each detected type. */
export const DETECTED_TYPE_INFO: Record<DetectedType, { mime: string; ext: string }> = {
  pdf: { mime: 'application/pdf', ext: 'pdf' },
  ofd: { mime: 'application/ofd', ext: 'ofd' },
  jpeg: { mime: 'image/jpeg', ext: 'jpg' },
  png: { mime: 'image/png', ext: 'png' },
  docx: { mime: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', ext: 'docx' },
};

const BASE_TYPES: readonly DetectedType[] = Object.freeze(['pdf', 'ofd', 'jpeg', 'png'] as const);
const RULES_DOC_TYPES: readonly DetectedType[] = Object.freeze(['pdf', 'ofd', 'jpeg', 'png', 'docx'] as const);

/** File types accepted for an attachment kind: pdf, ofd, jpeg, png for all kinds; docx additionally for rules_doc. */
export function allowedTypes(kind: AttachmentKind): readonly DetectedType[] {
  return kind === 'rules_doc' ? RULES_DOC_TYPES : BASE_TYPES;
}

export function isAttachmentKind(value: unknown): value is AttachmentKind {
  return typeof value === 'string' && (ATTACHMENT_KINDS as readonly string[]).includes(value);
}

export function isTypeAllowed(kind: AttachmentKind, type: DetectedType): boolean {
  return allowedTypes(kind).includes(type);
}

/** Value for an `<input type="file" accept=...>` matching the kind's allowed types. */
export function acceptAttribute(kind: AttachmentKind): string {
  return allowedTypes(kind)
    .flatMap((t) => {
      const info = DETECTED_TYPE_INFO[t];
      return t === 'jpeg' ? ['.jpg', '.jpeg', info.mime] : [`.${info.ext}`, info.mime];
    })
    .join(',');
}
