/** Hyper-parameters of one multi-head self-attention layer, as the chapter describes it. */
export type MaskKind = 'none' | 'causal';
export type PositionalKind = 'none' | 'sinusoidal';

export interface AttentionConfig {
  /** Width of each embedding vector (the chapter's 512). */
  readonly dModel: number;
  /** Number of heads (the chapter's 8). */
  readonly heads: number;
  /** Width of each query/key/value vector (the chapter's 64 = 512 / 8). */
  readonly dK: number;
  /** Seed of the PRNG that initialises embeddings and Wq/Wk/Wv/Wo. */
  readonly seed: number;
  /** 'none': every token sees every token (BERT); 'causal': only earlier ones (GPT). */
  readonly mask: MaskKind;
  /** Whether sinusoidal positional encoding is added to the embeddings. */
  readonly positional: PositionalKind;
}

export const DEFAULT_CONFIG: AttentionConfig = {
  dModel: 512,
  heads: 8,
  dK: 64,
  seed: 42,
  mask: 'none',
  positional: 'none',
};

/** Bounds that keep one analysis within memory a user would accept. */
export const LIMITS = { maxDModel: 4096, maxHeads: 64, maxDK: 1024 } as const;

export class ConfigError extends Error {}

/**
 * A complete, checked configuration from partial input. `dK` defaults to dModel / heads, which
 * must then divide evenly. Throws ConfigError with a message fit to show a user.
 */
export function resolveConfig(input: Partial<AttentionConfig> = {}): AttentionConfig {
  const dModel = input.dModel ?? DEFAULT_CONFIG.dModel;
  const heads = input.heads ?? DEFAULT_CONFIG.heads;
  requireInteger('d_model', dModel, 1, LIMITS.maxDModel);
  requireInteger('heads', heads, 1, LIMITS.maxHeads);
  if (input.dK === undefined && dModel % heads !== 0) {
    throw new ConfigError(`d_model (${dModel}) must be divisible by the number of heads (${heads})`);
  }
  const dK = input.dK ?? dModel / heads;
  requireInteger('d_k', dK, 1, LIMITS.maxDK);
  const seed = input.seed ?? DEFAULT_CONFIG.seed;
  requireInteger('seed', seed, 0, 0xffffffff);
  const mask = input.mask ?? DEFAULT_CONFIG.mask;
  if (mask !== 'none' && mask !== 'causal') throw new ConfigError(`mask must be "none" or "causal", not "${String(mask)}"`);
  const positional = input.positional ?? DEFAULT_CONFIG.positional;
  if (positional !== 'none' && positional !== 'sinusoidal') {
    throw new ConfigError(`positional must be "none" or "sinusoidal", not "${String(positional)}"`);
  }
  return { dModel, heads, dK, seed, mask, positional };
}

function requireInteger(name: string, value: number, min: number, max: number): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new ConfigError(`${name} must be a whole number from ${min} to ${max}, not ${String(value)}`);
  }
}
