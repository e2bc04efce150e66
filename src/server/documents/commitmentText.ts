/**
 * 附件2 of the measures, word for word from the seed text (网络产品安全漏洞收集平台备案管理办法（征求意见稿））.
 * Do not edit: the applicant signs and seals exactly this text. The items' numbers are set as list labels.
 */
export const COMMITMENT = {
  attachmentLabel: '附件2',
  title: '网络产品安全漏洞收集平台备案承诺书',
  intro: '本单位现就网络产品安全漏洞收集平台备案相关证明事项，作出如下承诺：',
  items: [
    '本单位已经知晓工业和信息化部告知的全部内容，已认真学习了《中华人民共和国网络安全法》《网络产品安全漏洞管理规定》等相关法律法规及政策性文件，了解了告知承诺的有关要求。',
    '本单位具备开展漏洞收集所需的平台、相关人员、注册资本和股权结构、漏洞管理规则和平台管理规则等，具有相应的证明材料，且保证材料内容真实准确。',
    '本单位已留存漏洞收集、验证、通知处置、发布等环节的日志信息，包括操作时间、操作内容、操作人员等，可以查询漏洞处理详情，具有相应的证明材料，且保证材料内容真实准确。',
    '本单位已采取管理和技术措施，防范漏洞信息在传输、存储、使用等环节的泄露，具有相应的证明材料，且保证材料内容真实准确。',
    '本单位在网络产品安全漏洞收集和发布活动中，严格遵守相关法律法规，主动接受并配合有关部门的各项监督管理。',
    '如有违反上述承诺，本单位自觉接受有关部门的依法处罚。因违反有关法律法规及承诺，被撤销备案及所造成的经济、法律后果，本单位愿意自行承担相关责任。',
    '本单位承诺以上陈述真实、有效，是本单位真实意思的表示。',
  ],
  /**
   * The signature block. The seed spaces 公章 and 日期 out to the width of 法定代表人签字 (seven characters):
   * here with ideographic spaces, which keep that width in any Chinese font.
   */
  signature: {
    signer: '法定代表人签字：',
    seal: '公\u3000\u3000\u3000\u3000\u3000章：',
    date: '日\u3000\u3000\u3000\u3000\u3000期：',
  },
} as const;

/** "1、" … "7、", the seed's numbering. */
export const itemLabel = (i: number) => `${i + 1}、`;
