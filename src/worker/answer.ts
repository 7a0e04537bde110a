/**
 * The whole job of either attention worker: each request in, one reply out.
 *
 * A worker computes its share of an analysis (see the request's share) with the engine its size
 * calls for (src/common/attention/longSelection.ts): below FAST_FROM_TOKENS the float64 reference,
 * which computes every head in the first share; up to FULL_VIEW_MAX_TOKENS the WebAssembly SIMD
 * kernels in float32, for its share of the heads; beyond, the kernels' blockwise pass for its band
 * of query rows, in O(N·d) memory, giving overviews and then exact tiles. It keeps what the steps
 * view (up to FULL_MATRIX_MAX_TOKENS) and the tiles are later computed from.
 */
import { analyse, InputError, tokensToAnalyse, viewOf } from '../common/attention/analysis';
import { headShare, rowBand, type AnalysisPart } from '../common/attention/analysisParts';
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import { fullOverview, fullTile } from '../common/attention/fullOverview';
import { FAST_FROM_TOKENS, FULL_MATRIX_MAX_TOKENS, hasOverview, isLongSelection, overviewBlock, overviewSize } from '../common/attention/longSelection';
import { headSteps, retain, type RetainedAnalysis, type StepsData } from '../common/attention/steps';
import type { AttentionConfig } from '../common/attention/config';
import type { Token } from '../common/attention/tokenizer';
import { builtinContexts } from '../common/contexts/builtinContexts';
import { layerInputs } from '../common/kernels/fastAttention';
import { FastSteps } from '../common/kernels/fastSteps';
import { hasWasmSimd, loadKernels } from '../common/kernels/kernels';
import { LongAttention } from '../common/kernels/longAttention';
import type { TileRect, WorkerReply, WorkerRequest, WorkerShare, WorkerProgress } from '../common/protocol/worker';
import { ModelRuns, type FolderReader } from './modelRuns';
import { cliJson, cliSafetensors } from '../common/export/cliFiles';
import { V8_MAX_STRING_CHARS } from '../common/export/jsonSize';

/** What the last analysis left for later requests. */
type Kept =
  | { readonly engine: 'reference'; readonly retained: RetainedAnalysis; readonly tiles?: { readonly weights: Float32Array[]; readonly n: number } }
  | { readonly engine: 'kernels'; readonly steps: LazySteps }
  | { readonly engine: 'blockwise'; readonly long: LongAttention; readonly row0: number; readonly rows: number; readonly steps?: LazySteps }
  | { readonly engine: 'model' };

/** The kernels' steps of an analysis, set up only in the worker that is asked for them. */
type LazySteps = () => FastSteps;

function lazySteps(tokens: readonly Token[], config: AttentionConfig): LazySteps {
  let steps: FastSteps | undefined;
  return () => (steps ??= new FastSteps(tokens, config));
}

/** One worker's state: what its last analysis left, and the model it loaded. Each worker thread has one. */
export class AttentionWorker {
  private kept: Kept | undefined;
  private readonly models: ModelRuns;

  /** `folders`: how this worker reads a model folder itself (a Node worker thread); without it, models come as bytes. */
  constructor(folders?: FolderReader) {
    this.models = new ModelRuns(folders);
  }

  /** Errors become replies, so the host can tell input errors apart. A model run is asynchronous (it reads files). */
  answer(request: Exclude<WorkerRequest, { kind: 'model' | 'contexts' }>, progress?: (message: WorkerProgress) => void): WorkerReply;
  answer(request: WorkerRequest, progress?: (message: WorkerProgress) => void): WorkerReply | Promise<WorkerReply>;
  answer(request: WorkerRequest, progress?: (message: WorkerProgress) => void): WorkerReply | Promise<WorkerReply> {
    const failed = (error: unknown): WorkerReply => ({ id: request.id, ok: false, message: (error as Error).message, inputError: error instanceof InputError });
    if (request.kind === 'contexts') {
      // Its own question: what an analysis kept for its panel stays (a contexts panel has its own worker).
      if (!request.model) return tryReply(() => ({ id: request.id, ok: true, kind: 'contexts', result: builtinContexts(request.request) }), failed);
      return this.models.contexts(request.request, request.model).then((result): WorkerReply => ({ id: request.id, ok: true, kind: 'contexts', result }), failed);
    }
    if (request.kind === 'model') {
      this.kept = undefined;
      const onLayer = (done: number, total: number) => progress?.({ id: request.id, kind: 'progress', done, total });
      return this.models.run(request.request, request.model, request.display, onLayer).then((view): WorkerReply => {
        this.kept = { engine: 'model' };
        return { id: request.id, ok: true, kind: 'view', view };
      }, failed);
    }
    try {
      switch (request.kind) {
        case 'modelDisplay':
          if (this.kept?.engine !== 'model') throw new Error('there is no model run to show');
          return { id: request.id, ok: true, kind: 'view', view: this.models.show(request.display) };
        case 'analyse': {
          this.kept = undefined;
          const onProgress = (done: number, total: number) => progress?.({ id: request.id, kind: 'progress', done, total });
          const { part, keep } = analysePart(request.request, request.share, onProgress);
          this.kept = keep;
          return { id: request.id, ok: true, kind: 'analysis', part };
        }
        case 'steps':
          return { id: request.id, ok: true, kind: 'steps', data: this.kept?.engine === 'model' ? this.models.steps(request.head, request.layer) : stepsOf(this.kept, request.head) };
        case 'tile':
          return { id: request.id, ok: true, kind: 'tile', values: tileOf(this.kept, request) };
        case 'exportFile':
          return { id: request.id, ok: true, kind: 'file', bytes: this.exportFile(request) };
      }
    } catch (error) {
      return failed(error);
    }
  }

  /** The CLI's file: recomputed from the request (deterministic), so `kept` stays as the panel's heatmap needs it. */
  private exportFile(request: Extract<WorkerRequest, { kind: 'exportFile' }>): Uint8Array {
    if (this.kept?.engine === 'model') {
      if (request.format !== 'json') throw new InputError('the CLI writes a model\'s run as JSON only (--model DIR --json): there is no safetensors file of it');
      return new TextEncoder().encode(this.models.jsonChunks().join(''));
    }
    return request.format === 'json' ? new TextEncoder().encode(cliJson(request.request, V8_MAX_STRING_CHARS)) : cliSafetensors(request.request, request.version);
  }
}

function tryReply(reply: () => WorkerReply, failed: (error: unknown) => WorkerReply): WorkerReply {
  try {
    return reply();
  } catch (error) {
    return failed(error);
  }
}

function analysePart(request: AnalysisRequest, share: WorkerShare, onProgress: (done: number, total: number) => void): { part: AnalysisPart; keep?: Kept } {
  const started = performance.now();
  const analysed = tokensToAnalyse(request.text, request.maxTokens);
  const { tokens } = analysed;
  const { config } = request;
  const n = tokens.length;
  const kernels = n >= FAST_FROM_TOKENS && kernelsUsable();
  const shell = () => withoutWeights(viewOf(request, analysed, [], started));
  const allHeads = Array.from({ length: config.heads }, (_, h) => h);
  if (hasOverview(n) && kernels) {
    const band = rowBand(n, share.index, share.count, config.mask === 'causal');
    const block = overviewBlock(n);
    const long = new LongAttention(layerInputs(tokens, config), config.mask === 'causal', band);
    const result = long.run(onProgress);
    const blockRows = Math.ceil(band.rows / block);
    return {
      part: { view: shell(), heads: allHeads, weights: result.overviews, band: { blockRow0: band.row0 / block, blockRows, average: result.average } },
      keep: { engine: 'blockwise', long, ...band, ...(isLongSelection(n) ? {} : { steps: lazySteps(tokens, config) }) },
    };
  }
  if (isLongSelection(n)) throw new InputError(`selections of more than ${FULL_MATRIX_MAX_TOKENS} tokens are computed by WebAssembly SIMD kernels, which this host cannot run`);
  if (!kernels) return referencePart(request, share, onProgress, shell);
  const heads = headShare(config.heads, share.index, share.count);
  const weights: Float32Array[] = [];
  loadKernels().multiHead(layerInputs(tokens, config), config.mask === 'causal', (_, w) => {
    weights.push(w);
    onProgress(weights.length, heads.length); // posts a message: it does not call the kernels
  }, { heads });
  return { part: { view: shell(), heads, weights }, keep: { engine: 'kernels', steps: lazySteps(tokens, config) } };
}

/** The reference computes every head at once: the first share does it all (with its overview, past FULL_VIEW_MAX_TOKENS). */
function referencePart(request: AnalysisRequest, share: WorkerShare, onProgress: (done: number, total: number) => void, shell: () => AnalysisPart['view']): { part: AnalysisPart; keep?: Kept } {
  if (share.index > 0) return { part: { view: shell(), heads: [], weights: [] } };
  const { result, view } = analyse(request, onProgress);
  const n = view.tokens.length;
  const heads = view.weights.map((_, h) => h);
  const retained = retain(result);
  if (!hasOverview(n)) return { part: { view: withoutWeights(view), heads, weights: [...view.weights] }, keep: { engine: 'reference', retained } };
  const { overviews, average } = fullOverview(view.weights, n);
  return {
    part: { view: withoutWeights(view), heads, weights: overviews, band: { blockRow0: 0, blockRows: overviewSize(n), average } },
    keep: { engine: 'reference', retained, tiles: { weights: [...view.weights], n } },
  };
}

function stepsOf(kept: Kept | undefined, head: number): StepsData {
  if (kept?.engine === 'reference') return headSteps(kept.retained, head);
  if (kept && 'steps' in kept && kept.steps) return kept.steps().steps(head);
  if (kept?.engine === 'blockwise') throw new InputError(`the steps view shows selections of up to ${FULL_MATRIX_MAX_TOKENS} tokens`);
  throw new Error('there is no analysis to show the steps of');
}

/** Exact weights of a rectangle inside this worker's band of rows. */
function tileOf(kept: Kept | undefined, rect: TileRect): Float32Array {
  if (kept?.engine === 'reference' && kept.tiles) return fullTile(kept.tiles.weights, kept.tiles.n, rect);
  if (kept?.engine !== 'blockwise') throw new Error('exact tiles are computed for long selections only');
  const { long, row0, rows } = kept;
  if (rect.row0 < row0 || rect.row0 + rect.rows > row0 + rows) throw new RangeError(`rows ${rect.row0}…${rect.row0 + rect.rows - 1} are not this worker's (${row0}…${row0 + rows - 1})`);
  return long.tile(rect.head, rect.row0, rect.rows, rect.col0, rect.cols);
}

function withoutWeights(view: AttentionView): AnalysisPart['view'] {
  const { text, sourceName, tokens, config, totalTokens, elapsedMs } = view;
  return { text, sourceName, tokens, config, ...(totalTokens !== undefined ? { totalTokens } : {}), elapsedMs };
}

let usable: boolean | undefined;
/** Whether the kernels load here: an engine without SIMD, or a page whose CSP forbids compiling WebAssembly, uses the reference. */
function kernelsUsable(): boolean {
  if (usable === undefined) {
    try {
      usable = hasWasmSimd();
      if (usable) loadKernels(); // compiles the module, or throws where that is forbidden
    } catch {
      usable = false;
    }
  }
  return usable;
}

/**
 * The buffers a reply can hand over rather than copy: an analysis's weights and a tile are made
 * for the reply. A head's steps are not: their matrices stay in the worker for the next head asked for.
 */
export function transferable(reply: WorkerReply): ArrayBuffer[] {
  if (!reply.ok) return [];
  const arrays =
    reply.kind === 'analysis' ? [...reply.part.weights, ...(reply.part.band ? [reply.part.band.average] : [])]
    : reply.kind === 'view' ? [...reply.view.weights, ...(reply.view.model ? [...reply.view.model.thumbnails, ...reply.view.model.layerAverages] : [])]
    : reply.kind === 'tile' ? [reply.values]
    : reply.kind === 'file' ? [reply.bytes]
    : [];
  // Only arrays that own their whole buffer: handing over a view's buffer would take what it shares.
  return [...new Set(arrays.filter((w) => w.byteOffset === 0 && w.byteLength === w.buffer.byteLength).map((w) => w.buffer as ArrayBuffer))];
}
