/** Mean of the heads' flat N × N weights: still a distribution in every row. */
export function averageHeads(weights: readonly (readonly number[])[]): number[] {
  const mean = new Array<number>(weights[0]?.length ?? 0).fill(0);
  for (const head of weights) for (let i = 0; i < mean.length; i++) mean[i] += head[i] / weights.length;
  return mean;
}
