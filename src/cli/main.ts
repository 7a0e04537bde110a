/**
 * `attention-explorer [options] [text]`: the engine from a terminal or a script; with `--model DIR`,
 * a Hugging Face BERT or GPT-2 folder instead (modelCommand.ts). Text comes from the argument,
 * else from stdin. Bad input: one line on stderr, exit code 2, no stack trace; a file that cannot
 * be written (`--out`): one line, exit code 1.
 */
import { parseArgs } from 'node:util';
import { analyse, DEFAULT_MAX_TOKENS, HARD_MAX_TOKENS, InputError, tokensToAnalyse } from '../common/attention/analysis';
import { ConfigError, resolveConfig, type AttentionConfig } from '../common/attention/config';
import { toJsonResult } from '../common/attention/resultJson';
import { averageHeads } from '../common/attention/headAverage';
import { safetensorsChunks, SafetensorsError } from '../common/export/safetensors';
import { attentionTensors, describeTensorNames, parseTensorList, selectTensorNames, tensorNames, TensorPatternError } from '../common/export/tensorNames';
import { FAST_FROM_TOKENS, FULL_MATRIX_MAX_TOKENS, isLongSelection } from '../common/attention/longSelection';
import type { Token } from '../common/attention/tokenizer';
import { isSquareTensor, type NamedTensor } from '../common/export/tensorNames';
import { estimatedJsonChars, MAX_JSON_CHARS } from './jsonSize';
import { fastTensors, longTensors } from '../common/export/kernelTensors';
import { layerInputs } from '../common/kernels/fastAttention';
import { loadKernels } from '../common/kernels/kernels';
import { ModelFileError } from '../common/models/files/index';
import { TokenizerError } from '../common/models/tokenizers/index';
import { runModelCommand } from './modelCommand';
import { checkOutputPath, OutputError, writeFileAtomically } from './outputFile';
import { toolVersion } from './version';
import { fileMetadata } from '../common/export/cliFiles';

const USAGE = `Usage: attention-explorer [options] [text]
       attention-explorer --model DIR [--json] [--max-tokens N] [text]
Computes multi-head self-attention over the text (or stdin) and prints the weights.

Options:
  --d-model N              embedding width (default 512)
  --heads N                number of heads (default 8)
  --d-k N                  query/key/value width (default d-model / heads)
  --seed N                 seed of the random embeddings and weights (default 42)
  --mask none|causal       none: BERT-style; causal: GPT-style (default none)
  --positional none|sinusoidal   add sinusoidal positional encoding (default none)
  --max-tokens N           refuse texts with more tokens than this (default ${DEFAULT_MAX_TOKENS}, at most ${HARD_MAX_TOKENS})
  --json                   print every intermediate as one JSON object (computed by the float64
                           reference engine; without --json, texts of ${FAST_FROM_TOKENS} tokens or more are computed
                           by the WebAssembly kernels in float32, and over ${FULL_MATRIX_MAX_TOKENS} blockwise, without
                           any N × N matrix: --out then writes only the tensors that are not N × N)
  --out FILE.safetensors   write the intermediates as float32 tensors to FILE (safetensors format)
                           and print one line saying so instead of the summary; with --json, both
  --tensors LIST           only these tensors in --out, comma-separated; * matches within one
                           dot-separated part: heads.*.weights,output (default all: embeddings,
                           heads.{h}.{wq,wk,wv,q,k,v,scores,scaled,weights,z}, wo, concat, output)
  -h, --help               show this help

With --model DIR, a pretrained model instead of the built-in engine: DIR is a Hugging Face folder
(config.json with model_type bert or gpt2, model.safetensors or pytorch_model.bin, and the
tokenizer: tokenizer.json, vocab.txt, or vocab.json + merges.txt). It prints the model, its
tokens and each layer's strongest link; with --json one object: "model", "tokens" (the vocabulary
pieces, UTF-16 offsets, null for [CLS]/[SEP]), "layers" (every head's N × N weights) and "output"
(the last hidden state, N × hidden). --max-tokens N cuts the text to N tokens, special tokens
included (default: the model's positions), as Hugging Face's truncation does. The built-in
engine's options (--d-model … --tensors) do not apply.`;

/** The options of the built-in engine, which --model refuses. */
const ENGINE_OPTIONS = ['d-model', 'heads', 'd-k', 'seed', 'mask', 'positional', 'out', 'tensors'] as const;

class UsageError extends Error {}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

interface Options {
  config: AttentionConfig;
  maxTokens: number;
  /** --max-tokens as given (a model's default limit is its positions, not DEFAULT_MAX_TOKENS). */
  maxTokensGiven: number | undefined;
  /** --model DIR. */
  model: string | undefined;
  json: boolean;
  /** The safetensors file to write, if any. */
  out: string | undefined;
  /** The `--tensors` patterns, if given. */
  tensors: string[] | undefined;
  help: boolean;
  text: string | undefined;
}

function parse(argv: string[]): Options {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        'd-model': { type: 'string' },
        heads: { type: 'string' },
        'd-k': { type: 'string' },
        seed: { type: 'string' },
        mask: { type: 'string' },
        positional: { type: 'string' },
        'max-tokens': { type: 'string' },
        json: { type: 'boolean' },
        out: { type: 'string' },
        tensors: { type: 'string' },
        model: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\. |\n/)[0]);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('give the text as one argument (quote it), or on stdin');
  if (values.model !== undefined) {
    const engine = ENGINE_OPTIONS.filter((name) => values[name] !== undefined);
    if (engine.length > 0) throw new UsageError(`--${engine[0]} is an option of the built-in engine: it does not apply with --model, which runs the model in the folder as it is`);
  }
  const config = resolveConfig({
    dModel: integer('d-model', values['d-model']),
    heads: integer('heads', values.heads),
    dK: integer('d-k', values['d-k']),
    seed: integer('seed', values.seed),
    mask: values.mask as AttentionConfig['mask'] | undefined,
    positional: values.positional as AttentionConfig['positional'] | undefined,
  });
  const maxTokensGiven = integer('max-tokens', values['max-tokens']);
  const maxTokens = maxTokensGiven ?? DEFAULT_MAX_TOKENS;
  if (maxTokens < 1 || maxTokens > HARD_MAX_TOKENS) throw new UsageError(`--max-tokens must be from 1 to ${HARD_MAX_TOKENS}`);
  const out = values.out;
  if (out !== undefined && !/\.safetensors$/i.test(out)) throw new UsageError(`--out writes the safetensors format: name the file *.safetensors, not "${out}"`);
  if (values.tensors !== undefined && out === undefined) throw new UsageError('--tensors selects what --out writes: give --out FILE.safetensors too');
  const tensors = values.tensors === undefined ? undefined : parseTensorList(values.tensors);
  return { config, maxTokens, maxTokensGiven, model: values.model, json: values.json ?? false, out, tensors, help: values.help ?? false, text: positionals[0] };
}

async function writeTensors(path: string, tensors: NamedTensor[], metadata: Record<string, string>, say: boolean): Promise<void> {
  const bytes = await writeFileAtomically(path, safetensorsChunks(tensors, metadata));
  if (say) process.stdout.write(`wrote ${tensors.length} tensors (${formatBytes(bytes)}) to ${path}\n`);
}

/** Every head's weights by the kernels, for the summary's table. */
function headWeights(tokens: readonly Token[], config: AttentionConfig): Float32Array[] {
  const weights: Float32Array[] = [];
  loadKernels().multiHead(layerInputs(tokens, config), config.mask === 'causal', (_, w) => weights.push(w));
  return weights;
}

/** A long selection's summary: its size and how to get its numbers (its N × N table would be gigabytes of text). */
function longSummary(tokens: readonly Token[], config: AttentionConfig): string {
  return [
    `${tokens.length} tokens, d_model ${config.dModel}, ${config.heads} heads of d_k ${config.dK}, mask ${config.mask}, positional ${config.positional}, seed ${config.seed}`,
    `computed blockwise (over ${FULL_MATRIX_MAX_TOKENS} tokens no N × N matrix is made): write Q, K, V, Z and the output with --out FILE.safetensors`,
  ].join('\n');
}

function summary(view: Pick<ReturnType<typeof analyse>['view'], 'tokens' | 'config' | 'weights'>): string {
  const { tokens, config } = view;
  const lines = [
    `${tokens.length} tokens, d_model ${config.dModel}, ${config.heads} heads of d_k ${config.dK}, mask ${config.mask}, positional ${config.positional}, seed ${config.seed}`,
    '',
    'Tokens:',
    ...tokens.map((t, i) => `  ${i}\t${JSON.stringify(t.text)}\t[${t.start}, ${t.end})`),
    '',
    'Average of heads (rows: queries, columns: keys):',
  ];
  const mean = averageHeads(view.weights);
  const n = tokens.length;
  lines.push(['', ...tokens.map((_, j) => String(j).padStart(6))].join(''));
  for (let i = 0; i < n; i++) {
    lines.push(String(i).padEnd(4) + mean.slice(i * n, (i + 1) * n).map((w) => w.toFixed(3).padStart(6)).join(''));
  }
  return lines.join('\n');
}

/** Refuses, before computing anything, JSON too large for one string. */
function requireJsonFits(tokens: number, config: AttentionConfig): void {
  const estimate = estimatedJsonChars(tokens, config);
  if (estimate <= MAX_JSON_CHARS) return;
  const mb = (chars: number) => Math.round(chars / 1e6);
  throw new InputError(
    `the JSON for ${tokens} tokens would be about ${mb(estimate)} MB, more than the ${mb(MAX_JSON_CHARS)} MB a string can hold: give fewer tokens, or a smaller --d-model or --heads, or write the tensors to a file with --out FILE.safetensors instead of --json`,
  );
}

/** What --out writes, and where, with everything that can be wrong with it checked before the work. */
function outputPlan(path: string, patterns: string[] | undefined, heads: number, long: boolean): { path: string; names: Set<string> } {
  const names = tensorNames(heads);
  const selected = patterns ? selectTensorNames(names, patterns, describeTensorNames(heads)) : names;
  if (long) {
    const square = selected.filter(isSquareTensor);
    // Asked for: refused. In the default (all): left out.
    if (patterns && square.length > 0) {
      throw new InputError(`over ${FULL_MATRIX_MAX_TOKENS} tokens no N × N matrix is made, so ${square[0]} cannot be written: choose tensors that are not N × N (embeddings, heads.*.{wq,wk,wv,q,k,v,z}, wo, concat, output)`);
    }
    checkOutputPath(path);
    return { path, names: new Set(selected.filter((name) => !isSquareTensor(name))) };
  }
  checkOutputPath(path);
  return { path, names: new Set(selected) };
}

function formatBytes(bytes: number): string {
  if (bytes < 1000) return `${bytes} bytes`;
  return bytes < 1e6 ? `${(bytes / 1e3).toFixed(1)} kB` : `${(bytes / 1e6).toFixed(1)} MB`;
}

/** All of stdin. Read as a stream: readFileSync(0) fails with EAGAIN on a non-blocking pipe (Node's spawn with `input`). */
async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

async function main(argv: string[]): Promise<number> {
  try {
    const options = parse(argv);
    if (options.help) {
      process.stdout.write(USAGE + '\n');
      return 0;
    }
    const text = options.text ?? (process.stdin.isTTY ? '' : await readStdin());
    if (options.model !== undefined) {
      await runModelCommand({ dir: options.model, json: options.json, maxTokens: options.maxTokensGiven, text });
      return 0;
    }
    const { tokens, more } = tokensToAnalyse(text, options.maxTokens);
    if (more) {
      const raise = options.maxTokens < HARD_MAX_TOKENS ? ` (raise it with --max-tokens, up to ${HARD_MAX_TOKENS})` : '';
      throw new InputError(`the text has more tokens than the limit of ${options.maxTokens}${raise}`);
    }
    if (options.json) requireJsonFits(tokens.length, options.config);
    const long = isLongSelection(tokens.length);
    const out = options.out === undefined ? undefined : outputPlan(options.out, options.tensors, options.config.heads, long);
    const metadata = fileMetadata(tokens, options.config, toolVersion());
    if (long || (tokens.length >= FAST_FROM_TOKENS && !options.json)) {
      // The kernels: float32, and for a long selection no N × N matrix at all.
      const include = (name: string) => out?.names.has(name) ?? false;
      const tensors = long ? longTensors(tokens, options.config, include) : fastTensors(tokens, options.config, include);
      if (out) await writeTensors(out.path, tensors, metadata, !options.json);
      if (!out) process.stdout.write((long ? longSummary(tokens, options.config) : summary({ tokens, config: options.config, weights: headWeights(tokens, options.config) })) + '\n');
      return 0;
    }
    const { result, view } = analyse({ text, sourceName: 'cli', config: options.config, maxTokens: options.maxTokens });
    if (out) await writeTensors(out.path, attentionTensors(result, (name) => out.names.has(name)), metadata, !options.json);
    if (options.json) process.stdout.write(JSON.stringify(toJsonResult(result)) + '\n');
    else if (!out) process.stdout.write(summary(view) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof InputError || error instanceof TensorPatternError || error instanceof ModelFileError || error instanceof TokenizerError) {
      process.stderr.write(`attention-explorer: ${error.message}\n`);
      return 2;
    }
    if (error instanceof OutputError || error instanceof SafetensorsError) {
      process.stderr.write(`attention-explorer: ${error.message}\n`);
      return 1;
    }
    throw error;
  }
}

// A reader that stops early (`| head`) closes the pipe: the output is no longer wanted, so end quietly.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code !== 'EPIPE') process.stderr.write(`attention-explorer: cannot write the output: ${error.message}\n`);
  process.exit(error.code === 'EPIPE' ? 0 : 1);
});
void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
