/**
 * A small, strict XML parser for tests: elements, attributes, text, comments, the XML declaration,
 * the five predefined entities and character references. It throws on anything not well-formed
 * (a tag not closed or closed out of order, an unquoted or repeated attribute, a bare & or <,
 * an unknown entity, text outside the root), so a test that parses a file proves it is XML.
 */
export interface XmlElement {
  readonly name: string;
  readonly attributes: Readonly<Record<string, string>>;
  readonly children: readonly (XmlElement | string)[];
}

const NAME = /^[A-Za-z_:][-A-Za-z0-9_:.]*/;
const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decode(text: string, at: number): string {
  if (text.includes('<')) throw new SyntaxError(`a bare < near ${at}`);
  return text.replace(/&([^;]*);|&/g, (_, ref: string | undefined) => {
    if (ref === undefined) throw new SyntaxError(`a bare & near ${at}`);
    if (ref in ENTITIES) return ENTITIES[ref];
    const code = /^#x([0-9a-fA-F]+)$/.exec(ref)?.[1] ?? /^#([0-9]+)$/.exec(ref)?.[1];
    if (code === undefined) throw new SyntaxError(`unknown entity &${ref}; near ${at}`);
    return String.fromCodePoint(parseInt(code, ref.startsWith('#x') ? 16 : 10));
  });
}

export function parseXml(source: string): XmlElement {
  let i = 0;
  const skipMisc = () => {
    for (;;) {
      const rest = source.slice(i);
      const blank = /^\s+/.exec(rest);
      if (blank) i += blank[0].length;
      else if (rest.startsWith('<?')) i = source.indexOf('?>', i) + 2;
      else if (rest.startsWith('<!--')) i = source.indexOf('-->', i) + 3;
      else return;
      if (i < 2) throw new SyntaxError('an unclosed declaration or comment');
    }
  };
  const element = (): XmlElement => {
    if (source[i] !== '<') throw new SyntaxError(`an element expected at ${i}`);
    i++;
    const name = NAME.exec(source.slice(i))?.[0];
    if (!name) throw new SyntaxError(`a tag name expected at ${i}`);
    i += name.length;
    const attributes: Record<string, string> = {};
    for (;;) {
      const blank = /^\s*/.exec(source.slice(i))![0];
      i += blank.length;
      if (source.startsWith('/>', i)) {
        i += 2;
        return { name, attributes, children: [] };
      }
      if (source[i] === '>') {
        i++;
        break;
      }
      if (blank === '') throw new SyntaxError(`a space expected before an attribute at ${i}`);
      const attr = /^([A-Za-z_:][-A-Za-z0-9_:.]*)\s*=\s*("([^"]*)"|'([^']*)')/.exec(source.slice(i));
      if (!attr) throw new SyntaxError(`a quoted attribute expected at ${i}`);
      if (attr[1] in attributes) throw new SyntaxError(`attribute ${attr[1]} repeated at ${i}`);
      attributes[attr[1]] = decode(attr[3] ?? attr[4], i);
      i += attr[0].length;
    }
    const children: (XmlElement | string)[] = [];
    for (;;) {
      const next = source.indexOf('<', i);
      if (next < 0) throw new SyntaxError(`<${name}> is not closed`);
      if (next > i) children.push(decode(source.slice(i, next), i));
      i = next;
      if (source.startsWith('</', i)) {
        const close = new RegExp(`^</${name.replace(/[.:]/g, '\\$&')}\\s*>`).exec(source.slice(i));
        if (!close) throw new SyntaxError(`</${name}> expected at ${i}`);
        i += close[0].length;
        return { name, attributes, children };
      }
      if (source.startsWith('<!--', i)) {
        i = source.indexOf('-->', i) + 3;
        continue;
      }
      children.push(element());
    }
  };
  skipMisc();
  const root = element();
  skipMisc();
  if (i !== source.length) throw new SyntaxError(`content after the root element at ${i}`);
  return root;
}

/** Every element of the tree, depth first. */
export function* xmlElements(root: XmlElement): Generator<XmlElement> {
  yield root;
  for (const child of root.children) if (typeof child !== 'string') yield* xmlElements(child);
}

export function xmlTextOf(element: XmlElement): string {
  return element.children.map((child) => (typeof child === 'string' ? child : xmlTextOf(child))).join('');
}
