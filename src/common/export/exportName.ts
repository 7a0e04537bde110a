/**
 * The file name the save dialog proposes: the analysed source's name (without its extension) and
 * what is exported — the head shown for an image or the weights (`notes-head-3.csv`, heads counted
 * from 1 as the panel shows them; `notes-average.svg`), the whole analysis for the CLI's files
 * (`notes-attention.json`).
 */
import type { ExportFormat, HeadChoice } from '../protocol/attentionPanel';

/** Characters no file system accepts in a name (Windows' list); controls are replaced too. */
const UNSAFE = /[\\/:*?"<>|]/g;

const withoutControls = (text: string) => Array.from(text, (c) => (c.charCodeAt(0) < 0x20 ? '_' : c)).join('');

export function exportFileName(sourceName: string, head: HeadChoice, format: ExportFormat): string {
  const stem = withoutControls(sourceName.replace(/\.[^./\\]{1,10}$/, '')).replace(UNSAFE, '_').replace(/[. ]+$/, '').trim() || 'attention';
  const what = format === 'json' || format === 'safetensors' ? 'attention' : typeof head === 'number' ? `head-${head + 1}` : head;
  return `${stem}-${what}.${format}`;
}
