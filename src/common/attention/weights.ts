import type { AttentionConfig } from './config';
import { zeros, type Matrix } from './matrix';
import { fillUniform, mulberry32 } from './random';

export interface HeadWeights {
  /** dModel × dK each: X · Wq = Q, X · Wk = K, X · Wv = V. */
  readonly wq: Matrix;
  readonly wk: Matrix;
  readonly wv: Matrix;
}

export interface LayerWeights {
  readonly heads: readonly HeadWeights[];
  /** (heads · dK) × dModel: projects the concatenated heads back to the model width. */
  readonly wo: Matrix;
}

/**
 * The chapter's "初始化三个矩阵" (randomly initialised, untrained): Glorot/Xavier uniform,
 * limit √(6 / (fan_in + fan_out)), drawn from one seeded stream in a fixed order (head 0's Wq, Wk,
 * Wv, head 1's, …, then Wo), so a seed names one model everywhere.
 */
export function initWeights(config: AttentionConfig): LayerWeights {
  const next = mulberry32(config.seed);
  const glorot = (rows: number, cols: number): Matrix => {
    const m = zeros(rows, cols);
    fillUniform(m.data, glorotLimit(rows, cols), next);
    return m;
  };
  const heads: HeadWeights[] = [];
  for (let h = 0; h < config.heads; h++) {
    heads.push({ wq: glorot(config.dModel, config.dK), wk: glorot(config.dModel, config.dK), wv: glorot(config.dModel, config.dK) });
  }
  return { heads, wo: glorot(config.heads * config.dK, config.dModel) };
}

/** Glorot/Xavier uniform's bound for a fan_in × fan_out matrix: values are drawn from [-limit, limit). */
export function glorotLimit(fanIn: number, fanOut: number): number {
  return Math.sqrt(6 / (fanIn + fanOut));
}
