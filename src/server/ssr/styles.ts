/**
 * The public pages' one stylesheet (SPEC §13: good on a phone, no JavaScript, ≤ 100 KB with everything a page
 * loads). Served at a path carrying its hash, cached for good (`immutable`): a new stylesheet gets a new path.
 * System fonts only: no font download, Chinese faces come from the visitor's device.
 */
import { createHash } from 'node:crypto';

const CSS = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.6 system-ui,-apple-system,"PingFang SC","Hiragino Sans GB","Microsoft YaHei","Noto Sans CJK SC",sans-serif;color:#1f2328;background:#f6f8fa}
a{color:#0b57d0}
a:focus-visible,button:focus-visible,input:focus-visible,select:focus-visible,textarea:focus-visible{outline:3px solid #f59e0b;outline-offset:2px}
.visually-hidden{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0);white-space:nowrap}
.skip{position:absolute;left:-999px}.skip:focus{left:8px;top:8px;background:#fff;padding:4px 8px;z-index:9}
.wrap{max-width:60rem;margin:0 auto;padding:0 1rem}
header.site{background:#0b3d91;color:#fff}
header.site .wrap{display:flex;flex-wrap:wrap;align-items:center;gap:.5rem 1.5rem;padding-top:.6rem;padding-bottom:.6rem}
header.site a{color:#fff;text-decoration:none}
.brand{font-weight:700;font-size:1.1rem;margin-right:auto}
nav.main ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;margin:0;padding:0}
nav.main a[aria-current=page]{text-decoration:underline;text-underline-offset:4px}
.lang{font-size:.9rem;border:1px solid #ffffff88;border-radius:4px;padding:0 .4rem}
main{display:block}
main.wrap{padding-top:1.25rem;padding-bottom:2rem}
h1{font-size:1.6rem;line-height:1.3;margin:.25rem 0 1rem}
h2{font-size:1.25rem;margin:1.75rem 0 .5rem}
h3{font-size:1.05rem;margin:1rem 0 .25rem}
.card{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:1rem 1.25rem;margin:1rem 0}
.card>h2:first-child,.notice>h2:first-child{margin-top:.25rem}
form.search{display:flex;flex-wrap:wrap;gap:.5rem}
form.search input[type=search],form.search input[type=text]{flex:1 1 14rem;min-width:0;font:inherit;padding:.5rem .65rem;border:1px solid #8c959f;border-radius:6px}
button,.button{font:inherit;padding:.5rem 1rem;border:0;border-radius:6px;background:#0b57d0;color:#fff;cursor:pointer;text-decoration:none;display:inline-block}
.muted{color:#57606a}
.small{font-size:.875rem}
.counts{display:flex;flex-wrap:wrap;gap:1rem;list-style:none;padding:0;margin:.5rem 0}
.counts li{flex:1 1 8rem;background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem}
.counts strong{display:block;font-size:1.5rem}
dl.record{display:grid;grid-template-columns:minmax(7rem,12rem) minmax(0,1fr);gap:.35rem 1rem;margin:0}
dl.record dt{color:#57606a;overflow-wrap:anywhere}dl.record dd{margin:0;overflow-wrap:anywhere}
dl.record.wide-terms{grid-template-columns:minmax(0,max-content) minmax(0,1fr)}
@media (max-width:36rem){dl.record,dl.record.wide-terms{grid-template-columns:minmax(0,1fr)}dl.record dd{margin-bottom:.5rem}}
.status{display:inline-block;padding:0 .5rem;border-radius:4px;font-weight:600}
.status-valid{background:#dafbe1;color:#116329}.status-deregistered{background:#eaeef2;color:#424a53}.status-revoked{background:#ffebe9;color:#a40e26}
ol.results{list-style:none;padding:0;margin:0}
ol.results li{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:.75rem 1rem;margin:.6rem 0}
ol.results h2{font-size:1.1rem;margin:0 0 .25rem}
mark{background:#fff3b0;color:inherit;padding:0}
nav.pager ul{display:flex;flex-wrap:wrap;gap:.5rem;list-style:none;padding:0}
nav.pager a,nav.pager span{display:inline-block;padding:.25rem .6rem;border:1px solid #d0d7de;border-radius:4px;background:#fff}
table{border-collapse:collapse;width:100%}th,td{text-align:left;padding:.4rem .5rem;border-bottom:1px solid #d0d7de;vertical-align:top}
textarea{width:100%;font:13px/1.4 ui-monospace,monospace;padding:.5rem}
fieldset{border:1px solid #d0d7de;border-radius:6px;margin:.75rem 0;padding:.5rem 1rem}
legend{font-weight:600;padding:0 .25rem}
.answer{border-left:4px solid #0b57d0}
.notice{background:#fff8c5;border:1px solid #d4a72c;border-radius:8px;padding:.75rem 1rem}
footer.site{border-top:1px solid #d0d7de;background:#fff;padding:1rem 0 1.5rem;font-size:.875rem;color:#57606a}
footer.site ul{display:flex;flex-wrap:wrap;gap:.25rem 1rem;list-style:none;padding:0;margin:.5rem 0}
pre{overflow-x:auto;background:#fff;border:1px solid #d0d7de;border-radius:6px;padding:.75rem;font:13px/1.5 ui-monospace,monospace}
code.hash{font:13px/1.5 ui-monospace,monospace;word-break:break-all}
`
  .trim()
  .replace(/\n/g, '');

export const STYLESHEET = {
  body: CSS,
  path: `/static/site.${createHash('sha256').update(CSS).digest('hex').slice(0, 12)}.css`,
};
