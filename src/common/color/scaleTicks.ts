/** The colour scale's ticks (0, half the largest weight, the largest), as the legend and the exported SVG print them. */
export function scaleTicks(max: number): readonly [number, number, number] {
  return [0, max / 2, max];
}

/** Enough digits to tell ticks apart whether the largest weight is 0.9 or 0.004. */
export function formatTick(value: number): string {
  if (value === 0) return '0';
  return value >= 0.1 ? value.toFixed(2) : value.toPrecision(2);
}
