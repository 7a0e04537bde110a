/**
 * A whole model from the hub into a folder of its own: config.json first (into memory: a model we
 * cannot read stops here, before any weights), then what the hub has of the tokenizer files and
 * the weights, all from the commit config.json came from. Everything is written into a partial
 * folder, each file checked as it arrives, and moved into place only when all are there: a failure
 * or Cancel deletes the partial folder, so no half-written file is left and an older download of
 * the same repository stays until the new one is complete. No vscode: where files go is the
 * injected ModelStore (globalStorageModels.ts in the extension, a temporary folder in the tests).
 */
import { ModelFileError } from '../../common/models/files/errors';
import { parseModelConfig, SUPPORTED_MODEL_TYPES } from '../../common/models/files/config';
import { DownloadError } from './downloadError';
import { DOWNLOAD_META_FILE, encodeDownloadMeta, type DownloadMeta } from './downloadMeta';
import type { FileWriter } from './fileWriter';
import { memoryWriter } from './fileWriter';
import { downloadFile, probeFile, type Fetch, type HubContext, type HubFileInfo } from './hubClient';
import { fetchListing } from './hubListing';
import { CONFIG_FILE, DEFAULT_REVISION, isRepoId, isRevision, modelFolderName, TOKENIZER_FILES, WEIGHT_FILES } from './hubFiles';

/** A folder being filled, beside where the model goes. */
export interface PartialModelFolder<Location> {
  createFile(name: string): Promise<FileWriter>;
  /** Moves the folder into place, replacing an older download of the repository only now. */
  commit(): Promise<Location>;
  /** Deletes the folder and everything in it. */
  discard(): Promise<void>;
}

export interface ModelStore<Location> {
  /** A new, empty partial folder for the model whose folder is `folderName`. */
  begin(folderName: string): Promise<PartialModelFolder<Location>>;
  /** The largest file it can write, if it has a limit (the web host writes each file in one piece). */
  readonly maxFileSize?: number;
}

export interface ModelDownloadRequest {
  /** Checked by hubFiles.checkedHub. */
  readonly hub: string;
  readonly repo: string;
  /** Default "main". */
  readonly revision?: string;
}

export interface DownloadProgress {
  /** Bytes received so far, of every file. */
  readonly received: number;
  /** Bytes of every file, as far as the hub said their sizes. */
  readonly total: number;
  /** The file being received. */
  readonly file: string;
}

export interface ModelDownloadOptions<Location> {
  readonly fetch: Fetch;
  readonly store: ModelStore<Location>;
  readonly signal: AbortSignal;
  readonly onProgress?: (progress: DownloadProgress) => void;
  readonly now?: () => Date;
}

export interface ModelDownloadResult<Location> {
  readonly location: Location;
  readonly meta: DownloadMeta;
}

/** Throws DownloadError (kind 'cancelled' once the signal aborts). */
export async function downloadModel<Location>(request: ModelDownloadRequest, options: ModelDownloadOptions<Location>): Promise<ModelDownloadResult<Location>> {
  const { repo } = request;
  const revision = request.revision ?? DEFAULT_REVISION;
  if (!isRepoId(repo)) throw new DownloadError({ kind: 'invalidRepo' });
  if (!isRevision(revision)) throw new DownloadError({ kind: 'invalidRevision' });
  const { signal } = options;
  const context: HubContext = { fetch: options.fetch, signal, hub: request.hub, repo, revision, redirects: { hidden: false } };
  throwIfCancelled(signal);

  const configBytes = memoryWriter();
  const config = await downloadFile(context, CONFIG_FILE, async () => configBytes, () => undefined);
  if (config === 'missing') throw new DownloadError({ kind: 'noConfig' });
  checkModelType(configBytes.bytes());
  const commit = config.commit ?? revision;
  // Every other file from that same commit, even if the branch moves on meanwhile.
  const pinned: HubContext = /^[0-9a-f]{40}$/.test(commit) ? { ...context, revision: commit } : context;
  const plan = await planFiles(pinned);
  checkSizes(options.store.maxFileSize, [{ name: CONFIG_FILE, info: config }, ...plan]);

  const total = config.size + plan.reduce((sum, { info }) => sum + (info.size ?? 0), 0);
  let received = config.size;
  const report = (file: string) => options.onProgress?.({ received, total: Math.max(total, received), file });
  report(CONFIG_FILE);

  const folder = await options.store.begin(modelFolderName(repo)).catch((error: unknown) => {
    throw asDownloadError(error, signal);
  });
  try {
    await writeWhole(folder, CONFIG_FILE, configBytes.bytes());
    const files: DownloadMeta['files'][number][] = [{ name: CONFIG_FILE, size: config.size }];
    for (const { name, info } of plan) {
      const onBytes = (bytes: number) => {
        received += bytes;
        report(name);
      };
      const done = await downloadFile(pinned, name, () => folder.createFile(name), onBytes, info);
      // Announced by the HEAD a moment ago, gone now: say so rather than leave a model without it.
      if (done === 'missing') throw new DownloadError({ kind: 'httpStatus', file: name, status: 404 });
      files.push(done.sha256 ? { name, size: done.size, sha256: done.sha256 } : { name, size: done.size });
    }
    const meta: DownloadMeta = { repo, revision, commit, files, downloadedAt: (options.now?.() ?? new Date()).toISOString() };
    await writeWhole(folder, DOWNLOAD_META_FILE, encodeDownloadMeta(meta));
    throwIfCancelled(signal);
    return { location: await folder.commit(), meta };
  } catch (error) {
    await folder.discard().catch(() => undefined);
    throw asDownloadError(error, signal);
  }
}

/**
 * A config.json we cannot read stops the download: its model_type says why when it is another
 * architecture; else (no model_type, or a BERT or GPT-2 with a variant we do not compute) the
 * parser's message does.
 */
function checkModelType(bytes: Uint8Array): void {
  try {
    parseModelConfig(bytes);
  } catch (error) {
    if (!(error instanceof ModelFileError)) throw error;
    let modelType: string | undefined;
    try {
      const json: unknown = JSON.parse(new TextDecoder().decode(bytes));
      const declared = (json as { model_type?: unknown } | null)?.model_type;
      if (typeof declared === 'string' && !(SUPPORTED_MODEL_TYPES as readonly string[]).includes(declared)) modelType = declared;
    } catch {
      // Not JSON: the parser's message says so.
    }
    throw new DownloadError({ kind: 'unsupportedModel', modelType, detail: error.message });
  }
}

interface PlannedFile {
  readonly name: string;
  readonly info: HubFileInfo;
}

/** The tokenizer files the repository has, and its weights (the first of WEIGHT_FILES it has). */
async function planFiles(context: HubContext): Promise<PlannedFile[]> {
  let listing: Promise<ReadonlyMap<string, HubFileInfo>> | undefined;
  const probe = async (name: string): Promise<HubFileInfo | 'missing'> => {
    const info = await probeFile(context, name);
    if (info !== 'unreadable') return info;
    listing ??= fetchListing(context);
    return (await listing).get(name) ?? 'missing';
  };
  const firstWeights = async (): Promise<PlannedFile | undefined> => {
    for (const name of WEIGHT_FILES) {
      const info = await probe(name);
      if (info !== 'missing') return { name, info };
    }
    return undefined;
  };
  const [tokenizers, weights] = await Promise.all([Promise.all(TOKENIZER_FILES.map(async (name) => ({ name, info: await probe(name) }))), firstWeights()]);
  if (!weights) throw new DownloadError({ kind: 'noWeights' });
  const present = tokenizers.filter((file): file is PlannedFile => file.info !== 'missing');
  return [...present, weights];
}

function checkSizes(limit: number | undefined, files: readonly PlannedFile[]): void {
  if (limit === undefined) return;
  const tooLarge = files.find(({ info }) => info.size !== undefined && info.size > limit);
  if (tooLarge) throw new DownloadError({ kind: 'tooLargeHere', file: tooLarge.name, size: tooLarge.info.size!, limit });
}

async function writeWhole(folder: PartialModelFolder<unknown>, name: string, bytes: Uint8Array): Promise<void> {
  const writer = await folder.createFile(name);
  try {
    await writer.write(bytes);
    await writer.close();
  } catch (error) {
    await writer.abort().catch(() => undefined);
    throw error;
  }
}

function throwIfCancelled(signal: AbortSignal): void {
  if (signal.aborted) throw new DownloadError({ kind: 'cancelled' });
}

/** Cancel wins over whatever error it caused; a file-system error becomes a 'storage' failure. */
function asDownloadError(error: unknown, signal: AbortSignal): DownloadError {
  if (signal.aborted) return new DownloadError({ kind: 'cancelled' });
  if (error instanceof DownloadError) return error;
  return new DownloadError({ kind: 'storage', detail: error instanceof Error ? error.message : String(error) });
}
