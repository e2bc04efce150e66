/** The transparency log's page (/transparency, SPEC §11, §13): what the log is and how anyone verifies it. */
import { defineCatalog } from '../index.js';

export const transparencyCatalog = defineCatalog(
  'transparency',
  {
    title: '透明日志：核验公示信息从未被悄悄改动',
    lead: '每一项公示事项（予以备案、变更、注销、撤销）都在同一事务中向只增不减的透明日志追加一片叶子。日志是一棵以 SM3 为哈希的 Merkle 树（RFC 6962），树头由本系统以 SM2 签名。任何人都可以下载日志、重新计算，证明一条备案信息从未被悄悄改动或删除。',
    headTitle: '当前树头',
    treeSize: '叶子数（treeSize）',
    rootHash: '根哈希（rootHash）',
    timestamp: '签名时间（timestamp）',
    signature: '签名（signature，base64 DER）',
    noHead: '日志中还没有叶子。',
    keyLink: '签名公钥（SM2，PEM）',
    headLink: '当前树头（JSON）',
    leafTitle: '叶子的内容',
    leafLead:
      '第 index 片叶子（从 0 起）对应第 seq = index + 1 项公示事项，是下列 JSON 对象的 UTF-8 文本：各层键名按字典序排列，不含空白（与 RFC 8785 规范化 JSON 相同）。record 为该事项之后的公示信息，仅含第五条公布的字段。',
    hashTitle: '哈希的计算',
    hashLead:
      '叶子哈希 = SM3(0x00 ‖ 叶子)，节点哈希 = SM3(0x01 ‖ 左 ‖ 右)，树的划分、包含证明和一致性证明均按 RFC 6962 第 2.1 节；哈希一律为小写十六进制。签名内容为文本 “treeSize.rootHash.timestamp”，算法为 SM2（SM3 摘要，OpenSSL 3 的默认用户标识）。',
    apiTitle: '接口',
    api: {
      head: '最新的已签名树头',
      entries: '叶子 [start, end)，每次至多 1000 片',
      inclusion: '叶子 index 在大小为 treeSize 的树中的包含证明',
      consistency: '大小为 first 的树是大小为 second 的树之前缀的一致性证明',
      key: '签名公钥',
    },
    stepsTitle: '如何验证',
    steps: {
      s1: '下载签名公钥并自行保存；以后每次都用保存的公钥核验，不必信任服务器当时给出的公钥。',
      s2: '取得树头，用公钥核验其签名，例如用 OpenSSL：',
      s3: '分批下载全部叶子，按上述规则计算根哈希，应与树头的 rootHash 相同；每项备案最后一片叶子的 record 应与公示信息（开放数据）一致。',
      s4: '保存这次的树头。下次再取得新树头时，用一致性证明核验新树是旧树的扩展：旧的叶子一片不少、一字未改。',
      s5: '只核验一条备案信息时：找到它的叶子，取得包含证明，从叶子哈希沿审计路径算到根，应与已签名的根相同。',
    },
    cliTitle: '用命令行工具一次完成',
    cliLead:
      '本系统的运维工具 vcp 可完成以上全部检查，并在发现问题时指出第一片有误的叶子。--state 保存本次树头，下次运行时检查日志只增未改；--key 指定您保存的公钥。',
    problemTitle: '发现不一致时',
    problem:
      '签名不通过、根哈希不符或一致性证明不成立，都说明日志或公示信息被改动过。请保存下载的数据和树头，通过投诉举报渠道反映。',
    complaintsLink: '投诉举报',
    openDataLink: '开放数据',
  },
  {
    title: 'Transparency log: check that published records were never silently changed',
    lead: 'Every public event (approval, change, deregistration, revocation) appends one leaf to an append-only transparency log, in the same transaction. The log is a Merkle tree with SM3 as its hash (RFC 6962); its heads are signed by this system with SM2. Anyone can download the log, recompute it and prove that a filing’s record was never silently changed or removed.',
    headTitle: 'The current head',
    treeSize: 'Leaves (treeSize)',
    rootHash: 'Root hash (rootHash)',
    timestamp: 'Signed at (timestamp)',
    signature: 'Signature (signature, base64 DER)',
    noHead: 'The log holds no leaves yet.',
    keyLink: 'The signing key (SM2, PEM)',
    headLink: 'The current head (JSON)',
    leafTitle: 'What a leaf holds',
    leafLead:
      'Leaf number index (from 0) is public event seq = index + 1: the UTF-8 text of the JSON object below, keys sorted at every depth, no whitespace (the same as RFC 8785 canonical JSON). record is the public record after the event, with the fields Article 5 publishes and no others.',
    hashTitle: 'How hashes are computed',
    hashLead:
      'Leaf hash = SM3(0x00 ‖ leaf), node hash = SM3(0x01 ‖ left ‖ right); the tree’s split, inclusion and consistency proofs follow RFC 6962 §2.1; every hash is lowercase hex. The signed text is “treeSize.rootHash.timestamp”, signed with SM2 (SM3 digest, OpenSSL 3’s default user ID).',
    apiTitle: 'API',
    api: {
      head: 'The latest signed head',
      entries: 'Leaves [start, end), at most 1000 a request',
      inclusion: 'The inclusion proof of leaf index in the tree of treeSize leaves',
      consistency: 'The consistency proof that the tree of first leaves is a prefix of the tree of second',
      key: 'The signing key',
    },
    stepsTitle: 'How to verify',
    steps: {
      s1: 'Download the signing key and keep it; check every later head with the key you kept rather than trusting the key the server gives at the time.',
      s2: 'Get the head and check its signature with the key, for example with OpenSSL:',
      s3: 'Download all leaves in batches and compute the root as above: it must equal the head’s rootHash; the record in each filing’s latest leaf must equal its public record (open data).',
      s4: 'Keep this head. With the next head, check with a consistency proof that the new tree extends the old one: not one old leaf missing or changed.',
      s5: 'To check a single filing: find its leaf, get its inclusion proof and hash from the leaf along the audit path up to the root: it must be the signed root.',
    },
    cliTitle: 'All of it with one command',
    cliLead:
      'The system’s operator tool vcp does every check above and, when something is wrong, names the first wrong leaf. --state keeps this head, so the next run checks that the log only grew; --key gives the key you kept.',
    problemTitle: 'When something does not match',
    problem:
      'A signature that fails, a root that differs or a consistency proof that does not hold each mean that the log or the published records were changed. Keep the data and the head you downloaded and report it through complaints and reports.',
    complaintsLink: 'Complaints and reports',
    openDataLink: 'Open data',
  },
);
