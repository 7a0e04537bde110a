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
  /** {0} tokens, {1} blocks a side, {2} tokens a side of a block. */
  longSelectionNotice: '{0} tokens · overview of {1} × {1} blocks of {2} × {2}; zoom in for exact weights',
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
  // heatmap.ts: zoom, pan and the minimap (minimap.ts)
  heatmapZoomLabel: 'Zoom',
  heatmapZoomOut: 'Zoom out (−)',
  heatmapZoomIn: 'Zoom in (+)',
  heatmapZoomFit: 'fit',
  heatmapZoomFitTitle: 'Show the whole matrix (0)',
  heatmapZoomLevel: '{0}×',
  heatmapVisibleRange: 'Queries {0}–{1}, keys {2}–{3} of {4}',
  heatmapZoomAnnouncement: 'Zoom {0}×: queries {1}–{2}, keys {3}–{4} of {5}',
  heatmapZoomHint: 'Plus and minus zoom in and out, 0 shows the whole matrix; the arrow keys, Page Up and Page Down move the cursor, and the view with it.',
  heatmapMinimapTitle: 'The whole matrix: click or drag to move the view',
  // heatmapLong.ts: a long selection's exact weights
  heatmapTileLoading: 'Exact weights loading…',
  heatmapTileFailed: 'Exact weights could not be loaded: {0}',
  // tooltip.ts
  tooltipQuery: 'Query',
  tooltipKey: 'Key',
  tooltipWeight: 'Weight',
  tooltipMasked: 'Masked: a causal query sees only itself and earlier tokens.',
  /** A block of a long selection's overview: 1-based first and last query and key, then the weight. */
  tooltipBlock: 'Queries {0}–{1} × keys {2}–{3}: largest weight {4}',
  tooltipBlockNote: 'A block of the overview: zoom in for the exact weights.',
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
  // steps/matrixView.ts, steps/matrixTable.ts
  matrixZoomOut: 'Zoom out',
  matrixZoomIn: 'Zoom in',
  matrixZoomFit: 'fit',
  matrixZoomFitTitle: 'Fit the whole matrix in view',
  matrixCellSize: '{0} px per cell',
  matrixShowTable: 'Show as table',
  matrixCanvasLabel: '{0}. Arrow keys move between cells, Page Up and Page Down by a screen, Home and End to the ends of a row; Enter selects the cell.',
  matrixCellAnnouncement: '{0} {1} (#{2}), {3} {4} (#{5}): {6}',
  matrixValue: 'value',
  matrixExact: 'exact',
  matrixMasked: 'masked',
  matrixLabelTitle: '{0} #{1}: {2}',
  matrixLegendLabel: 'Colour scale',
  matrixLegendSigned: 'Blue is negative and red positive, from {0} to {1}; the middle colour is 0.',
  matrixLegendUnit: 'From dark purple at 0 to yellow at 1.',
  matrixTableCaption: '{0}. Rows: {1}; columns: {2}.',
  matrixTableCorner: '{0} ↓ {1} →',
  matrixTablePage: 'rows {0}–{1} of {2}, columns {3}–{4} of {5}',
  matrixPreviousRows: 'Previous rows',
  matrixNextRows: 'Next rows',
  matrixPreviousColumns: 'Previous columns',
  matrixNextColumns: 'Next columns',
  // -- end of matrix view strings
  // attention/headGallery.ts, steps/cellArithmeticCard.ts
  galleryLabel: 'Every head at once: {0} heads, their average and their maximum',
  galleryAverage: 'Average',
  galleryMaximum: 'Maximum',
  galleryAverageTitle: 'Show the average of the {0} heads',
  galleryMaximumTitle: 'Show the largest weight of any of the {0} heads, cell by cell',
  galleryHeadTitle: 'Show head {0}',
  arithTitle: 'Head {0}: query “{1}” (#{2}) → key “{3}” (#{4})',
  /** {0} is the symbol q with its index, {1} the token, {2} its position "#2". */
  arithQueryOf: '{0}: the query of “{1}” ({2})',
  arithKeyOf: '{0}: the key of “{1}” ({2})',
  arithScoreStep: 'Score',
  arithScaleStep: 'Scale',
  arithSoftmaxStep: 'Softmax',
  arithValueStep: 'Weighted value',
  arithProduct: 'product',
  arithSum: 'Sum',
  arithTopTerm: 'One of the {0} largest terms by size',
  arithTermsCaption: 'The {0} terms of the dot product',
  arithTermsSummary: '{0} terms, the {1} largest highlighted',
  arithMaskedScaled: 'masked by the causal mask',
  arithRowSum: 'Σ row',
  arithRowMax: 'row max = {0}',
  arithRowSumIs: 'Σ row = Σⱼ exp(scaled − row max) = {0}',
  arithPercent: '{0} %',
  /** {0} is a percentage, {1} the symbol z with its index. */
  arithShareOf: '{0} of {1}',
  arithShareNote: 'The share is the projection of weight · v_j on z_i, so the shares of a row’s keys add up to 100 %.',
  arithMaskedNote: 'Masked: under the causal mask a query sees only itself and earlier tokens, so this score is −∞ before softmax and its weight is 0 after.',
  // -- end of gallery and arithmetic strings
  // steps/stepsView.ts and the panel's tabs and toggles
  tabsLabel: 'Views of the analysis',
  tabHeatmap: 'Heatmap',
  tabSteps: 'Steps',
  maximumOfHeads: 'Maximum of {0} heads',
  arithmeticLabel: 'How the selected weight came about',
  selectCellHint: 'Click a cell of the weights (or press Enter on it) to see how its weight came about.',
  stepsComputing: 'Computing the steps of head {0}…',
  stepsHeadNote: 'The heatmap shows all heads combined; the steps below are those of head {0}. Choose a head to see its own.',
  arithmeticHeadNote: 'The heatmap shows all heads combined; this is the arithmetic of head {0}.',
  /** {0} the most tokens the steps take, {1} the selection's. */
  stepsLongSelection: 'The steps view shows selections of up to {0} tokens; this one has {1}. Select fewer tokens to follow the steps.',
  arithmeticLongSelection: 'The arithmetic of a cell is shown for selections of up to {0} tokens; this one has {1}. Select fewer tokens to see how a weight came about.',
  togglesLabel: 'Recompute with',
  maskToggleLabel: 'Mask',
  maskOptionNone: 'None (BERT-style)',
  maskOptionCausal: 'Causal (GPT-style)',
  positionsToggleLabel: 'Sinusoidal positional encoding',
  toggleNoteSummary: 'From the chapter: {0}',
  stepsIntro: 'The chapter ends with the heading “{0}” and no example under it: this is that example, computed on your text, one step at a time.',
  stepsNavLabel: 'The steps',
  stepNumber: 'Step {0}',
  multiHeadTitle: 'Multi-head attention',
  chapterUnavailable: '(the chapter could not be read)',
  tokensListLabel: '{0} tokens, with their places in the text',
  tokenChipTitle: 'Token {0}: characters {1}–{2} of the analysed text. Hover to highlight it in the editor.',
  embeddingNote: 'Static: each vector comes from the token’s text and the seed ({0}) alone, so the same word has the same vector in every sentence, as word2vec gives one vector per word.',
  xWithoutPositions: 'Positional encoding is off: X is the embeddings, row by row, and nothing tells attention the order of the tokens.',
  xWithPositions: 'With sinusoidal positional encoding, X = embeddings + PE: each row gets the encoding of its position.',
  glorotNote: 'Random and untrained: each of Wq, Wk, Wv ({0}×{1}) is drawn uniformly from [−{2}, {2}), Glorot’s limit √(6 / ({0} + {1})) = {2}.',
  causalNote: 'With the causal mask, a token may attend only to itself and earlier tokens: the entries above the diagonal are −∞ before softmax and 0 after.',
  rowSumsLabel: 'Each row sums to 1:',
  rowSumsRange: 'every row’s sum is between {0} and {1}',
  axisToken: 'token',
  axisKeyToken: 'key token',
  axisDimension: 'dimension',
  axisModelDimension: 'model dimension',
  matrixEmbeddings: 'Embeddings, {0}',
  matrixPositions: 'Positional encoding PE, {0}',
  matrixX: 'X, {0}',
  matrixWeights: '{0} of {1}, {2}',
  matrixProjection: '{0} = X·{1} of {2}, {3}',
  matrixScores: 'Q·Kᵀ of {0}, {1}',
  matrixScaled: 'Q·Kᵀ/√d_k of {0}, {1}',
  matrixWeightsSoftmax: 'Weights softmax(Q·Kᵀ/√d_k) of {0}, {1}',
  matrixZ: 'Z of {0}, {1}',
  matrixConcat: 'The {0} heads’ Z side by side, {1}',
  matrixWo: 'Wo, {0}',
  matrixOutput: 'Output, {0}',
  // -- end of steps view strings
  // a pretrained model's analysis: header.ts, modelControls.ts, modelGrid.ts, statusView.ts, analysisView.ts, steps/stepsView.ts
  /** {0} the seed of the built-in engine's random weights. */
  engineBuiltIn: 'built-in: random weights, seed {0}',
  /** {0} the model's name, {1} its architecture (BERT, GPT-2), {2} layers, {3} heads, {4} the hidden size. */
  engineModel: '{0} · {1} · {2} layers × {3} heads · hidden {4}',
  factLayer: 'layer',
  layerOfLayers: '{0} (of {1})',
  /** {0} the pieces the model read, {1} the rows shown (special tokens hidden, pieces merged). */
  tokensReadAndShown: '{0} read, {1} shown',
  /** {0} the model's name, {1} the words of the text, {2} where it came from. */
  computingModelOne: 'Running {0} over {1} word of {2}…',
  computingModelMany: 'Running {0} over {1} words of {2}…',
  layerLabel: 'Layer',
  layerSelectLabel: 'Layer of the model',
  layerNumber: 'Layer {0}',
  modelTogglesLabel: 'How the model’s tokens are shown',
  hideSpecialLabel: 'Hide special tokens',
  hideSpecialHint: 'Without [CLS], [SEP] and the like: each row’s remaining weights are renormalised to sum to 1.',
  hideSpecialNone: 'The model read no special token here: hiding them would change nothing.',
  mergeWordsLabel: 'Merge pieces into words',
  mergeWordsHint: 'One row and column per word: attention to a word is the sum over its pieces, from a word the mean over them.',
  mergeWordsNone: 'Every word here is a single piece: merging would change nothing.',
  recomputing: 'Recomputing…',
  gridHeading: 'Layers × heads',
  gridHint: 'Every head of every layer; choose one to show it.',
  /** {0} layers, {1} heads a layer. */
  gridLabel: 'Every layer’s heads: {0} layers × {1} heads, and each layer’s average',
  gridLayer: 'L{0}',
  gridHead: 'H{0}',
  gridAverage: 'avg',
  gridCellLabel: 'Layer {0}, head {1}',
  gridAverageLabel: 'Layer {0}, average of the heads',
  /** {0} the layer, {1} the head, {2} the model's name. */
  stepsModelNoteBert: 'Layer {0}, head {1} of {2}: X is the hidden state entering layer {0}; Q, K and V include the model’s biases.',
  /** A model's step 2: {0} the layer, {1} the matrix's size. */
  matrixLayerInput: 'Hidden state entering layer {0}, {1}',
  stepsModelNoteGpt2: 'Layer {0}, head {1} of {2}: X is the hidden state entering layer {0}, after ln_1; Q, K and V include the model’s biases.',
  /** {0} and {1} the two toggles' labels (hideSpecialLabel, mergeWordsLabel). */
  stepsModelDisplay: 'The steps are those of the model’s own pieces: turn off “{0}” and “{1}” to follow them.',
  arithmeticModelDisplay: 'The arithmetic of a cell is that of the model’s own pieces: turn off “{0}” and “{1}” to see how a weight came about.',
  // -- end of the model's strings
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
  showSteps: 'Show the steps',
  showStepsTitle: 'Open these steps, worked out, in the attention panel',
  showStepsDescription: 'Each step computed on the current analysis, or on the chapter’s example sentence when there is none.',
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
