/**
 * The Node extension host's FileSink: each chunk goes straight to disk through node:fs, so a
 * 400 MB weights file never sits in memory. Imported only by src/extension.ts (the Node entry):
 * the web bundle must not reach node:fs. A URI that is not a file falls back to workspace.fs.
 */
import { open, rm } from 'node:fs/promises';
import type * as vscode from 'vscode';
import { workspaceFileSink, type FileSink } from './fileSink';
import type { FileWriter } from './fileWriter';

export const nodeFileSink: FileSink = {
  async createFile(uri: vscode.Uri): Promise<FileWriter> {
    if (uri.scheme !== 'file') return workspaceFileSink().createFile(uri);
    const path = uri.fsPath;
    // 'wx': the partial folder is new, so an existing file here is a mistake, not something to overwrite.
    const handle = await open(path, 'wx');
    return {
      async write(chunk) {
        for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
      },
      async close() {
        // On disk before the folder is renamed into place, so a crash cannot leave a short file there.
        await handle.datasync();
        await handle.close();
      },
      async abort() {
        await handle.close().catch(() => undefined);
        await rm(path, { force: true });
      },
    };
  },
};
