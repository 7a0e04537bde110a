/**
 * The HTML of our webviews (attention panel and reader), as a pure function (no vscode import) so a
 * browser test can serve the very page VS Code shows. Everything that makes the page safe is here:
 * a strict CSP, one nonce'd script, our own stylesheet, no inline style or script, and no document
 * text (the app inserts that later, as text). The page's own strings, already in the display
 * language, ride along as data: JSON in a `data-strings` attribute of `<main id="app">`, escaped
 * like every attribute, which no browser runs and the CSP need not allow.
 */
export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin our bundled assets are served from. */
  readonly cspSource: string;
  /** A fresh random value per page load; only the script carrying it may run. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
  /** The display language (`vscode.env.language`, e.g. "en" or "zh-cn"), for `<html lang>`. */
  readonly lang: string;
  /** The page's strings by key, in that language (webview/src/shared/l10n.ts reads them). */
  readonly strings: Readonly<Record<string, string>>;
  /** The document's title; the page's name in the display language. */
  readonly title?: string;
}

/** A BCP 47 language tag as VS Code names display languages ("en", "zh-cn", "pt-br"). */
const LANGUAGE_TAG = /^[A-Za-z]{2,8}(?:-[A-Za-z0-9]{1,8})*$/;

/** Characters a base64 nonce is made of; anything else could break out of the CSP or the attribute. */
const NONCE_PATTERN = /^[A-Za-z0-9+/=_-]{16,}$/;

export function panelCsp(cspSource: string, nonce: string): string {
  return [
    "default-src 'none'",
    `img-src ${cspSource} data:`,
    `style-src ${cspSource}`,
    `script-src 'nonce-${nonce}'`,
    `font-src ${cspSource}`,
    // No <base> can redirect our relative URLs, and no form can post anywhere.
    "base-uri 'none'",
    "form-action 'none'",
  ].join('; ');
}

export function renderPanelHtml({ cspSource, nonce, scriptUri, styleUri, lang, strings, title = 'Attention' }: PanelHtmlOptions): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error('The webview nonce must be at least 16 base64 characters.');
  // webview.cspSource is a space-separated source list (e.g. "'self' https://*.vscode-cdn.net");
  // a semicolon, comma, double quote, angle bracket or line break would smuggle in a directive or markup.
  if (/[;,"<>\r\n]/.test(cspSource) || cspSource.trim() === '') throw new Error(`Not a CSP source: ${JSON.stringify(cspSource)}`);
  // An unexpected language name must not break the page: the strings still show, tagged English.
  const language = LANGUAGE_TAG.test(lang) ? lang : 'en';
  return `<!DOCTYPE html>
<html lang="${escapeAttribute(language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(panelCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>${escapeText(title)}</title>
</head>
<body>
<main id="app" class="app" data-strings="${escapeAttribute(serializeStrings(strings))}"></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>
`;
}

/** Only string values, by own string keys: whatever else a caller passes is not the page's to see. */
function serializeStrings(strings: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.fromEntries(Object.entries(strings).filter(([, value]) => typeof value === 'string')));
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`);
}

function escapeText(value: string): string {
  return value.replace(/[&<>]/g, (c) => `&#${c.charCodeAt(0)};`);
}
