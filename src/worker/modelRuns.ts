/**
 * A worker's pretrained model: loaded once per folder (a worker that is asked about the same
 * folder again keeps it), run over a text with every layer's and head's weights kept, then shown
 * as the panel asks (a layer, special tokens hidden, words merged) and taken apart for the steps
 * view, all from that one run.
 */
import type { AnalysisRequest, AttentionView } from '../common/attention/analysisView';
import type { StepsData } from '../common/attention/steps';
import type { ContextsRequest, ContextsResult } from '../common/contexts/contexts';
import { modelContexts } from '../common/contexts/modelContexts';
import { loadModelFolder, type LoadedModel, type RangedModelFile, type ReadModelFile } from '../common/models/folder/modelFolder';
import { runModel } from '../common/models/run/runModel';
import { modelAnalysisView, type ModelViewInput } from '../common/models/view/modelAnalysisView';
import { modelSteps } from '../common/models/view/modelSteps';
import { modelJsonChunks } from '../common/export/modelJson';
import type { ModelDisplay } from '../common/models/view/modelView';
import type { ModelSource, WorkerModel } from '../common/protocol/worker';

/** How a worker that has a file system reads a folder: a file whole (undefined: no such file), or in ranges. */
export interface FolderReader {
  readonly read: (folder: string, name: string) => Promise<Uint8Array | undefined>;
  ranged(folder: string): RangedModelFile;
}

export class ModelRuns {
  private loaded?: { readonly key: string; readonly model: LoadedModel };
  private last?: { readonly input: ModelViewInput; readonly model: LoadedModel; display: ModelDisplay };

  constructor(private readonly folders?: FolderReader) {}

  async run(request: AnalysisRequest, asked: WorkerModel, display: ModelDisplay, onLayer: (done: number, total: number) => void): Promise<AttentionView> {
    this.last = undefined;
    const model = await this.load(asked);
    const run = runModel(model, request.text, { maxTokens: request.maxTokens, onLayer, keepLayerInputs: true });
    this.last = { input: { run, info: model.info, config: model.config, text: request.text, sourceName: request.sourceName }, model, display };
    return this.show(display);
  }

  /** Compare Contexts with the model (loaded once, as for a run; the last run stays for its panel). */
  async contexts(request: ContextsRequest, asked: WorkerModel): Promise<ContextsResult> {
    return modelContexts(await this.load(asked), request);
  }

  /** The folder's model: the one loaded when it is the same, else read afresh. */
  private async load(asked: WorkerModel): Promise<LoadedModel> {
    if (this.loaded?.key !== asked.key) {
      this.loaded = undefined; // the old model's memory goes before the new one is read
      const { source } = asked;
      this.loaded = { key: asked.key, model: await loadModelFolder(asked.name, this.reader(source), source.kind === 'path' ? this.folders?.ranged(source.path) : undefined) };
    }
    return this.loaded.model;
  }

  /** The last run as `display` asks. */
  show(display: ModelDisplay): AttentionView {
    if (!this.last) throw new Error('there is no model run to show');
    const view = modelAnalysisView(this.last.input, display);
    this.last.display = view.model!.display;
    return view;
  }

  /** One head's steps in `layer` (default: the layer shown) of the last run. */
  steps(head: number, layer = this.last?.display.layer ?? 0): StepsData {
    if (!this.last) throw new Error('there is no model run to show the steps of');
    const { model, input } = this.last;
    const inputs = input.run.attention.layerInputs;
    if (!inputs?.[layer]) throw new RangeError(`there is no layer ${layer + 1} (the model has ${model.config.numLayers})`);
    return modelSteps(model.config, model.weights, inputs[layer], layer, head);
  }

  /** The last run as `--model DIR --json` prints it, in chunks. */
  jsonChunks(): string[] {
    if (!this.last) throw new Error('there is no model run to export');
    return [...modelJsonChunks(this.last.model.info, this.last.input.run)];
  }

  private reader(source: ModelSource): ReadModelFile {
    if (source.kind === 'files') return async (name) => source.files[name];
    const folders = this.folders;
    if (!folders) throw new Error('this worker cannot read files: the host must send the model\'s bytes');
    return (name) => folders.read(source.path, name);
  }
}
