/**
 * The steps view's numbers for a selection the kernels computed: the same X and weights as the
 * reference, in float32, one head at a time through Kernels.attentionHead, so each matrix is the
 * one the heatmap was drawn from. Only O(N·d) is kept between heads (X, the heads' Z, the output):
 * a head's N × N scores, scaled scores and weights are recomputed when it is asked for, where the
 * reference would keep every head's in float64 (800 MB at 2,048 tokens).
 */
import type { AttentionConfig } from '../attention/config';
import { embed } from '../attention/embeddings';
import type { Matrix } from '../attention/matrix';
import type { HeadSteps, LayerSteps, StepsData, StepsMatrix } from '../attention/steps';
import type { Token } from '../attention/tokenizer';
import { initWeights, type LayerWeights } from '../attention/weights';
import { loadKernels } from './kernels';

export class FastSteps {
  private readonly weights: LayerWeights;
  private readonly x: StepsMatrix;
  private readonly embedded: Pick<LayerSteps, 'embeddings' | 'positions'>;
  private layer?: LayerSteps;

  constructor(private readonly tokens: readonly Token[], private readonly config: AttentionConfig) {
    this.weights = initWeights(config);
    const { embeddings, positions, x } = embed(tokens, config);
    this.x = float32(x);
    this.embedded = { embeddings: float32(embeddings), ...(positions ? { positions: float32(positions) } : {}) };
  }

  /** Steps 1–8 of `head` and the multi-head step (which needs every head's Z: made on the first call). */
  steps(head: number): StepsData {
    const { heads } = this.config;
    if (!Number.isInteger(head) || head < 0 || head >= heads) throw new RangeError(`there is no head ${head + 1}: the analysis has ${heads}`);
    let asked: HeadSteps | undefined;
    const layer = this.layer ?? this.eachHead((steps) => steps.head === head && (asked = steps));
    return { layer, head: asked ?? this.head(head) };
  }

  /**
   * Every head's steps, each handed to `visit` as it is made and not kept (so one head's N × N
   * matrices are alive at a time), then the multi-head step, which is kept.
   */
  eachHead(visit: (steps: HeadSteps) => void): LayerSteps {
    const { heads, dK, dModel } = this.config;
    const n = this.tokens.length;
    const concat = new Float32Array(n * heads * dK);
    for (let h = 0; h < heads; h++) {
      const steps = this.head(h);
      for (let i = 0; i < n; i++) concat.set(steps.z.data.subarray(i * dK, (i + 1) * dK), (i * heads + h) * dK);
      visit(steps);
    }
    const wo = float32(this.weights.wo);
    const output = loadKernels().matmul(concat, wo.data as Float32Array, n, heads * dK, dModel);
    this.layer = { ...this.embedded, x: this.x, concat: { rows: n, cols: heads * dK, data: concat }, wo, output: { rows: n, cols: dModel, data: output } };
    return this.layer;
  }

  private head(h: number): HeadSteps {
    const { dK, dModel, mask } = this.config;
    const n = this.tokens.length;
    const [wq, wk, wv] = [this.weights.heads[h].wq, this.weights.heads[h].wk, this.weights.heads[h].wv].map(float32);
    const arrays = loadKernels().attentionHead(this.x.data as Float32Array, wq.data as Float32Array, wk.data as Float32Array, wv.data as Float32Array, n, dModel, dK, mask === 'causal');
    const of = (data: Float32Array, cols: number): StepsMatrix => ({ rows: n, cols, data });
    return {
      head: h,
      wq,
      wk,
      wv,
      q: of(arrays.q, dK),
      k: of(arrays.k, dK),
      v: of(arrays.v, dK),
      z: of(arrays.z, dK),
      scores: of(arrays.scores, n),
      scaled: of(arrays.scaled, n),
      weights: of(arrays.weights, n),
    };
  }
}

function float32(m: Matrix): StepsMatrix {
  return { rows: m.rows, cols: m.cols, data: Float32Array.from(m.data) };
}
