import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { renderPanelHtml } from '../../src/host/webview/pageHtml';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'c2VjcmV0LW5vbmNlLTEyMzQ1Ng==';
const options = { cspSource: SOURCE, nonce: NONCE, scriptUri: `${SOURCE}/ext/dist/webview/main.js`, styleUri: `${SOURCE}/ext/dist/webview/styles.css` };

describe('panel HTML', () => {
  it('carries the strict CSP: nothing by default, our assets, and only the nonce\'d script', () => {
    const html = renderPanelHtml(options);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src &#39;none&#39;; img-src ${SOURCE} data:; style-src ${SOURCE}; script-src &#39;nonce-${NONCE}&#39;; font-src ${SOURCE}`,
    );
  });

  it('has exactly one script, with the nonce, and no inline script, style or event handler', () => {
    const html = renderPanelHtml(options);
    assert.deepEqual(html.match(/<script[^>]*>/g), [`<script nonce="${NONCE}" src="${options.scriptUri}">`]);
    assert.doesNotMatch(html, /<style|style=|\son[a-z]+=/i);
    assert.match(html, new RegExp(`<link rel="stylesheet" href="${options.styleUri.replace(/[.+]/g, '\\$&')}">`));
  });

  it('refuses a nonce or CSP source that could break out of the policy', () => {
    assert.throws(() => renderPanelHtml({ ...options, nonce: 'short' }), /nonce/);
    assert.throws(() => renderPanelHtml({ ...options, nonce: `${NONCE}' 'unsafe-inline` }), /nonce/);
    assert.throws(() => renderPanelHtml({ ...options, cspSource: `${SOURCE}; script-src *` }), /CSP source/);
  });

  it('escapes asset URIs into their attributes', () => {
    const html = renderPanelHtml({ ...options, scriptUri: `${SOURCE}/a"><script>alert(1)</script>.js` });
    assert.equal(html.match(/<script/g)?.length, 1);
    assert.match(html, /a&#34;&#62;&#60;script&#62;/);
  });
});
