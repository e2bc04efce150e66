/**
 * 附件1 网络产品安全漏洞收集平台备案登记表, filled with a filing's data: the seed's table, its sections in its order,
 * each section's name in the left column, then the seed's note on 有效证件号码. Long texts (the rules) wrap and go
 * on over further pages. It holds personal data unmasked, being the official form: applicant and staff only.
 */
import { PDFDocument } from 'pdf-lib';
import type { AttachmentKind } from '../../shared/attachments.js';
import type { FilingDraft } from '../../shared/filing/schema.js';
import { SPONSOR_TYPE_LABELS } from '../../shared/filing/status.js';
import { embedFonts } from './font.js';
import { chineseDate, GREY, PageFlow } from './pdfLayout.js';
import { type Cell, drawSection, type Section } from './pdfTable.js';

export interface RegistrationInput {
  draft: FilingDraft;
  attachments: readonly { kind: string; fileName: string; sm3: string; size: number }[];
  filingNumber: string | null;
  statusLabel: string;
  /** The China date the document is made, YYYY-MM-DD. */
  today: string;
}

export const TITLE = '网络产品安全漏洞收集平台备案登记表';
export const ID_NOTE =
  '注：类型为“个人”时，“有效证件号码”填入个人身份证号码；类型为“企业/事业单位/其他组织”时，填入“统一社会信用代码”。';

const RULES = [
  ['collectionScope', '漏洞收集的范围和方式'],
  ['verification', '漏洞验证评估规则'],
  ['notification', '通知相关责任主体修补漏洞规则'],
  ['publication', '漏洞发布规则'],
  ['identityVerification', '注册用户的身份核实规则'],
  ['classification', '分类分级管理规则'],
] as const;

const PEOPLE_SPANS = [0.9, 0.9, 1.2, 2.2] as const;
const size = (n: number) =>
  n < 1024 ? `${n} B` : n < 1024 * 1024 ? `${(n / 1024).toFixed(1)} KB` : `${(n / 1024 / 1024).toFixed(1)} MB`;
const str = (v: unknown) => (typeof v === 'string' ? v.trim() : '');
const one = (text: string): Cell[] => [{ text }];
/** A sub-heading on the left of a row (shaded) and its value on the right. */
const pair = (label: string, text: string): Cell[] => [
  { text: label, header: true, span: 1.25 },
  { text, span: 3 },
];
const caption = (text: string): Cell[] => [{ text, muted: true }];

function files(input: RegistrationInput, kind: AttachmentKind): string {
  const list = input.attachments.filter((a) => a.kind === kind);
  if (!list.length) return '（未上传）';
  return list.map((a) => `${a.fileName}（${size(a.size)}）\nSM3：${a.sm3}`).join('\n');
}

export function registrationSections(input: RegistrationInput): Section[] {
  const d = input.draft;
  const p = d.platform ?? {};
  const individual = d.sponsor?.type === 'individual';
  const socials = (p.socialAccounts ?? []).map((s): Cell[] => [{ text: str(s.app) }, { text: str(s.account) }]);
  const person = (role: string, x: { name?: string; mobile?: string; email?: string } | undefined): Cell[] => [
    { text: role, span: PEOPLE_SPANS[0] },
    { text: str(x?.name), span: PEOPLE_SPANS[1] },
    { text: str(x?.mobile), span: PEOPLE_SPANS[2] },
    { text: str(x?.email), span: PEOPLE_SPANS[3] },
  ];
  const capital = d.capital ?? {};
  const shareholders = (capital.shareholders ?? []).map((s): Cell[] => [
    { text: str(s.name), span: 3 },
    { text: s.percent === undefined ? '' : `${s.percent}%`, span: 1 },
  ]);
  const amount =
    capital.registeredCapital === undefined
      ? ''
      : `${capital.registeredCapital} 万元${capital.currency && capital.currency !== 'CNY' ? `（${capital.currency}）` : '人民币'}`;
  const op = d.operation ?? {};
  const online =
    op.alreadyOnline === undefined
      ? ''
      : `${op.alreadyOnline ? '是，已上线运行' : '否，尚未上线'}${op.launchDate ? `（${op.alreadyOnline ? '' : '计划'}上线日期：${chineseDate(op.launchDate)}）` : ''}`;

  return [
    { label: '漏洞收集平台名称', rows: [one(str(p.name))] },
    { label: '网站首页网址', rows: [one(str(p.homepageUrl))] },
    { label: 'ICP备案号', rows: [one(str(p.icpNumber))] },
    {
      label: '发布漏洞的相关网址',
      rows: [
        one(
          p.publishUrls?.length
            ? p.publishUrls.join('\n')
            : p.publishesVulnerabilities === false
              ? '无（不发布漏洞）'
              : '',
        ),
      ],
    },
    {
      label: '发布漏洞的社交软件\n公众号',
      rows: [
        [
          { text: '社交软件名称', header: true },
          { text: '社交软件公众号', header: true },
        ],
        ...(socials.length ? socials : [[{ text: '' }, { text: '' }]]),
      ],
    },
    {
      label: '主办单位或主办个人\n基本情况',
      rows: [
        [
          { text: '名称', header: true, span: 2.4 },
          { text: '类型', header: true, span: 0.8 },
          { text: '有效证件号码', note: '注', header: true, span: 2 },
        ],
        [
          { text: str(d.sponsor?.name), span: 2.4 },
          { text: d.sponsor?.type ? SPONSOR_TYPE_LABELS[d.sponsor.type] : '', span: 0.8 },
          { text: str(d.sponsor?.idNumber), span: 2 },
        ],
      ],
    },
    {
      label: '漏洞收集平台\n相关人员信息',
      rows: [
        ['类别', '姓名', '手机号码', '电子邮箱'].map((text, i) => ({ text, header: true, span: PEOPLE_SPANS[i] })),
        person('主要负责人', d.people?.principal),
        person('联系人', d.people?.contact),
      ],
    },
    {
      label: '注册资本和股权结构',
      rows: individual
        ? [caption('注册资本和股权结构的证明材料'), one('主办者为个人，不适用')]
        : [
            caption('注册资本和股权结构的证明材料'),
            pair('注册资本', amount),
            [
              { text: '股东名称', header: true, span: 3 },
              { text: '持股比例', header: true, span: 1 },
            ],
            ...(shareholders.length
              ? shareholders
              : [
                  [
                    { text: '', span: 3 },
                    { text: '', span: 1 },
                  ],
                ]),
            pair('证明材料', files(input, 'equity_proof')),
          ],
    },
    {
      label: '漏洞管理相关规则',
      rows: [
        caption(
          '漏洞收集的范围和方式、漏洞验证评估规则、通知相关责任主体修补漏洞规则、漏洞发布规则、注册用户的身份核实规则及分类分级管理规则等',
        ),
        ...RULES.map(([key, label]) => pair(label, str(d.rules?.[key]))),
        ...(input.attachments.some((a) => a.kind === 'rules_doc') ? [pair('规则文件', files(input, 'rules_doc'))] : []),
      ],
    },
    {
      label: '等级保护备案证明材料',
      rows: [
        caption('通过通信网络安全防护管理系统取得定级三级的网络安全等级保护备案证明材料'),
        pair('备案证明编号', str(d.mlps?.certificateNumber)),
        pair('定级', d.mlps?.level ? `第${'一二三四五'[d.mlps.level - 1]}级` : ''),
        pair('证明材料', files(input, 'mlps_proof')),
      ],
    },
    {
      label: '实施平台管理等情况',
      rows: [
        caption('依据有关国家标准和行业标准，实施平台管理等情况'),
        pair('情况说明', str(d.management)),
        pair('证明材料', files(input, 'management_proof')),
      ],
    },
    {
      label: '承诺书',
      rows: [caption('签字并加盖公章的承诺书扫描件'), pair('扫描件', files(input, 'commitment_letter'))],
    },
    {
      label: '其他需要说明的信息',
      rows: [
        pair('是否已上线运行', online),
        pair('说明', str(d.other) || '无'),
        ...(input.attachments.some((a) => a.kind === 'other') ? [pair('其他材料', files(input, 'other'))] : []),
      ],
    },
  ];
}

export async function registrationFormPdf(input: RegistrationInput): Promise<Uint8Array> {
  const doc = await PDFDocument.create();
  const platform = str(input.draft.platform?.name);
  doc.setTitle(platform ? `${TITLE}（${platform}）` : TITLE);
  doc.setCreator('VCP Filing 漏洞收集平台备案管理系统');
  doc.setProducer('VCP Filing');
  const { sans: font } = await embedFonts(doc);
  const number = input.filingNumber ? `备案编号：${input.filingNumber}` : '备案编号：（尚未发放）';
  const flow = new PageFlow(doc, font, {
    footer: (page, pages) => [number, `第 ${page} 页　共 ${pages} 页`, '本表含个人信息，请妥善保管'],
  });

  flow.paragraph('附件1', { size: 14, bold: true });
  flow.space(6);
  flow.paragraph(TITLE, { size: 20, bold: true, align: 'center', lineHeight: 30 });
  flow.space(4);
  flow.paragraph(`${number}　　状态：${input.statusLabel}　　生成日期：${chineseDate(input.today)}`, {
    size: 9,
    color: GREY,
    align: 'center',
  });
  flow.space(8);
  for (const section of registrationSections(input)) drawSection(flow, section);
  flow.space(8);
  flow.paragraph(ID_NOTE, { size: 10, lineHeight: 16 });
  flow.finish();
  return doc.save();
}
