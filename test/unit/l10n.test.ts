/**
 * Localisation is complete and tidy: every user-visible string of the manifest is a %key% with an
 * English and a zh-cn entry, every `vscode.l10n.t` message in src/ and every webview string has a
 * zh-cn translation with the same placeholders, and no translation is left over. Read from the
 * files as VS Code reads them; the sources are scanned as text.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { ATTENTION_PANEL_STRINGS, CONTEXTS_STRINGS, placeholders, READER_STRINGS, type StringTable } from '../../src/common/l10n/webviewStrings';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const read = (path: string) => readFileSync(join(ROOT, path), 'utf8');
const readJson = (path: string) => JSON.parse(read(path)) as Record<string, unknown>;

const manifest = readJson('package.json');
const NLS: Record<string, Record<string, unknown>> = { 'package.nls.json': readJson('package.nls.json'), 'package.nls.zh-cn.json': readJson('package.nls.zh-cn.json') };
const BUNDLE_FILE = 'l10n/bundle.l10n.zh-cn.json';
const bundle = readJson(BUNDLE_FILE);

/** The one `l10n.t` call whose message is a variable: it localises the webview tables' values. */
const TABLE_LOCALIZER = 'src/host/webview/webviewStrings.ts';
/** Each table and the folders of the page that uses it (the steps view is part of the attention panel). */
const TABLES: readonly { name: string; table: StringTable; folders: readonly string[] }[] = [
  { name: 'ATTENTION_PANEL_STRINGS', table: ATTENTION_PANEL_STRINGS, folders: ['webview/src/attention', 'webview/src/steps'] },
  { name: 'READER_STRINGS', table: READER_STRINGS, folders: ['webview/src/reader'] },
  { name: 'CONTEXTS_STRINGS', table: CONTEXTS_STRINGS, folders: ['webview/src/contexts'] },
];

function filesUnder(folder: string, extension = '.ts'): string[] {
  return readdirSync(join(ROOT, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(extension))
    .map((entry) => relative(ROOT, join(entry.parentPath, entry.name)).split('\\').join('/'))
    .sort();
}

/** Comments blanked out (newlines kept, so positions stay on their lines); strings left as they are. */
function withoutComments(source: string): string {
  return source.replace(/("(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|`(?:[^`\\]|\\.)*`)|\/\/[^\n]*|\/\*[\s\S]*?\*\//g, (match, literal: string | undefined) =>
    literal !== undefined ? match : match.replace(/[^\n]/g, ' '),
  );
}

const lineOf = (source: string, index: number) => source.slice(0, index).split('\n').length;

/** The JavaScript string literal starting at `at` ('…' or "…"), decoded, and where it ends. */
function readLiteral(source: string, at: number): { value: string; end: number } | undefined {
  const quote = source[at];
  if (quote !== "'" && quote !== '"') return undefined;
  let value = '';
  for (let i = at + 1; i < source.length; i++) {
    const c = source[i];
    if (c === quote) return { value, end: i + 1 };
    if (c === '\n') return undefined;
    if (c !== '\\') {
      value += c;
      continue;
    }
    const next = source[++i];
    const simple: Record<string, string> = { n: '\n', t: '\t', r: '\r', b: '\b', f: '\f', v: '\v', 0: '\0' };
    if (next in simple) value += simple[next];
    else if (next === 'x') {
      value += String.fromCharCode(parseInt(source.slice(i + 1, i + 3), 16));
      i += 2;
    } else if (next === 'u' && source[i + 1] === '{') {
      const close = source.indexOf('}', i);
      value += String.fromCodePoint(parseInt(source.slice(i + 2, close), 16));
      i = close;
    } else if (next === 'u') {
      value += String.fromCharCode(parseInt(source.slice(i + 1, i + 5), 16));
      i += 4;
    } else if (next === '\n') {
      // A line continuation adds nothing.
    } else value += next;
  }
  return undefined;
}

interface L10nCall {
  readonly where: string;
  /** The message, when it is one plain string literal. */
  readonly message?: string;
}

/** Every `l10n.t(` in the sources (vscode.l10n.t, or l10n imported from vscode), outside comments. */
function l10nCalls(files: readonly string[]): L10nCall[] {
  const calls: L10nCall[] = [];
  for (const file of files) {
    const source = withoutComments(read(file));
    for (const match of source.matchAll(/\bl10n\s*\.\s*t\s*\(\s*/g)) {
      const start = match.index + match[0].length;
      const where = `${file}:${lineOf(source, match.index)}`;
      const literal = readLiteral(source, start);
      // The literal must be the whole first argument: not 'a' + b, nor a ternary.
      const after = literal && /^\s*([,)])/.exec(source.slice(literal.end));
      calls.push(after && literal ? { where, message: literal.value } : { where });
    }
  }
  return calls;
}

const SOURCES = filesUnder('src');
const CALLS = l10nCalls(SOURCES);

/** Every string in the manifest that is a %key% reference. */
function manifestKeys(value: unknown, keys = new Set<string>()): Set<string> {
  if (typeof value === 'string') {
    const key = /^%([^%]+)%$/.exec(value)?.[1];
    if (key) keys.add(key);
  } else if (Array.isArray(value)) value.forEach((item) => manifestKeys(item, keys));
  else if (value && typeof value === 'object') Object.values(value).forEach((item) => manifestKeys(item, keys));
  return keys;
}

/** What must survive translation: placeholders, setting links, command links and code spans. */
function fixedParts(text: string): string[] {
  return [
    ...placeholders(text),
    ...[...text.matchAll(/#[\w.]+#/g)].map((m) => m[0]).sort(),
    ...[...text.matchAll(/\]\((command:[^)]*)\)/g)].map((m) => m[1]).sort(),
    ...[...text.matchAll(/`[^`]*`/g)].map((m) => m[0]).sort(),
  ];
}

function sortedDifference(a: Iterable<string>, b: ReadonlySet<string>): string[] {
  return [...new Set(a)].filter((x) => !b.has(x)).sort();
}

describe('localisation: the manifest (package.json, package.nls.json, package.nls.zh-cn.json)', () => {
  const used = manifestKeys(manifest);

  it('names its l10n folder for the run-time bundles', () => {
    assert.equal(manifest.l10n, './l10n');
    assert.ok(used.size > 0, 'package.json uses %key% references');
  });

  it('has every user-visible contributed string as a %key% reference', () => {
    const literal: string[] = [];
    const visible = /^(title|category|name|contextualTitle|description|markdownDescription|enumDescriptions|markdownEnumDescriptions|contents|deprecationMessage|markdownDeprecationMessage|label)$/;
    const walk = (value: unknown, path: string, field?: string) => {
      if (typeof value === 'string') {
        if (field && visible.test(field) && !/^%[^%]+%$/.test(value)) literal.push(`${path}: ${JSON.stringify(value)}`);
      } else if (Array.isArray(value)) value.forEach((item, i) => walk(item, `${path}[${i}]`, field));
      else if (value && typeof value === 'object') for (const [key, item] of Object.entries(value)) walk(item, `${path}.${key}`, key);
    };
    walk(manifest.contributes, 'contributes');
    for (const field of ['displayName', 'description']) walk(manifest[field], field, 'title');
    assert.deepEqual(literal, [], 'these manifest strings are not localised (make them %key% references in package.nls.json)');
  });

  for (const [file, nls] of Object.entries(NLS)) {
    it(`${file} has an entry for every %key% package.json uses`, () => {
      assert.deepEqual(sortedDifference(used, new Set(Object.keys(nls))), [], `keys used by package.json but missing from ${file}`);
    });

    it(`${file} has no key that package.json does not use`, () => {
      assert.deepEqual(sortedDifference(Object.keys(nls), used), [], `keys of ${file} that package.json does not use`);
    });

    it(`${file} has only non-empty strings`, () => {
      const bad = Object.entries(nls).filter(([, value]) => typeof value !== 'string' || value.trim() === '').map(([key]) => key);
      assert.deepEqual(bad, [], `keys of ${file} whose value is not a non-empty string`);
    });
  }

  it('package.nls.zh-cn.json keeps the placeholders, setting links, command links and code of the English', () => {
    const english = NLS['package.nls.json'];
    const chinese = NLS['package.nls.zh-cn.json'];
    const differ = Object.keys(english)
      .filter((key) => typeof chinese[key] === 'string' && fixedParts(String(english[key])).join('\n') !== fixedParts(String(chinese[key])).join('\n'))
      .map((key) => `${key}: ${JSON.stringify(fixedParts(String(english[key])))} ≠ ${JSON.stringify(fixedParts(String(chinese[key])))}`);
    assert.deepEqual(differ, []);
  });
});

describe('localisation: run-time strings (vscode.l10n.t and the webviews, l10n/bundle.l10n.zh-cn.json)', () => {
  const literals = CALLS.filter((call) => call.message !== undefined);
  const tableValues = TABLES.flatMap(({ name, table }) => Object.entries(table).map(([key, value]) => ({ where: `${name}.${key}`, message: value })));
  const usedMessages = new Set([...literals.map((call) => call.message!), ...tableValues.map((v) => v.message)]);

  it('finds the l10n.t calls of src/', () => {
    assert.ok(literals.length > 0, 'no vscode.l10n.t call with a literal message in src/');
  });

  it("passes l10n.t one plain string literal: no template literal, concatenation or variable (the bundle's key must be visible)", () => {
    const computed = CALLS.filter((call) => call.message === undefined);
    const [localizer, ...others] = computed.filter((call) => call.where.startsWith(`${TABLE_LOCALIZER}:`));
    assert.ok(localizer, `${TABLE_LOCALIZER} localises the webview tables with l10n.t(value)`);
    assert.deepEqual(
      [...others, ...computed.filter((call) => !call.where.startsWith(`${TABLE_LOCALIZER}:`))].map((call) => call.where),
      [],
      'l10n.t calls whose first argument is not one string literal',
    );
  });

  it(`has a translation in ${BUNDLE_FILE} for every l10n.t message in src/`, () => {
    const missing = literals.filter((call) => typeof bundle[call.message!] !== 'string').map((call) => `${call.where}: ${JSON.stringify(call.message)}`);
    assert.deepEqual(missing, [], `l10n.t messages with no entry in ${BUNDLE_FILE}`);
  });

  it(`has a translation in ${BUNDLE_FILE} for every string of the webviews' tables`, () => {
    const missing = tableValues.filter((v) => typeof bundle[v.message] !== 'string').map((v) => `${v.where}: ${JSON.stringify(v.message)}`);
    assert.deepEqual(missing, [], `webview strings with no entry in ${BUNDLE_FILE}`);
  });

  it(`has no key in ${BUNDLE_FILE} that no l10n.t call or webview table uses`, () => {
    assert.deepEqual(sortedDifference(Object.keys(bundle), usedMessages), [], `keys of ${BUNDLE_FILE} that nothing uses`);
  });

  it(`translates with the same {0}, {1}… placeholders as the English (${BUNDLE_FILE})`, () => {
    const differ = Object.entries(bundle)
      .filter(([english, chinese]) => typeof chinese !== 'string' || chinese.trim() === '' || placeholders(english).join() !== placeholders(chinese).join())
      .map(([english, chinese]) => `${JSON.stringify(english)}: ${JSON.stringify(chinese)}`);
    assert.deepEqual(differ, [], 'translations that are empty or whose placeholders differ from their key');
  });
});

describe('localisation: the webview string tables (src/common/l10n/webviewStrings.ts)', () => {
  for (const { name, table, folders } of TABLES) {
    const folder = folders.join('/, ');
    const sources = folders.flatMap((f) => filesUnder(f)).map((file) => ({ file, text: withoutComments(read(file)) }));
    const usedKeys = new Map<string, string>();
    for (const { file, text } of sources) {
      for (const match of text.matchAll(/(?<![\w.$])t\(\s*(['"])([^'"\n]*)\1/g)) usedKeys.set(match[2], `${file}:${lineOf(text, match.index)}`);
    }

    it(`${name}: every key is used as t('key') in ${folder}/`, () => {
      assert.deepEqual(sortedDifference(Object.keys(table), new Set(usedKeys.keys())), [], `keys of ${name} that ${folder}/ never looks up`);
    });

    it(`${name}: every t('key') in ${folder}/ is a key of the table`, () => {
      const unknown = [...usedKeys].filter(([key]) => !Object.hasOwn(table, key)).map(([key, where]) => `${where}: ${key}`);
      assert.deepEqual(unknown, [], `t() keys missing from ${name}`);
    });

    it(`${name}: ${folder}/ hands no English literal to text, titles or labels`, () => {
      // A heuristic for strings that bypassed the table: a literal with a Latin word where the
      // DOM gets user-visible text.
      const pattern = /(?:\btext:|\btitle:|'aria-label':|\.textContent\s*=|setAttribute\(\s*'(?:aria-label|title)',)\s*(['"`])[^'"`\n]*[A-Za-z]{2}/g;
      const found = sources.flatMap(({ file, text }) => {
        const literalParts = text.replace(/\$\{[^}\n]*\}/g, '0'); // what a template literal interpolates is not literal text
        return [...literalParts.matchAll(pattern)].map((m) => `${file}:${lineOf(literalParts, m.index)}: ${m[0]}`);
      });
      assert.deepEqual(found, [], 'user-visible English literals; put them in the table and use t()');
    });
  }

  it('the attention panel names the Show Attention command as the palette does, in both languages', () => {
    for (const [file, nls] of Object.entries(NLS)) {
      const title = `${nls['command.category']}: ${nls['command.showAttention.title']}`;
      const shown = file === 'package.nls.json' ? ATTENTION_PANEL_STRINGS.showAttentionCommand : bundle[ATTENTION_PANEL_STRINGS.showAttentionCommand];
      assert.equal(shown, title, `the panel's showAttentionCommand string and ${file}'s category and title`);
    }
  });
});
