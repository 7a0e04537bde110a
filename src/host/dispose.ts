/**
 * Ownership of disposables, as VS Code's Markdown extension does it (`src/util/dispose.ts`): an
 * object registers what it creates and disposes all of it, once, when it is disposed itself.
 */
import * as vscode from 'vscode';

export function disposeAll(disposables: vscode.Disposable[]): void {
  // Dispose the newest first, and every one even if another throws.
  const errors: unknown[] = [];
  while (disposables.length) {
    try {
      disposables.pop()!.dispose();
    } catch (error) {
      errors.push(error);
    }
  }
  if (errors.length === 1) throw errors[0];
  if (errors.length > 1) throw new AggregateError(errors, 'Several disposables failed to dispose');
}

export abstract class Disposable implements vscode.Disposable {
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];

  protected get isDisposed(): boolean {
    return this.disposed;
  }

  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    disposeAll(this.disposables);
  }

  /** Disposed with this object; disposed at once if this object already is. */
  protected register<T extends vscode.Disposable>(disposable: T): T {
    if (this.disposed) disposable.dispose();
    else this.disposables.push(disposable);
    return disposable;
  }
}
