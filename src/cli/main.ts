/**
 * `attention-explorer [options] [text]`: the engine from a terminal or a script. Text comes from
 * the argument, else from stdin. Bad input: one line on stderr, exit code 2, no stack trace.
 */
import { parseArgs } from 'node:util';
import { analyse, DEFAULT_MAX_TOKENS, HARD_MAX_TOKENS, InputError, tokensToAnalyse } from '../common/attention/analysis';
import { ConfigError, resolveConfig, type AttentionConfig } from '../common/attention/config';
import { toJsonResult } from '../common/attention/resultJson';
import { averageHeads } from '../common/attention/headAverage';
import { estimatedJsonChars, MAX_JSON_CHARS } from './jsonSize';

const USAGE = `Usage: attention-explorer [options] [text]
Computes multi-head self-attention over the text (or stdin) and prints the weights.

Options:
  --d-model N              embedding width (default 512)
  --heads N                number of heads (default 8)
  --d-k N                  query/key/value width (default d-model / heads)
  --seed N                 seed of the random embeddings and weights (default 42)
  --mask none|causal       none: BERT-style; causal: GPT-style (default none)
  --positional none|sinusoidal   add sinusoidal positional encoding (default none)
  --max-tokens N           refuse texts with more tokens than this (default ${DEFAULT_MAX_TOKENS}, at most ${HARD_MAX_TOKENS})
  --json                   print every intermediate as one JSON object
  -h, --help               show this help`;

class UsageError extends Error {}

function integer(name: string, value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d+$/.test(value)) throw new UsageError(`--${name} takes a whole number, not "${value}"`);
  return Number(value);
}

function parse(argv: string[]): { config: AttentionConfig; maxTokens: number; json: boolean; help: boolean; text: string | undefined } {
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
        help: { type: 'boolean', short: 'h' },
      },
    });
  } catch (error) {
    throw new UsageError((error as Error).message.split(/\. |\n/)[0]);
  }
  const { values, positionals } = parsed;
  if (positionals.length > 1) throw new UsageError('give the text as one argument (quote it), or on stdin');
  const config = resolveConfig({
    dModel: integer('d-model', values['d-model']),
    heads: integer('heads', values.heads),
    dK: integer('d-k', values['d-k']),
    seed: integer('seed', values.seed),
    mask: values.mask as AttentionConfig['mask'] | undefined,
    positional: values.positional as AttentionConfig['positional'] | undefined,
  });
  const maxTokens = integer('max-tokens', values['max-tokens']) ?? DEFAULT_MAX_TOKENS;
  if (maxTokens < 1 || maxTokens > HARD_MAX_TOKENS) throw new UsageError(`--max-tokens must be from 1 to ${HARD_MAX_TOKENS}`);
  return { config, maxTokens, json: values.json ?? false, help: values.help ?? false, text: positionals[0] };
}

function summary(view: ReturnType<typeof analyse>['view']): string {
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
    `the JSON for ${tokens} tokens would be about ${mb(estimate)} MB, more than the ${mb(MAX_JSON_CHARS)} MB a string can hold: give fewer tokens, or a smaller --d-model or --heads`,
  );
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
    const { tokens, more } = tokensToAnalyse(text, options.maxTokens);
    if (more) {
      const raise = options.maxTokens < HARD_MAX_TOKENS ? ` (raise it with --max-tokens, up to ${HARD_MAX_TOKENS})` : '';
      throw new InputError(`the text has more tokens than the limit of ${options.maxTokens}${raise}`);
    }
    if (options.json) requireJsonFits(tokens.length, options.config);
    const { result, view } = analyse({ text, sourceName: 'cli', config: options.config, maxTokens: options.maxTokens });
    process.stdout.write((options.json ? JSON.stringify(toJsonResult(result)) : summary(view)) + '\n');
    return 0;
  } catch (error) {
    if (error instanceof UsageError || error instanceof ConfigError || error instanceof InputError) {
      process.stderr.write(`attention-explorer: ${error.message}\n`);
      return 2;
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
