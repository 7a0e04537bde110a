/**
 * The CLI's files for an analysis, made from its request alone, so that the panel (in a worker)
 * and `attention-explorer` write the same bytes for the same text and settings:
 * - `--json`: every intermediate by the float64 reference engine (resultJson.ts), refused when the
 *   string would be longer than V8 can hold;
 * - `--out FILE.safetensors` (without --json or --tensors): the reference's tensors below
 *   FAST_FROM_TOKENS tokens, the WebAssembly kernels' (float32) from there, and over
 *   FULL_MATRIX_MAX_TOKENS the blockwise pass's, without the N × N ones.
 */
import { analyse, InputError, tokensToAnalyse } from '../attention/analysis';
import type { AnalysisRequest } from '../attention/analysisView';
import type { AttentionConfig } from '../attention/config';
import { FAST_FROM_TOKENS, isLongSelection } from '../attention/longSelection';
import { toJsonResult } from '../attention/resultJson';
import type { Token } from '../attention/tokenizer';
import { estimatedJsonChars } from './jsonSize';
import { fastTensors, longTensors } from './kernelTensors';
import { encodeSafetensors } from './safetensors';
import { attentionTensors, isSquareTensor, type NamedTensor } from './tensorNames';

/** The safetensors file's `__metadata__` (strings only, as the format requires): what the tensors are of. */
export function fileMetadata(tokens: readonly Token[], config: AttentionConfig, version: string): Record<string, string> {
  return {
    tokens: JSON.stringify(tokens.map(({ text, start, end }) => ({ text, start, end }))),
    config: JSON.stringify(config),
    tool: 'attention-explorer',
    version,
  };
}

/** The request's tokens as the analysis has them (the first maxTokens: the panel shows those). */
function tokensOf(request: AnalysisRequest): Token[] {
  return tokensToAnalyse(request.text, request.maxTokens).tokens;
}

/** What `--json` prints, newline included; InputError when it would not fit in one string (`maxChars`). */
export function cliJson(request: AnalysisRequest, maxChars: number): string {
  const tokens = tokensOf(request);
  const estimate = estimatedJsonChars(tokens.length, request.config);
  if (estimate > maxChars) {
    const mb = (chars: number) => Math.round(chars / 1e6);
    throw new InputError(`the JSON for ${tokens.length} tokens would be about ${mb(estimate)} MB, more than the ${mb(maxChars)} MB a string can hold: export safetensors instead, or analyse fewer tokens`);
  }
  return JSON.stringify(toJsonResult(analyse(request).result)) + '\n';
}

/** The tensors `--out FILE.safetensors` writes, by the engine the CLI uses for this many tokens. */
export function cliOutTensors(tokens: readonly Token[], config: AttentionConfig, request: AnalysisRequest): NamedTensor[] {
  const long = isLongSelection(tokens.length);
  if (long) return longTensors(tokens, config, (name) => !isSquareTensor(name));
  if (tokens.length >= FAST_FROM_TOKENS) return fastTensors(tokens, config, () => true);
  return attentionTensors(analyse(request).result);
}

/** The bytes of `--out FILE.safetensors`. */
export function cliSafetensors(request: AnalysisRequest, version: string): Uint8Array {
  const tokens = tokensOf(request);
  return encodeSafetensors(cliOutTensors(tokens, request.config, request), fileMetadata(tokens, request.config, version));
}
