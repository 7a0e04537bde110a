/**
 * One analysis of a loaded model: the text's tokens, truncated as Hugging Face truncates a single
 * sequence (the first content pieces kept, the template's special tokens around them kept), and
 * the forward pass over them.
 */
import { InputError } from '../../attention/analysis';
import type { LoadedModel } from '../folder/modelFolder';
import { modelForward, type LayerProgress, type ModelAttention } from '../forward/index';
import type { ModelToken } from '../tokenizers/index';

export interface ModelRun {
  readonly tokens: ModelToken[];
  readonly ids: number[];
  /** pieces the whole text has (specials included), when more than were run */
  readonly totalTokens?: number;
  readonly attention: ModelAttention;
  readonly elapsedMs: number;
}

export interface RunOptions {
  /** The most tokens to run, specials included; the model's positions are a limit too. */
  readonly maxTokens: number;
  readonly onLayer?: LayerProgress;
  readonly keepLayerInputs?: boolean;
}

export function runModel(model: LoadedModel, text: string, options: RunOptions): ModelRun {
  const started = performance.now();
  const tokens = tokensToRun(model, text, options.maxTokens);
  const ids = tokens.kept.map((t) => t.id);
  const attention = modelForward(model.config, model.weights, ids, { onLayer: options.onLayer, keepLayerInputs: options.keepLayerInputs });
  return {
    tokens: tokens.kept,
    ids,
    ...(tokens.total > ids.length ? { totalTokens: tokens.total } : {}),
    attention,
    elapsedMs: Math.round((performance.now() - started) * 10) / 10,
  };
}

/** A special token the template put around the text ([CLS], [SEP]): it covers none of it. */
export const isTemplateToken = (token: ModelToken): boolean => token.special && token.start === token.end;

/**
 * The tokens the model reads: all of them when they fit in min(maxTokens, positions); else, as
 * transformers' truncation=True, the template's tokens before and after and as many of the
 * text's first pieces as fit between them.
 */
export function tokensToRun(model: LoadedModel, text: string, maxTokens: number): { kept: ModelToken[]; total: number } {
  if (text.trim() === '') throw new InputError('There is no text to analyse: it is empty or only whitespace.');
  const { tokens } = model.tokenizer.encode(text);
  let before = 0;
  while (before < tokens.length && isTemplateToken(tokens[before])) before++;
  let after = 0;
  while (after < tokens.length - before && isTemplateToken(tokens[tokens.length - 1 - after])) after++;
  const content = tokens.length - before - after;
  if (content === 0) throw new InputError(`The ${model.info.name} tokenizer finds no tokens in the text.`);
  const limit = Math.min(maxTokens, model.config.maxPositions);
  if (tokens.length <= limit) return { kept: tokens, total: tokens.length };
  const room = limit - before - after;
  if (room < 1) throw new InputError(`A limit of ${limit} tokens leaves no room for the text beside the model's ${before + after} special tokens.`);
  return { kept: [...tokens.slice(0, before + room), ...tokens.slice(tokens.length - after)], total: tokens.length };
}
