/**
 * Text safe in XML character data and attribute values: the five special characters as entities,
 * and every character XML 1.0 does not allow (C0 controls but tab, CR, LF; lone surrogates;
 * U+FFFE, U+FFFF) as U+FFFD, so that any token (`<script>`, `&`, emoji, combining marks) is text.
 */
const NOT_XML_CHAR = /[^\t\n\r\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}]/gu;
const ENTITIES: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };

export function xmlText(text: string): string {
  return text.replace(NOT_XML_CHAR, '\uFFFD').replace(/[&<>"']/g, (c) => ENTITIES[c]);
}
