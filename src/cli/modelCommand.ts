/**
 * `attention-explorer --model DIR [--json] [--max-tokens N] [text]`: a Hugging Face BERT or GPT-2
 * folder read with node:fs and run on the text. A folder that is not a model, an unsupported
 * model_type or a damaged file is a ModelFileError / TokenizerError, which main turns into one
 * line on stderr and exit code 2.
 */
import { readFile, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { averageHeads } from '../common/attention/headAverage';
import { ModelFileError } from '../common/models/files/index';
import { loadModelFolder, type ReadModelFile } from '../common/models/folder/modelFolder';
import { isTemplateToken, runModel, type ModelRun } from '../common/models/run/runModel';
import type { ModelInfo } from '../common/models/view/modelView';
import { modelJsonChunks } from '../common/export/modelJson';

export interface ModelCommand {
  readonly dir: string;
  readonly json: boolean;
  /** --max-tokens; without it, the model's positions are the limit. */
  readonly maxTokens: number | undefined;
  readonly text: string;
}

export async function runModelCommand(command: ModelCommand): Promise<void> {
  const model = await loadModelFolder(basename(resolve(command.dir)), await folderReader(command.dir));
  const positions = model.config.maxPositions;
  const run = runModel(model, command.text, { maxTokens: command.maxTokens ?? positions, keepLayerInputs: false });
  if (run.totalTokens !== undefined) {
    const limit = command.maxTokens !== undefined && command.maxTokens < positions ? `--max-tokens ${command.maxTokens}` : `the model's ${positions} positions`;
    process.stderr.write(`attention-explorer: the text has ${run.totalTokens} tokens; the model read the first ${run.tokens.length} (${limit})\n`);
  }
  if (command.json) {
    for (const chunk of modelJsonChunks(model.info, run)) await write(chunk);
  } else {
    await write(modelSummary(model.info, run) + '\n');
  }
}

/** A ReadModelFile over the folder: undefined for a file it does not have, a ModelFileError for one it cannot read. */
async function folderReader(dir: string): Promise<ReadModelFile> {
  try {
    if (!(await stat(dir)).isDirectory()) throw new ModelFileError(`${dir} is not a folder: give --model the folder that holds config.json`);
  } catch (error) {
    if (error instanceof ModelFileError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') throw new ModelFileError(`there is no folder ${dir}`);
    throw new ModelFileError(`cannot open the folder ${dir}: ${fsReason(error)}`);
  }
  return async (name) => {
    try {
      return await readFile(join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw new ModelFileError(`cannot read it: ${fsReason(error)}`, name);
    }
  };
}

/** Node's message says what happened and to which path ("EACCES: permission denied, open '…'"): its first line. */
const fsReason = (error: unknown): string => String((error as Error).message).split('\n')[0];

/** stdout, waiting when a pipe's buffer is full (so a 400 MB JSON is not all held in memory). */
function write(chunk: string): Promise<void> {
  return new Promise((done) => (process.stdout.write(chunk) ? done() : process.stdout.once('drain', done)));
}

/**
 * What a person reads: the model, the tokens and their offsets, and per layer the strongest link
 * of the heads' average between two different tokens of the text (special tokens draw much of
 * the weight in trained models and say little, so they are left out).
 */
export function modelSummary(info: ModelInfo, run: ModelRun): string {
  const { tokens } = run;
  const lines = [
    `${info.name} (${info.type}): ${info.layers} layers, ${info.heads} heads, hidden size ${info.hidden}, vocabulary ${info.vocabSize}; ` +
      `${tokens.length} tokens, forward pass ${Math.round(run.elapsedMs)} ms`,
    '',
    'Tokens:',
    ...tokens.map((t, i) => `  ${i}\t${JSON.stringify(t.text)}\t${isTemplateToken(t) ? 'special' : `[${t.start}, ${t.end})${t.special ? ' special' : ''}`}`),
    '',
    'Strongest link per layer (average of the heads, query → key, special tokens and self-links left out):',
  ];
  const n = run.attention.n;
  const label = (i: number) => `${i} ${JSON.stringify(tokens[i].text)}`;
  run.attention.weights.forEach((heads, layer) => {
    const mean = averageHeads(heads);
    let best = { weight: -1, query: -1, key: -1 };
    for (let i = 0; i < n; i++) {
      if (tokens[i].special) continue;
      for (let j = 0; j < n; j++) {
        if (j !== i && !tokens[j].special && mean[i * n + j] > best.weight) best = { weight: mean[i * n + j], query: i, key: j };
      }
    }
    lines.push(`  layer ${layer}: ${best.query < 0 ? '(fewer than two tokens of text)' : `${label(best.query)} → ${label(best.key)}  ${best.weight.toFixed(3)}`}`);
  });
  return lines.join('\n');
}
