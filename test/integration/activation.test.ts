/** The extension starts in a real VS Code and every command it declares can be run. */
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { EXTENSION_ID, extensionApi } from './support';

describe('activation', () => {
  it(`activates ${EXTENSION_ID}`, async () => {
    const { extension } = await extensionApi();
    assert.equal(extension.isActive, true);
  });

  it('registers every command that package.json contributes', async () => {
    const { extension } = await extensionApi();
    // Read from the extension's package.json as loaded by VS Code, so the test grows with it.
    const contributed: string[] = (extension.packageJSON.contributes?.commands ?? []).map(
      (command: { command: string }) => command.command,
    );
    assert.ok(contributed.length > 0, 'package.json contributes no commands');
    const registered = new Set(await vscode.commands.getCommands(true));
    assert.deepEqual(contributed.filter((command) => !registered.has(command)), [], 'contributed commands that are not registered');
  });
});
