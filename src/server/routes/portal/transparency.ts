/** `/transparency` (SPEC §11, §13): the transparency log, its current head, and how anyone verifies it. */
import { type Html, html } from '../../ssr/html.js';
import type { PageContext } from '../../ssr/layout.js';
import { leafText } from '../../transparency/leaf.js';
import type { TreeHead } from '../../transparency/signer.js';

const EXAMPLE_LEAF = JSON.stringify(
  JSON.parse(
    leafText({
      seq: 1,
      type: 'filing.approved',
      filingNumber: '工信漏备202600001号',
      at: '2026-03-02T08:00:00.000Z',
      record: {
        filingNumber: '工信漏备202600001号',
        platformName: '示例漏洞响应平台',
        homepageUrl: 'https://src.example.cn/',
        icpNumber: '京ICP备12345678号',
        publishUrls: ['https://src.example.cn/advisories'],
        socialAccounts: [{ app: '微信', account: 'example-src' }],
        sponsorName: '示例网络科技有限公司',
        sponsorType: 'enterprise',
        sponsorTypeLabel: '企业',
        filingDate: '2026-03-02',
        lastChangeDate: null,
        status: 'valid',
      },
    }),
  ),
  null,
  2,
);

const API: [key: string, path: string][] = [
  ['head', 'GET /api/public/log/head'],
  ['entries', 'GET /api/public/log/entries?start=&end='],
  ['inclusion', 'GET /api/public/log/proof/inclusion?index=&treeSize='],
  ['consistency', 'GET /api/public/log/proof/consistency?first=&second='],
  ['key', 'GET /api/public/log/key'],
];

export function transparencyView(pc: PageContext, head: TreeHead, baseUrl: string): Html {
  const { t } = pc;
  const signatureCheck = [
    `curl -s ${baseUrl}/api/public/log/key > log-key.pem`,
    `curl -s ${baseUrl}/api/public/log/head > head.json`,
    `jq -j '"\\(.treeSize).\\(.rootHash).\\(.timestamp)"' head.json > head.txt`,
    'jq -r .signature head.json | base64 -d > head.sig',
    'openssl dgst -sm3 -verify log-key.pem -signature head.sig head.txt',
  ].join('\n');
  const cli = `npm run vcp -- log verify --url ${baseUrl} --state saved-head.json --key log-key.pem`;
  return html`<h1>${t('transparency:title')}</h1>
<p>${t('transparency:lead')}</p>
<section aria-labelledby="h-head">
<h2 id="h-head">${t('transparency:headTitle')}</h2>
${head.treeSize === 0 ? html`<p>${t('transparency:noHead')}</p>` : ''}
<dl class="record" data-testid="log-head">
<dt>${t('transparency:treeSize')}</dt><dd>${String(head.treeSize)}</dd>
<dt>${t('transparency:rootHash')}</dt><dd><code class="hash">${head.rootHash}</code></dd>
<dt>${t('transparency:timestamp')}</dt><dd>${head.timestamp}</dd>
<dt>${t('transparency:signature')}</dt><dd><code class="hash">${head.signature}</code></dd>
</dl>
<p><a href="/api/public/log/key">${t('transparency:keyLink')}</a> · <a href="/api/public/log/head">${t('transparency:headLink')}</a></p>
</section>
<section aria-labelledby="h-leaf">
<h2 id="h-leaf">${t('transparency:leafTitle')}</h2>
<p>${t('transparency:leafLead')}</p>
<pre><code>${EXAMPLE_LEAF}</code></pre>
</section>
<section aria-labelledby="h-hash">
<h2 id="h-hash">${t('transparency:hashTitle')}</h2>
<p>${t('transparency:hashLead')}</p>
</section>
<section aria-labelledby="h-api">
<h2 id="h-api">${t('transparency:apiTitle')}</h2>
<dl class="record wide-terms">
${API.map(([k, path]) => html`<dt><code>${path}</code></dt><dd>${t(`transparency:api.${k}`)}</dd>`)}
</dl>
</section>
<section aria-labelledby="h-steps">
<h2 id="h-steps">${t('transparency:stepsTitle')}</h2>
<ol>
<li>${t('transparency:steps.s1')}</li>
<li>${t('transparency:steps.s2')}<pre><code>${signatureCheck}</code></pre></li>
<li>${t('transparency:steps.s3')}</li>
<li>${t('transparency:steps.s4')}</li>
<li>${t('transparency:steps.s5')}</li>
</ol>
</section>
<section aria-labelledby="h-cli">
<h2 id="h-cli">${t('transparency:cliTitle')}</h2>
<p>${t('transparency:cliLead')}</p>
<pre><code>${cli}</code></pre>
</section>
<section aria-labelledby="h-problem">
<h2 id="h-problem">${t('transparency:problemTitle')}</h2>
<p>${t('transparency:problem')} <a href="/complaints/new">${t('transparency:complaintsLink')}</a> · <a href="/open-data">${t('transparency:openDataLink')}</a></p>
</section>`;
}
