/**
 * The README against the repository: its pictures are the UI tests' screenshots (docs/screenshots/,
 * each in dark and light), and its tables name every command, setting and key the manifest
 * contributes, so neither can fall behind the other.
 */
import assert from 'node:assert/strict';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { describe, it } from 'node:test';

const root = new URL('../../', import.meta.url);
const README = readFileSync(new URL('README.md', root), 'utf8');
const manifest = JSON.parse(readFileSync(new URL('package.json', root), 'utf8'));
const nls = JSON.parse(readFileSync(new URL('package.nls.json', root), 'utf8')) as Record<string, string>;
const english = (value: string) => value.replace(/^%(.+)%$/, (_, key: string) => nls[key]);

/** The README's table rows whose first cell names `text`. */
const rowsNaming = (text: string) => README.split('\n').filter((line) => line.startsWith('|') && line.split('|')[1].includes(text));

describe('the README', () => {
  it('opens with exactly the two commands for a fresh machine', () => {
    const block = README.split('```')[1].trim().split('\n').slice(1);
    assert.deepEqual(block.map((line) => line.split('#')[0].trim()), ['npm ci && npm start', 'npm ci && npm test']);
  });

  it('shows every one of its screenshots in dark and in light, and each exists', () => {
    const shown = [...README.matchAll(/\]\((docs\/screenshots\/[^)]+\.png)\)/g)].map((match) => match[1]);
    const names = new Set(shown.map((path) => path.replace(/^docs\/screenshots\//, '').replace(/-(dark|light)\.png$/, '')));
    for (const name of ['panel', 'steps-view', 'painted-document', 'compare-contexts', 'glossary-hover', 'reader']) assert.ok(names.has(name), `the README shows ${name}`);
    for (const name of names) {
      for (const theme of ['dark', 'light']) assert.ok(shown.includes(`docs/screenshots/${name}-${theme}.png`), `${name} is shown in ${theme}`);
    }
    for (const path of shown) assert.ok(existsSync(new URL(path, root)), `${path} exists (the UI tests make it)`);
    const unused = readdirSync(new URL('docs/screenshots/', root)).filter((file) => !shown.includes(`docs/screenshots/${file}`));
    assert.deepEqual(unused, [], 'every screenshot kept is shown');
  });

  it('has a row for every command, setting and key binding', () => {
    for (const { command, title } of manifest.contributes.commands as { command: string; title: string }[]) {
      if ((manifest.contributes.menus.commandPalette as { command: string; when: string }[]).some((item) => item.command === command && item.when === 'false')) continue;
      assert.ok(rowsNaming(english(title)).length > 0, `a row for the command "${english(title)}" (${command})`);
    }
    for (const setting of Object.keys(manifest.contributes.configuration.properties)) assert.ok(rowsNaming(`\`${setting}\``).length > 0, `a row for the setting ${setting}`);
    for (const { key } of manifest.contributes.keybindings as { key: string }[]) assert.ok(rowsNaming(`\`${key.replace(/\b\w/g, (c) => c.toUpperCase())}\``).length > 0, `a row for the key ${key}`);
  });

  it('says what leaves the machine, and where the chapter comes from', () => {
    assert.match(README, /^## Privacy/m);
    assert.match(README, /^## Where the chapter comes from/m);
  });
});
