/**
 * package.json against the code, as VS Code loaded it (like the Markdown extension's manifest
 * test): every setting's default and bounds are the code's constants, and every command, view,
 * menu item, keybinding and webview the manifest names is registered by the code.
 */
import * as assert from 'node:assert/strict';
import { AttentionPanel } from '../../src/attention/attentionPanel';
import { ChapterReader } from '../../src/chapter/chapterReader';
import { ChapterTreeProvider } from '../../src/chapter/chapterTree';
import { GlossaryTreeProvider } from '../../src/glossary/glossaryTree';
import { SETTINGS, SETTINGS_SECTION } from '../../src/host/settings';
import * as vscode from 'vscode';
import { extensionApi } from './support';

interface Manifest {
  activationEvents: string[];
  contributes: {
    commands: { command: string }[];
    menus: Record<string, { command: string }[]>;
    keybindings: { command: string }[];
    views: Record<string, { id: string }[]>;
    configuration: { properties: Record<string, Record<string, unknown>> };
    walkthroughs: { id: string; steps: { id: string; description: string; media: { svg: string }; completionEvents: string[] }[] }[];
  };
}

describe('the manifest', () => {
  let manifest: Manifest;
  let registered: readonly string[];
  let extensionUri: vscode.Uri;
  before(async () => {
    const { extension, api } = await extensionApi();
    manifest = extension.packageJSON as Manifest;
    registered = api.commandIds;
    extensionUri = extension.extensionUri;
  });

  it('declares every setting with the code\'s type, default and bounds', () => {
    const declared = manifest.contributes.configuration.properties;
    const expected = Object.fromEntries(
      Object.values(SETTINGS).map((spec) => {
        const { key, ...schema } = spec;
        return [`${SETTINGS_SECTION}.${key}`, schema];
      }),
    );
    assert.deepEqual(Object.keys(declared).sort(), Object.keys(expected).sort());
    for (const [name, schema] of Object.entries(expected)) {
      for (const [field, value] of Object.entries(schema)) assert.deepEqual(declared[name][field], value, `${name}.${field}`);
    }
  });

  it('contributes exactly the commands the code registers', () => {
    assert.deepEqual(manifest.contributes.commands.map((c) => c.command).sort(), [...registered].sort());
  });

  it('names only registered commands in menus and keybindings', () => {
    const named = [...Object.values(manifest.contributes.menus).flat(), ...manifest.contributes.keybindings].map((item) => item.command);
    assert.ok(named.length > 0);
    assert.deepEqual(named.filter((id) => !registered.includes(id)), []);
  });

  it('contributes the views and webviews the code creates', () => {
    const views = Object.values(manifest.contributes.views).flat().map((view) => view.id);
    assert.deepEqual(views.sort(), [ChapterTreeProvider.viewId, GlossaryTreeProvider.viewId].sort());
    for (const viewType of [AttentionPanel.viewType, ChapterReader.viewType]) {
      assert.ok(manifest.activationEvents.includes(`onWebviewPanel:${viewType}`), `activates on ${viewType}`);
    }
  });

  it('has a walkthrough whose buttons, completion events and pictures all exist', async () => {
    const [walkthrough] = manifest.contributes.walkthroughs;
    assert.equal(walkthrough.steps.length, 7);
    const views = Object.values(manifest.contributes.views).flat().map((view) => view.id);
    // A button runs one of our commands, or focuses one of our views (VS Code makes "<view>.focus").
    const known = (id: string) => registered.includes(id) || views.some((view) => id === `${view}.focus`);
    for (const step of walkthrough.steps) {
      const links = [...step.description.matchAll(/\]\(command:([\w.]+)\)/g)].map((match) => match[1]);
      assert.equal(links.length, 1, `${step.id} has one button`);
      assert.deepEqual(links.filter((id) => !known(id)), [], `${step.id}'s button`);
      const commands = step.completionEvents.filter((event) => event.startsWith('onCommand:')).map((event) => event.slice('onCommand:'.length));
      assert.deepEqual(commands.filter((id) => !registered.includes(id)), [], `${step.id}'s completion events`);
      await vscode.workspace.fs.stat(vscode.Uri.joinPath(extensionUri, step.media.svg));
    }
  });
});
