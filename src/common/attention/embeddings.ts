import type { Token } from './tokenizer';
import type { AttentionConfig } from './config';
import { zeros, type Matrix } from './matrix';
import { fillUniform, fnv1a, mulberry32 } from './random';

/** Uniform on [-√3, √3) has unit variance, like the N(0, 1) init of nn.Embedding. */
const EMBEDDING_LIMIT = Math.sqrt(3);

/**
 * The chapter's "为每个标记生成一个嵌入向量" and "从嵌入向量创建矩阵 X": one static vector per token,
 * seeded by a hash of the token's text (and the model seed), so the same word has the same
 * embedding in every sentence, as in word2vec. Row i of X is token i.
 */
export function embed(tokens: readonly Token[], config: AttentionConfig): Matrix {
  const x = zeros(tokens.length, config.dModel);
  tokens.forEach((token, i) => {
    const row = x.data.subarray(i * config.dModel, (i + 1) * config.dModel);
    fillUniform(row, EMBEDDING_LIMIT, mulberry32(fnv1a(token.text) ^ Math.imul(config.seed, 0x9e3779b1)));
  });
  if (config.positional === 'sinusoidal') addSinusoidalPositions(x);
  return x;
}

/**
 * "Attention Is All You Need" §3.5: PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(…).
 * Self-attention alone does not see word order; this tells it.
 */
export function addSinusoidalPositions(x: Matrix): void {
  const d = x.cols;
  for (let pos = 0; pos < x.rows; pos++) {
    for (let i = 0; i < d; i += 2) {
      const angle = pos / Math.pow(10000, i / d);
      x.data[pos * d + i] += Math.sin(angle);
      if (i + 1 < d) x.data[pos * d + i + 1] += Math.cos(angle);
    }
  }
}
