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
export function embed(tokens: readonly Token[], config: AttentionConfig): { embeddings: Matrix; positions?: Matrix; x: Matrix } {
  const embeddings = staticEmbeddings(tokens, config);
  if (config.positional !== 'sinusoidal') return { embeddings, x: embeddings };
  const positions = sinusoidalPositions(tokens.length, config.dModel);
  const x = zeros(tokens.length, config.dModel);
  for (let i = 0; i < x.data.length; i++) x.data[i] = embeddings.data[i] + positions.data[i];
  return { embeddings, positions, x };
}

/** One vector per token, from its text and the seed alone: the same word, the same vector. */
export function staticEmbeddings(tokens: readonly Token[], config: AttentionConfig): Matrix {
  const e = zeros(tokens.length, config.dModel);
  tokens.forEach((token, i) => {
    const row = e.data.subarray(i * config.dModel, (i + 1) * config.dModel);
    fillUniform(row, EMBEDDING_LIMIT, mulberry32(fnv1a(token.text) ^ Math.imul(config.seed, 0x9e3779b1)));
  });
  return e;
}

/**
 * "Attention Is All You Need" §3.5: PE(pos, 2i) = sin(pos / 10000^(2i/d)), PE(pos, 2i+1) = cos(…).
 * Self-attention alone does not see word order; this tells it.
 */
export function sinusoidalPositions(n: number, d: number): Matrix {
  const pe = zeros(n, d);
  for (let pos = 0; pos < n; pos++) {
    for (let i = 0; i < d; i += 2) {
      const angle = pos / Math.pow(10000, i / d);
      pe.data[pos * d + i] = Math.sin(angle);
      if (i + 1 < d) pe.data[pos * d + i + 1] = Math.cos(angle);
    }
  }
  return pe;
}
