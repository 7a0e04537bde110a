/**
 * Writing `--out`: checked before anything is computed, streamed chunk by chunk to a temporary file
 * beside the destination and renamed over it once complete, so that a failed or interrupted write
 * never leaves a partial file under the name asked for (as the reference safetensors writer does,
 * `buffered_write_to_file` in safetensors/src/tensor.rs).
 */
import { randomBytes } from 'node:crypto';
import { accessSync, constants as fsConstants, rmSync, statSync } from 'node:fs';
import { open, rename, type FileHandle } from 'node:fs/promises';
import { constants as osConstants } from 'node:os';
import { basename, dirname, join } from 'node:path';

/** A file that cannot be written; the message is one line, for a user. */
export class OutputError extends Error {}

const REASONS: Readonly<Record<string, string>> = {
  ENOENT: 'no such folder',
  ENOTDIR: 'a part of the path is not a folder',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  EROFS: 'read-only file system',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EISDIR: 'it is a folder',
  EFBIG: 'the file is too large for the file system',
};

function reason(error: unknown): string {
  const { code, message } = error as NodeJS.ErrnoException;
  return (code && REASONS[code]) ?? String(message).split('\n')[0];
}

const isErrno = (error: unknown): error is NodeJS.ErrnoException => error instanceof Error && typeof (error as NodeJS.ErrnoException).code === 'string';

/** Throws OutputError unless `path`'s folder exists and is writable, and `path` is not itself a folder. */
export function checkOutputPath(path: string): void {
  const folder = dirname(path);
  try {
    if (!statSync(folder).isDirectory()) throw new OutputError(`cannot write ${path}: ${folder} is not a folder`);
    accessSync(folder, fsConstants.W_OK);
  } catch (error) {
    if (error instanceof OutputError) throw error;
    throw new OutputError(`cannot write ${path}: ${isErrno(error) && error.code === 'ENOENT' ? `no such folder ${folder}` : reason(error)}`);
  }
  let isFolder = false;
  try {
    isFolder = statSync(path).isDirectory();
  } catch {
    // Not there yet: it will be created.
  }
  if (isFolder) throw new OutputError(`cannot write ${path}: it is a folder`);
}

/**
 * Writes the chunks, in order, to `path`, replacing any file there only once all are written (and
 * synced). On any failure, or SIGINT/SIGTERM/SIGHUP meanwhile, the temporary file is removed and
 * `path` is left as it was. File-system errors become OutputError; an error thrown by the chunks
 * themselves is rethrown as is. Resolves to the number of bytes written.
 */
export async function writeFileAtomically(path: string, chunks: Iterable<Uint8Array>): Promise<number> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}-${randomBytes(4).toString('hex')}.tmp`);
  let handle: FileHandle | undefined;
  try {
    handle = await open(temp, 'wx');
  } catch (error) {
    throw new OutputError(`cannot write ${path}: ${reason(error)}`);
  }
  const removeTemp = () => rmSync(temp, { force: true });
  const onSignal = (signal: NodeJS.Signals) => {
    removeTemp();
    process.exit(128 + (osConstants.signals[signal] ?? 0));
  };
  const signals: NodeJS.Signals[] = ['SIGINT', 'SIGTERM', 'SIGHUP'];
  for (const signal of signals) process.on(signal, onSignal);
  try {
    let written = 0;
    for (const chunk of chunks) {
      for (let at = 0; at < chunk.length; ) at += (await handle.write(chunk, at, chunk.length - at)).bytesWritten;
      written += chunk.length;
    }
    await handle.sync();
    await handle.close();
    handle = undefined;
    await rename(temp, path);
    return written;
  } catch (error) {
    await handle?.close().catch(() => undefined);
    removeTemp();
    if (isErrno(error)) throw new OutputError(`cannot write ${path}: ${reason(error)}`);
    throw error;
  } finally {
    for (const signal of signals) process.off(signal, onSignal);
  }
}
