import { describe, expect, it } from 'vitest';
import { escapeHtml, html, queryString, raw } from './html.js';

describe('html``', () => {
  it('escapes every interpolated string, in text and in quoted attributes', () => {
    const evil = `<script>alert("x")</script>' onload='x' &amp;`;
    const out = html`<p title="${evil}">${evil}</p>`.value;
    expect(out).toBe(
      '<p title="&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x&#39; &amp;amp;">&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&#39; onload=&#39;x&#39; &amp;amp;</p>',
    );
  });

  it('nests html`` and raw() as markup, joins arrays, and drops null, undefined and booleans', () => {
    const items = ['a<b', 'c'];
    const out = html`<ul>${items.map((i) => html`<li>${i}</li>`)}</ul>${null}${undefined}${false}${true}${raw('<br>')}${0}`;
    expect(out.value).toBe('<ul><li>a&lt;b</li><li>c</li></ul><br>0');
  });

  it('does not take a plain object for markup', () => {
    const fake = { value: '<b>' } as unknown as string;
    expect(html`${fake}`.value).toBe('[object Object]');
    expect(escapeHtml('"\'<>&')).toBe('&quot;&#39;&lt;&gt;&amp;');
  });

  it('builds query strings from the set values, encoded', () => {
    expect(queryString({ q: '漏洞 &x', page: 2, empty: '', none: undefined })).toBe(
      '?q=%E6%BC%8F%E6%B4%9E%20%26x&page=2',
    );
    expect(queryString({})).toBe('');
  });
});
