/**
 * Every command of the extension is a class with its id, registered here in one place (as VS
 * Code's Markdown extension does in `src/commandManager.ts`); other code refers to a command by
 * its class's `id`, so no id is written twice.
 */
import * as vscode from 'vscode';
import { Disposable } from './dispose';

export interface Command {
  readonly id: string;
  execute(...args: unknown[]): unknown;
}

export class CommandManager extends Disposable {
  private readonly ids = new Set<string>();

  registerAll(commands: readonly Command[]): void {
    for (const command of commands) this.registerOne(command);
  }

  /** The ids registered, for the manifest check. */
  get registeredIds(): readonly string[] {
    return [...this.ids];
  }

  private registerOne(command: Command): void {
    if (this.ids.has(command.id)) throw new Error(`The command ${command.id} is registered twice`);
    this.ids.add(command.id);
    this.register(vscode.commands.registerCommand(command.id, (...args: unknown[]) => command.execute(...args)));
  }
}
