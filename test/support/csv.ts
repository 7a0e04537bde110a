/**
 * An RFC 4180 CSV reader for tests: quoted fields (with "" for a quote, and commas and line
 * breaks inside), CRLF or LF line ends; a byte-order mark at the start is reported, not kept.
 * Throws on a quote inside an unquoted field or text after a closing quote.
 */
export function parseCsv(text: string): { bom: boolean; rows: string[][] } {
  const bom = text.startsWith('\uFEFF');
  const source = bom ? text.slice(1) : text;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  while (i < source.length) {
    let field = '';
    if (source[i] === '"') {
      i++;
      for (;;) {
        if (i >= source.length) throw new SyntaxError('a quoted field is not closed');
        if (source[i] === '"') {
          if (source[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += source[i++];
      }
      if (i < source.length && !/^(,|\r\n|\n)/.test(source.slice(i, i + 2))) throw new SyntaxError(`text after a closing quote at ${i}`);
    } else {
      const end = /[,\r\n]|$/.exec(source.slice(i))!.index;
      field = source.slice(i, i + end);
      if (field.includes('"')) throw new SyntaxError(`a quote in an unquoted field at ${i}`);
      i += end;
    }
    row.push(field);
    if (source[i] === ',') {
      i++;
      continue;
    }
    rows.push(row);
    row = [];
    if (source.startsWith('\r\n', i)) i += 2;
    else if (source[i] === '\n') i++;
  }
  return { bom, rows };
}
