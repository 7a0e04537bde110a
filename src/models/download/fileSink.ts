/**
 * Where a download's files are written: `createFile(uri)` gives a FileWriter. The Node extension
 * host streams to disk (nodeFileSink.ts, passed in by src/extension.ts); this default, for the web
 * extension host, has only workspace.fs, which writes a file in one piece, so it keeps the chunks
 * in memory until the file is complete, and refuses a file larger than it should hold.
 */
import * as vscode from 'vscode';
import { WEB_MODEL_MAX_BYTES } from '../modelFolders';
import { DownloadError } from './downloadError';
import { joinChunks } from '../../common/export/joinChunks';
import type { FileWriter } from './fileWriter';

export interface FileSink {
  createFile(uri: vscode.Uri): Promise<FileWriter>;
  /** The largest file it writes; undefined for no limit. Checked before a download starts. */
  readonly maxFileSize?: number;
}

/** What the web host can run (a larger download there would be a model it cannot load). */
export const WORKSPACE_SINK_MAX_FILE_SIZE = WEB_MODEL_MAX_BYTES;

export function workspaceFileSink(maxFileSize = WORKSPACE_SINK_MAX_FILE_SIZE): FileSink {
  return {
    maxFileSize,
    async createFile(uri) {
      const name = uri.path.slice(uri.path.lastIndexOf('/') + 1);
      let chunks: Uint8Array[] = [];
      let size = 0;
      return {
        async write(chunk) {
          size += chunk.length;
          // The size announced was checked already; this catches a file whose size was not announced.
          if (size > maxFileSize) throw new DownloadError({ kind: 'tooLargeHere', file: name, size, limit: maxFileSize });
          chunks.push(chunk);
        },
        async close() {
          const bytes = joinChunks(chunks);
          chunks = [];
          await vscode.workspace.fs.writeFile(uri, bytes);
        },
        // Nothing was written yet.
        abort: async () => void (chunks = []),
      };
    },
  };
}
