/** Mean of the heads' flat N × N weights: still a distribution in every row. */
export function averageHeads(weights: readonly ArrayLike<number>[]): number[] {
  const mean = new Array<number>(weights[0]?.length ?? 0).fill(0);
  for (const head of weights) for (let i = 0; i < mean.length; i++) mean[i] += head[i] / weights.length;
  return mean;
}

/**
 * Element-wise maximum of the heads' flat N × N weights: where any head attends strongly. Not a
 * distribution (a row may sum to more than 1); masked cells stay 0, as in every head.
 */
export function maxHeads(weights: readonly ArrayLike<number>[]): number[] {
  const max = new Array<number>(weights[0]?.length ?? 0).fill(weights.length > 0 ? -Infinity : 0);
  for (const head of weights) for (let i = 0; i < max.length; i++) if (head[i] > max[i]) max[i] = head[i];
  return max;
}

/**
 * One cell of averageHeads or maxHeads, with the same arithmetic (so the same number), for a row
 * or a column without combining the whole N × N matrix.
 */
export function combinedHeadsAt(weights: readonly ArrayLike<number>[], head: 'average' | 'maximum', i: number): number {
  let value = head === 'average' ? 0 : weights.length > 0 ? -Infinity : 0;
  for (const matrix of weights) value = head === 'average' ? value + matrix[i] / weights.length : matrix[i] > value ? matrix[i] : value;
  return value;
}
