/**
 * Every user-visible string of our two webviews, in English, by key. The extension host localises
 * each value with `vscode.l10n.t(value)` (so the value is the key in l10n/bundle.l10n.*.json) and
 * writes the result into the page; the page looks strings up by key with `t(key, ...args)` and
 * falls back to these English values for anything missing or malformed. `{0}`, `{1}`… are filled
 * in by the page. Pure data (no vscode, no DOM): imported by the host and by both webview bundles.
 *
 * The chapter's own text (section titles, definitions, notes) is not here: it stays as the book
 * has it. test/unit/l10n.test.ts checks that every value has a zh-cn translation with the same
 * placeholders and that every key is used by its page.
 */
export type StringTable = Readonly<Record<string, string>>;

/** The attention panel (webview/src/attention). */
export const ATTENTION_PANEL_STRINGS = {
  // statusView.ts
  emptyTitle: 'Attention Explorer',
  emptyHint: 'Select a sentence in an editor and run “{0}” (Ctrl+Alt+A) to see how each token attends to the others.',
  /** The command as the palette names it: category and title (package.nls.json). */
  showAttentionCommand: 'Attention Explorer: Show Attention',
  computingOne: 'Computing attention over {0} token of {1}…',
  computingMany: 'Computing attention over {0} tokens of {1}…',
  errorTitle: 'No attention to show',
  // main.ts
  unknownMessage: 'The panel received a message it does not understand. Run “Show Attention” again.',
  // header.ts
  headingPrefix: 'Attention · ',
  factTokens: 'tokens',
  factHeads: 'heads',
  factMask: 'mask',
  factPositional: 'positional',
  factSeed: 'seed',
  factTime: 'time',
  milliseconds: '{0} ms',
  maskNone: 'none',
  maskCausal: 'causal',
  positionalNone: 'none',
  positionalSinusoidal: 'sinusoidal',
  truncatedNotice: 'Showing the first {0} of {1} tokens.',
  analysedTextTitle: 'The analysed text',
  // analysisView.ts
  heatmapLabel: 'Attention heatmap',
  // headSelector.ts
  headSelectLabel: 'Attention head',
  headLabel: 'Head',
  averageOfOneHead: 'Average of {0} head',
  averageOfHeads: 'Average of {0} heads',
  headNumber: 'Head {0}',
  stepHint: '[ ] to step',
  // heatmap.ts
  keyTokensLabel: 'Key tokens',
  queryTokensLabel: 'Query tokens',
  axisKey: 'key →',
  axisQuery: 'query ↓',
  canvasLabel: 'Attention weights of {0} query tokens (rows) over {0} key tokens (columns). Use the arrow keys to read cells.',
  queryLabelTitle: 'query #{0}: {1}',
  keyLabelTitle: 'key #{0}: {1}',
  cellAnnouncement: 'Query {0} (#{1}), key {2} (#{3}): weight {4}',
  maskedCellAnnouncement: 'Query {0} (#{1}), key {2} (#{3}): masked',
  // tooltip.ts
  tooltipQuery: 'Query',
  tooltipKey: 'Key',
  tooltipWeight: 'Weight',
  tooltipMasked: 'Masked: a causal query sees only itself and earlier tokens.',
  // legend.ts
  legendLabel: 'Colour scale',
  legendTitle: 'Weight',
  legendMasked: 'masked',
  legendDescription: 'Colours run from dark purple at 0 to yellow at {0}, the largest weight shown.',
  // notes.ts
  notesLabel: 'Notes from the chapter',
  notesHeading: 'From the chapter',
  noNotes: 'No notes for this analysis.',
  openSectionTitle: 'Open this section of the chapter',
  openInChapter: 'Open in chapter',
} as const satisfies StringTable;

/** The chapter reader (webview/src/reader). */
export const READER_STRINGS = {
  // main.ts
  loading: 'Loading the chapter…',
  cannotShow: 'The chapter could not be shown: {0}',
  unknownMessage: 'The reader received a message it does not understand. Close it and open the chapter again.',
  // readerHeader.ts
  contentsLabel: 'Go to section',
  // chapterView.ts
  tryIt: 'Try it',
  tryItTitle: 'Run “Show Attention” on the chapter’s example sentences',
  tryItDescription: 'Compute self-attention over the chapter’s example sentences.',
  // definitionCard.ts, glossaryLinks.ts
  glossaryEntryLabel: 'Glossary: {0}',
  missingEntry: 'The chapter’s glossary has no entry for “{0}”.',
  aliases: 'Also: {0}',
  goToSection: 'Go to section {0}',
  close: 'Close',
  closeTitle: 'Close (Escape)',
} as const satisfies StringTable;

export type AttentionPanelStringKey = keyof typeof ATTENTION_PANEL_STRINGS;
export type ReaderStringKey = keyof typeof READER_STRINGS;

/** The `{0}`, `{1}`… of a string, sorted and without repeats: a translation must have the same. */
export function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}
