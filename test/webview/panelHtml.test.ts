import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ATTENTION_PANEL_STRINGS } from '../../src/common/l10n/webviewStrings';
import { renderPanelHtml } from '../../src/host/webview/pageHtml';
import { localizedStrings } from './support/strings';

const SOURCE = 'https://file+.vscode-resource.vscode-cdn.net';
const NONCE = 'c2VjcmV0LW5vbmNlLTEyMzQ1Ng==';
const options = {
  cspSource: SOURCE,
  nonce: NONCE,
  scriptUri: `${SOURCE}/ext/dist/webview/main.js`,
  styleUri: `${SOURCE}/ext/dist/webview/styles.css`,
  lang: 'en',
  strings: localizedStrings(ATTENTION_PANEL_STRINGS, 'en'),
};

/** The value of `<main id="app" data-strings="…">`, decoded as the browser decodes an attribute. */
function embeddedStrings(html: string): unknown {
  const attribute = /<main id="app" class="app" data-strings="([^"]*)"><\/main>/.exec(html)?.[1];
  assert.ok(attribute !== undefined, 'the strings are in a data-strings attribute of <main id="app">');
  return JSON.parse(attribute.replace(/&#(\d+);/g, (_, code: string) => String.fromCharCode(Number(code))));
}

describe('panel HTML', () => {
  it('carries the strict CSP: nothing by default, our assets, and only the nonce\'d script', () => {
    const html = renderPanelHtml(options);
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1];
    assert.equal(
      csp,
      `default-src &#39;none&#39;; img-src ${SOURCE} data:; style-src ${SOURCE}; script-src &#39;nonce-${NONCE}&#39;; font-src ${SOURCE}; base-uri &#39;none&#39;; form-action &#39;none&#39;`,
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

  it('states the display language and carries the strings as data, every one as given', () => {
    const strings = localizedStrings(ATTENTION_PANEL_STRINGS, 'zh-cn');
    const html = renderPanelHtml({ ...options, lang: 'zh-cn', strings, title: '注意力' });
    assert.match(html, /^<!DOCTYPE html>\n<html lang="zh-cn">/);
    assert.match(html, /<title>注意力<\/title>/);
    assert.deepEqual(embeddedStrings(html), strings);
    assert.deepEqual(embeddedStrings(renderPanelHtml(options)), ATTENTION_PANEL_STRINGS);
  });

  it('keeps strings that look like markup inside their attribute: no element, script or handler can come of them', () => {
    const hostile = {
      quote: '"><script>alert(1)</script>',
      close: '</script><script>alert(2)</script>',
      apostrophe: "' onmouseover='alert(3)",
      comment: '<!-- --> & &amp; &#60;',
      main: '</main><img src=x onerror=alert(4)>',
    };
    const html = renderPanelHtml({ ...options, strings: hostile, title: '</title><script>alert(5)</script>' });
    assert.deepEqual(html.match(/<script[^>]*>/g), [`<script nonce="${NONCE}" src="${options.scriptUri}">`], 'still one script: ours');
    assert.equal(html.match(/<main/g)?.length, 1);
    // Nothing between the attribute's quotes can close it or open a tag, and outside it no markup came of the strings.
    assert.doesNotMatch(html.replace(/data-strings="[^"]*"/, ''), /<img|<!--|\son[a-z]+=/i);
    const attribute = /data-strings="([^"]*)"/.exec(html)![1];
    assert.doesNotMatch(attribute, /[<>"']/);
    assert.deepEqual(embeddedStrings(html), hostile, 'and the page reads back exactly what was given');
    assert.match(html, /<title>&#60;\/title&#62;&#60;script&#62;alert\(5\)&#60;\/script&#62;<\/title>/);
  });

  it('falls back to "en" for a language tag that is not one, instead of writing it into the page', () => {
    const html = renderPanelHtml({ ...options, lang: 'zh"><script>' });
    assert.match(html, /<html lang="en">/);
    assert.equal(html.match(/<script/g)?.length, 1);
  });
});
