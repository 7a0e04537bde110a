/**
 * The attention panel's HTML, as a pure function (no vscode import) so a browser test can serve the
 * very page VS Code shows. Everything that makes the page safe is here: a strict CSP, one nonce'd
 * script, our own stylesheet, no inline style or script, and no document text (the app inserts
 * that later, as text).
 */
export interface PanelHtmlOptions {
  /** `webview.cspSource`: the origin our bundled assets are served from. */
  readonly cspSource: string;
  /** A fresh random value per page load; only the script carrying it may run. */
  readonly nonce: string;
  readonly scriptUri: string;
  readonly styleUri: string;
}

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

export function renderPanelHtml({ cspSource, nonce, scriptUri, styleUri }: PanelHtmlOptions): string {
  if (!NONCE_PATTERN.test(nonce)) throw new Error('The webview nonce must be at least 16 base64 characters.');
  // webview.cspSource is a space-separated source list (e.g. "'self' https://*.vscode-cdn.net");
  // a semicolon, comma, double quote, angle bracket or line break would smuggle in a directive or markup.
  if (/[;,"<>\r\n]/.test(cspSource) || cspSource.trim() === '') throw new Error(`Not a CSP source: ${JSON.stringify(cspSource)}`);
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${escapeAttribute(panelCsp(cspSource, nonce))}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="${escapeAttribute(styleUri)}">
<title>Attention</title>
</head>
<body>
<main id="app" class="app"></main>
<script nonce="${escapeAttribute(nonce)}" src="${escapeAttribute(scriptUri)}"></script>
</body>
</html>
`;
}

function escapeAttribute(value: string): string {
  return value.replace(/[&"<>']/g, (c) => `&#${c.charCodeAt(0)};`);
}
