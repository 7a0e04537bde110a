/** Node only: a generated model folder (tinyModelFiles) written to disk, for the CLI tests. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export function writeModelFolder(dir: string, files: Readonly<Record<string, Uint8Array>>): void {
  mkdirSync(dir, { recursive: true });
  for (const [name, bytes] of Object.entries(files)) writeFileSync(join(dir, name), bytes);
}
