// e^x on four lanes, shared by the softmax of kernels.ts and the blockwise pass of blockwise.ts, so
// both give the same weight for the same score.

/**
 * exp4's constants, each splatted to four lanes, read from this table rather than written as
 * f32x4.splat(constant): V8 13 (Node 24, which runs code-server's extension host) builds such a
 * constant afresh at every use inside a loop, 3 instructions each, 36 a step of the softmax, which
 * then took 1.6× as long; a load is one instruction. V8 11 (Node 20) kept them in registers.
 */
const EXP_CONSTANTS: usize = memory.data<f32>([
  -87.33654, -87.33654, -87.33654, -87.33654,
  12583039.0, 12583039.0, 12583039.0, 12583039.0,
  1.44269504088896341, 1.44269504088896341, 1.44269504088896341, 1.44269504088896341,
  0.693359375, 0.693359375, 0.693359375, 0.693359375,
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4,
  1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4, 1.9875691500e-4,
  1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3, 1.3981999507e-3,
  8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3, 8.3334519073e-3,
  4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2, 4.1665795894e-2,
  1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1, 1.6666665459e-1,
  5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1, 5.0000001201e-1,
  1, 1, 1, 1,
], 16);
const UNDERFLOW = 0;
const MAGIC = 16;
const LOG2E = 32;
const LN2_HI = 48;
const LN2_LO = 64;
const P0 = 80;
const P1 = 96;
const P2 = 112;
const P3 = 128;
const P4 = 144;
const P5 = 160;
const ONE = 176;

/** Constant `offset` of EXP_CONSTANTS, four lanes. */
// @ts-ignore: decorator (AssemblyScript inlines it; TypeScript allows decorators on classes only)
@inline function constant(offset: usize): v128 {
  return v128.load(EXP_CONSTANTS + offset);
}

/**
 * e^x on four lanes for x ≤ 0 (softmax's shifted scores), to 1 ulp (checked against Math.exp over
 * [−87.3, 0]; Cephes' expf): x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2 in two parts, so n·ln 2 is
 * exact), Cephes' degree-5 polynomial p for e^r = 1 + r + r²·p(r), and 2^n put straight into the
 * exponent bits. Below −87.3 (e^x would be subnormal) the result is 0, so exp(−∞) is exactly 0, as
 * Math.exp gives. Only instructions that are one x64 instruction each: f32x4.min/max (and clamping
 * with them) cost eight, for NaN and −0.
 * p is evaluated in Estrin's form, (c0 + c1·r)·r⁴ + … rather than Horner's, because the softmax
 * loop is bound by the latency of this chain (the CPU cannot hold enough iterations in flight to
 * hide it): Horner's form is 10 dependent steps, this one 5; softmax takes a quarter less time.
 */
// @ts-ignore: decorator (AssemblyScript inlines it; TypeScript allows decorators on classes only)
@inline export function exp4(x: v128): v128 {
  const underflow = f32x4.lt(x, constant(UNDERFLOW));
  // t = round(x / ln 2) + 127 + 1.5·2^23: in t's bits, the low bits of the mantissa are n + 127.
  const magic = constant(MAGIC);
  const t = f32x4.add(f32x4.mul(x, constant(LOG2E)), magic);
  const n = f32x4.sub(t, magic);
  let r = f32x4.sub(x, f32x4.mul(n, constant(LN2_HI)));
  r = f32x4.sub(r, f32x4.mul(n, constant(LN2_LO)));
  const r2 = f32x4.mul(r, r);
  const r4 = f32x4.mul(r2, r2);
  const p01 = f32x4.add(f32x4.mul(constant(P0), r), constant(P1));
  const p23 = f32x4.add(f32x4.mul(constant(P2), r), constant(P3));
  const p45 = f32x4.add(f32x4.mul(constant(P4), r), constant(P5));
  // r²·p(r) + r, then + 1 last, as Cephes adds them, for the 1 ulp.
  const high = f32x4.mul(f32x4.add(f32x4.mul(p01, r2), p23), r4);
  const low = f32x4.add(f32x4.mul(p45, r2), r);
  const y = f32x4.add(f32x4.add(high, low), constant(ONE));
  // 2^n: shifting t's bits left by 23 leaves exactly (n + 127) << 23, the exponent field of 2^n.
  const pow2n = i32x4.shl(t, 23);
  return v128.andnot(f32x4.mul(y, pow2n), underflow);
}
