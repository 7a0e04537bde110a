/**
 * How large the CLI's `--json` output would be, known from the token count and the config before
 * anything is computed: JSON.stringify fails ("Invalid string length") past the longest string V8
 * can hold, and only after seconds of work and gigabytes of memory.
 */
import type { AttentionConfig } from '../attention/config';

/**
 * Characters a number takes in the JSON, comma included. Measured: 19 to 20 for scores and
 * embeddings, 22 for the softmax weights of a thousand tokens (small values, more leading zeros).
 */
const CHARS_PER_NUMBER = 22;

/** V8's longest string on a 64-bit host (node:buffer's constants.MAX_STRING_LENGTH, 2^29 − 24), for code that cannot ask Node. */
export const V8_MAX_STRING_CHARS = 2 ** 29 - 24;

/** How many numbers (and nulls) `toJsonResult` holds for `tokens` tokens: every matrix's rows × columns. */
export function jsonNumberCount(tokens: number, config: AttentionConfig): number {
  const { dModel, heads, dK } = config;
  const perHead = 3 * dModel * dK + 4 * tokens * dK + 3 * tokens * tokens; // wq wk wv; q k v z; scores scaled weights
  return tokens * dModel + heads * perHead + heads * dK * dModel + tokens * heads * dK + tokens * dModel; // embeddings, heads, wo, concat, output
}

export function estimatedJsonChars(tokens: number, config: AttentionConfig): number {
  return jsonNumberCount(tokens, config) * CHARS_PER_NUMBER;
}
