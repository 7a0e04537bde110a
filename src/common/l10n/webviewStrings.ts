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
  // exportControls.ts, heatmapExport.ts
  exportGroupLabel: 'Export the heatmap or the analysis',
  exportLabel: 'Export',
  exportFormatLabel: 'Export format',
  exportPng: 'PNG image (2×)',
  exportSvg: 'SVG image',
  exportCsv: 'CSV weights',
  exportJson: 'JSON (as the command line)',
  exportSafetensors: 'safetensors (as the command line)',
  exportButton: 'Export…',
  copyImageButton: 'Copy image',
  exportPreparing: 'Preparing…',
  imageCopied: 'The heatmap image was copied to the clipboard.',
  exportFailed: 'Could not export: {0}',
  clipboardUnavailable: 'this window does not allow writing images to the clipboard',
  exportHeatmapHidden: 'show the heatmap first (the Heatmap tab)',
  exportPngFailed: 'the image could not be encoded as PNG',
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
  // compareContextsButton.ts
  compareContexts: 'Compare contexts',
  compareContextsTitle: 'Compare the selected cell’s query word across the sentences of the document (with no cell selected, the chapter’s “bank” example)',
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

/** The Compare Contexts panel (webview/src/contexts). */
export const CONTEXTS_STRINGS = {
  // main.ts
  emptyTitle: 'Compare Contexts',
  emptyHint: 'Run “{0}” with the cursor on a word to compare it across the document’s sentences, or on nothing for the chapter’s example.',
  compareCommand: 'Attention Explorer: Compare Contexts',
  computing: 'Comparing “{0}” in {1} sentences…',
  errorTitle: 'No comparison to show',
  unknownMessage: 'The panel received a message it does not understand. Run “Compare Contexts” again.',
  // contextsView.ts
  heading: 'Compare contexts · “{0}”',
  engineBuiltin: 'Built-in engine · d_model {0} · {1} heads · seed {2} · mask {3} · positions {4}',
  engineModel: '{0} ({1}) · {2} layers × {3} heads · {4} wide',
  maskNone: 'none',
  maskCausal: 'causal',
  positionalNone: 'none',
  positionalSinusoidal: 'sinusoidal',
  elapsed: '{0} ms',
  fromDocument: 'Every sentence of {0} that contains “{1}”.',
  cappedNotice: '“{0}” is in {1} sentences; the first {2} are compared.',
  exampleNote: 'The chapter’s example. The chapter is a translation of an English text, whose three sentences shared one word, “bank”. The translation had to use three words (银行, 河堤, 转弯), so one word in three contexts became three words: the comparison takes the English sentences, each with the chapter’s translation beside it.',
  compareExample: 'Chapter example',
  compareExampleTitle: 'Compare “bank” in the chapter’s example sentences',
  definitionsHeading: 'What is compared',
  defStaticBuiltin: 'Static embedding: the word’s token embedding before positions are added (the mean over its tokens if it has several). It depends on the token’s text alone, as word2vec’s does.',
  defContextualBuiltin: 'Contextual output: the word’s row of the attention output, the heads’ outputs concatenated and multiplied by Wᵒ (the mean over its tokens).',
  defAttentionBuiltin: 'Attention row: how much the word attends to each token of its sentence, the heads averaged (the mean over its tokens).',
  defEngineBuiltin: 'The built-in engine’s weights are random (seeded): it shows the mechanism, how the neighbours move the output, not learned meanings. Choose a model to see real polysemy.',
  defStaticModel: 'Static embedding: the input word embeddings of the word’s pieces (their mean), without position or token-type embeddings.',
  defContextualModel: 'Contextual output: the last layer’s hidden state (the mean over the word’s pieces).',
  defAttentionModel: 'Attention row: the last layer, its heads averaged, pieces merged onto words and special tokens left out.',
  defEngineModel: 'A trained model: how far apart the contextual outputs are shows how it tells the senses apart.',
  defCausalModel: 'GPT-2 is causal: a word’s output depends only on the words before it, so sentences that begin alike give it the same output.',
  sentencesHeading: 'Sentences',
  sentenceLabel: 'S{0}',
  translationLabel: 'Chapter: {0}',
  missingAbsent: '“{0}” is not among this sentence’s tokens: it has no vectors here.',
  missingInside: '“{0}” is only part of the token “{1}” here, not a word of its own: it has no vectors here.',
  staticHeading: 'Static embeddings: cosine similarity',
  staticSame: 'The same word has the same static embedding in every sentence: cosine 1, whatever its meaning.',
  contextualHeading: 'Contextual outputs: cosine similarity',
  contextualNote: 'Below 1 where the sentences gave the word different neighbours to attend to.',
  tableLabel: '{0}, every pair of sentences',
  cellTitle: 'S{0} and S{1}: {2}',
  noValue: '—',
  vectorsHeading: 'The vectors',
  vectorsNote: 'Each of the {0} dimensions as a colour, static above, contextual below.',
  staticStrip: 'static',
  contextualStrip: 'contextual',
  attentionHeading: 'Attention rows',
  attentionNote: 'Where the word looks in each sentence: each token tinted by the weight the word gives it.',
  attentionLabel: 'S{0}: attention of “{1}” over {2} tokens',
  weightTitle: '{0}: {1}',
  passageHeading: 'From the chapter',
  openInChapter: 'open in chapter',
  openSectionTitle: 'Open this section in the chapter reader',
} as const satisfies StringTable;

export type AttentionPanelStringKey = keyof typeof ATTENTION_PANEL_STRINGS;
export type ReaderStringKey = keyof typeof READER_STRINGS;
export type ContextsStringKey = keyof typeof CONTEXTS_STRINGS;

/** The `{0}`, `{1}`… of a string, sorted and without repeats: a translation must have the same. */
export function placeholders(text: string): string[] {
  return [...new Set(text.match(/\{\d+\}/g) ?? [])].sort();
}
