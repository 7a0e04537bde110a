/**
 * The weights as CSV (RFC 4180): a header row of the key tokens after a corner cell, then one row
 * per query token, its token first. Fields with a comma, a quote, a line break or blanks at an end
 * are quoted, quotes doubled; lines end with CRLF. The file starts with a UTF-8 byte-order mark,
 * without which Excel reads UTF-8 as the system's code page (Chinese tokens become mojibake);
 * Python's csv module (encoding 'utf-8-sig'), pandas, R and LibreOffice read it as well.
 * Numbers: a head's float32 weights in the fewest digits that read back as the same float32; an
 * average (float64) as JavaScript prints it, in full. Made a row at a time, so that the host can
 * yield between rows (2,048 tokens are 4 M cells).
 */
import { float32Json } from './modelJson';

export const UTF8_BOM = '\uFEFF';

export type CsvPrecision = 'float32' | 'float64';

export function csvField(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The first line (BOM included): the corner cell, then the key tokens. */
export function csvHeader(tokens: readonly string[], corner: string): string {
  return UTF8_BOM + [corner, ...tokens].map(csvField).join(',') + '\r\n';
}

/** One query's row: its token, then `count` weights from `weights[offset]` on. */
export function csvRow(token: string, weights: ArrayLike<number>, precision: CsvPrecision, offset = 0, count = weights.length - offset): string {
  const fields = new Array<string>(count + 1);
  fields[0] = csvField(token);
  for (let i = 0; i < count; i++) fields[i + 1] = precision === 'float32' ? float32Json(weights[offset + i]) : String(weights[offset + i]);
  return fields.join(',') + '\r\n';
}
