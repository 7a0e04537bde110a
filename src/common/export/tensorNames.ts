/**
 * The names of an analysis's intermediates as tensors, the same as the CLI's --json schema
 * (`heads[h].weights` there is `heads.{h}.weights` here), and the `--tensors` pattern matcher.
 */
import type { AttentionResult } from '../attention/attention';
import type { Matrix } from '../attention/matrix';

/** What each head keeps, in the order of the JSON schema. */
export const HEAD_TENSORS = ['wq', 'wk', 'wv', 'q', 'k', 'v', 'scores', 'scaled', 'weights', 'z'] as const;
export type HeadTensor = (typeof HEAD_TENSORS)[number];

/** Every name, in file order: embeddings, heads.0.wq … heads.0.z, heads.1.wq …, wo, concat, output. */
export function tensorNames(heads: number): string[] {
  const names = ['embeddings'];
  for (let h = 0; h < heads; h++) for (const part of HEAD_TENSORS) names.push(`heads.${h}.${part}`);
  names.push('wo', 'concat', 'output');
  return names;
}

/** A tensor of the analysis: its values in row-major order (float64 from the reference, float32 from the kernels), not copied. */
export interface NamedTensor {
  readonly name: string;
  readonly shape: readonly [number, number];
  readonly data: Float64Array | Float32Array;
}

/** The tensors whose size grows with N × N: what a long selection cannot write. */
export const SQUARE_HEAD_TENSORS: readonly HeadTensor[] = ['scores', 'scaled', 'weights'];

export function isSquareTensor(name: string): boolean {
  const [first, , part] = name.split('.');
  return first === 'heads' && SQUARE_HEAD_TENSORS.includes(part as HeadTensor);
}

/**
 * The analysis's intermediates under their names, in `tensorNames` order, optionally only the
 * names `include` accepts. `embeddings` is X (positional encoding already added), as in the JSON.
 */
export function attentionTensors(result: AttentionResult, include: (name: string) => boolean = () => true): NamedTensor[] {
  const tensors: NamedTensor[] = [];
  const add = (name: string, m: Matrix) => {
    if (include(name)) tensors.push({ name, shape: [m.rows, m.cols], data: m.data });
  };
  add('embeddings', result.x);
  result.heads.forEach((head, h) => {
    for (const part of HEAD_TENSORS) add(`heads.${h}.${part}`, head[part]);
  });
  add('wo', result.wo);
  add('concat', result.concat);
  add('output', result.output);
  return tensors;
}

/** A one-line description of the names, for messages: `embeddings, heads.{h}.{wq,…,z}, wo, concat, output`. */
export function describeTensorNames(heads: number): string {
  return `embeddings, heads.{${heads === 1 ? '0' : `0…${heads - 1}`}}.{${HEAD_TENSORS.join(',')}}, wo, concat, output`;
}

export class TensorPatternError extends Error {}

/**
 * Whether `name` matches `pattern`: the same number of dot-separated parts, each equal, where `*`
 * stands for any run of characters within its part (never a dot). `heads.*.weights` matches
 * `heads.3.weights`, not `heads.3.z`; `heads.*` matches nothing (every head tensor has three parts).
 */
export function matchesTensorPattern(pattern: string, name: string): boolean {
  return patternRegExp(pattern).test(name);
}

const regExps = new Map<string, RegExp>();
function patternRegExp(pattern: string): RegExp {
  let re = regExps.get(pattern);
  if (!re) {
    const parts = pattern.split('.').map((part) => part.split('*').map(escapeRegExp).join('[^.]*'));
    re = new RegExp(`^${parts.join('\\.')}$`);
    regExps.set(pattern, re);
  }
  return re;
}

const escapeRegExp = (text: string) => text.replace(/[\\^$.*+?()[\]{}|/]/g, '\\$&');

/** The patterns of a `--tensors` value: comma-separated, blanks around them ignored; none may be empty. */
export function parseTensorList(list: string): string[] {
  const patterns = list.split(',').map((pattern) => pattern.trim());
  if (patterns.some((pattern) => pattern === '')) throw new TensorPatternError(`--tensors has an empty name in "${list}"`);
  return patterns;
}

/**
 * The names (in their order) that match at least one pattern. Throws TensorPatternError naming the
 * first pattern that matches none.
 */
export function selectTensorNames(names: readonly string[], patterns: readonly string[], describe = names.join(', ')): string[] {
  for (const pattern of patterns) {
    if (!names.some((name) => matchesTensorPattern(pattern, name))) {
      throw new TensorPatternError(`--tensors "${pattern}" matches no tensor; the names are ${describe} (* matches within one dot-separated part)`);
    }
  }
  return names.filter((name) => patterns.some((pattern) => matchesTensorPattern(pattern, name)));
}
