/**
 * The names a checkpoint gives its tensors, mapped to one canonical spelling per architecture:
 * the base model's own names (BertModel's, GPT2Model's), without the `bert.` / `transformer.`
 * prefix a *ForMaskedLM / LMHeadModel checkpoint adds, and with the LayerNorm parameters that
 * Google's converted TensorFlow checkpoints call `gamma` / `beta` called `weight` / `bias`, as
 * transformers' own loader renames them. Tensors no forward pass reads are set aside by name.
 */
import type { ModelType } from './config';
import { ModelFileError } from './errors';
import type { WeightMap, WeightTensor } from './tensor';

const PREFIX: Readonly<Record<ModelType, string>> = { bert: 'bert.', gpt2: 'transformer.' };

/**
 * Tensors a checkpoint may hold that the encoder or decoder does not use: position_ids (a buffer
 * of 0…max-1), the pooler and the pre-training heads (cls.*) of BERT; GPT-2's causal-mask
 * buffers (attn.bias, attn.masked_bias: the mask is computed, not read) and its LM head, which is
 * wte again. Matched against the name without its prefix, and against the full name for heads
 * that sit beside the prefix (`cls.predictions…` next to `bert.…`).
 */
const IGNORED: Readonly<Record<ModelType, readonly RegExp[]>> = {
  bert: [/^embeddings\.position_ids$/, /^pooler\./, /^cls\./],
  gpt2: [/^h\.\d+\.attn\.(bias|masked_bias)$/, /^lm_head\./],
};

export interface NormalizedNames {
  /** Canonical name → the name in the file, in file order. */
  readonly canonical: ReadonlyMap<string, string>;
  /** The file's names that are set aside (see IGNORED). */
  readonly ignored: readonly string[];
}

/** The name without the prefix and with gamma/beta renamed, or undefined when it is set aside. */
export function canonicalTensorName(modelType: ModelType, name: string): string | undefined {
  const prefix = PREFIX[modelType];
  const stripped = name.startsWith(prefix) ? name.slice(prefix.length) : name;
  if (IGNORED[modelType].some((pattern) => pattern.test(stripped) || pattern.test(name))) return undefined;
  return stripped.replace(/\.gamma$/, '.weight').replace(/\.beta$/, '.bias');
}

/** Whether the tensor is one that no forward pass reads (the readers then skip decoding it). */
export const isIgnoredTensorName = (modelType: ModelType, name: string): boolean => canonicalTensorName(modelType, name) === undefined;

/** Every name of the file, mapped. Two names that mean the same tensor are an error. */
export function normalizeTensorNames(modelType: ModelType, names: Iterable<string>): NormalizedNames {
  const canonical = new Map<string, string>();
  const ignored: string[] = [];
  for (const name of names) {
    const mapped = canonicalTensorName(modelType, name);
    if (mapped === undefined) {
      ignored.push(name);
      continue;
    }
    const other = canonical.get(mapped);
    if (other !== undefined) throw new ModelFileError(`the weights hold both "${other}" and "${name}", two names for the tensor ${mapped}`);
    canonical.set(mapped, name);
  }
  return { canonical, ignored };
}

/** The tensors under their canonical names (the ignored ones left out). */
export function canonicalWeights(modelType: ModelType, weights: WeightMap): Map<string, WeightTensor> {
  const { canonical } = normalizeTensorNames(modelType, weights.keys());
  const out = new Map<string, WeightTensor>();
  for (const [name, original] of canonical) out.set(name, weights.get(original)!);
  return out;
}
