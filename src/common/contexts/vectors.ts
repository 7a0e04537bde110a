/** The arithmetic of Compare Contexts: means of rows, cosine similarity and its table. */

/** The mean of rows `rows` of a row-major matrix `cols` wide, in float64. */
export function meanRows(data: ArrayLike<number>, cols: number, rows: readonly number[]): number[] {
  const mean = new Array<number>(cols).fill(0);
  for (const r of rows) for (let j = 0; j < cols; j++) mean[j] += data[r * cols + j];
  return mean.map((value) => value / rows.length);
}

/** cos θ = a·b / (|a| |b|); null when either vector is zero (no direction) or they differ in length. */
export function cosine(a: ArrayLike<number>, b: ArrayLike<number>): number | null {
  if (a.length !== b.length || a.length === 0) return null;
  let dot = 0;
  let aa = 0;
  let bb = 0;
  for (let i = 0; i < a.length; i++) {
    dot += a[i] * b[i];
    aa += a[i] * a[i];
    bb += b[i] * b[i];
  }
  if (aa === 0 || bb === 0) return null;
  // Rounding can take the same vector a hair past 1; a cosine is never outside [-1, 1].
  return Math.max(-1, Math.min(1, dot / Math.sqrt(aa * bb)));
}

/** Every pair's cosine (symmetric, 1 on the diagonal for any nonzero vector); null for a missing vector. */
export function cosineTable(vectors: readonly (ArrayLike<number> | undefined)[]): (number | null)[][] {
  return vectors.map((a, i) => vectors.map((b, j) => {
    if (!a || !b) return null;
    return i === j ? (cosine(a, a) === null ? null : 1) : cosine(a, b);
  }));
}
