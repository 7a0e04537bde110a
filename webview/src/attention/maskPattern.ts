/** The hatching of masked (causal) cells: visibly "no value", not a weight of 0 on the scale. */
export function maskedPattern(line: string, background: string): HTMLCanvasElement {
  const dpr = devicePixelRatio || 1;
  const size = Math.max(6, Math.round(6 * dpr));
  const tile = document.createElement('canvas');
  tile.width = size;
  tile.height = size;
  const ctx = tile.getContext('2d')!;
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, size, size);
  ctx.strokeStyle = line;
  ctx.globalAlpha = 0.45;
  ctx.lineWidth = Math.max(1, dpr * 0.75);
  // Two strokes so the diagonal continues across tile edges.
  ctx.beginPath();
  ctx.moveTo(0, size);
  ctx.lineTo(size, 0);
  ctx.moveTo(-size / 2, size / 2);
  ctx.lineTo(size / 2, -size / 2);
  ctx.moveTo(size / 2, size * 1.5);
  ctx.lineTo(size * 1.5, size / 2);
  ctx.stroke();
  return tile;
}
