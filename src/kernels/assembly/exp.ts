// e^x on four lanes, shared by the softmax of kernels.ts and the blockwise pass of blockwise.ts, so
// both give the same weight for the same score.

/**
 * exp4's constants, each splatted to four lanes, read from this table rather than written as
 * f32x4.splat(constant): V8 13 (Node 24, which runs code-server's extension host) builds such a
 * constant afresh at every use inside a loop, 3 instructions each, 30 a step of the softmax, which
 * then took 1.6× as long; a load is one instruction. V8 11 (Node 20) kept them in registers.
 */
const EXP_CONSTANTS: usize = memory.data<f32>([
  -87.33654, -87.33654, -87.33654, -87.33654,
  12583039.0, 12583039.0, 12583039.0, 12583039.0,
  1.44269504088896341, 1.44269504088896341, 1.44269504088896341, 1.44269504088896341,
  0.693359375, 0.693359375, 0.693359375, 0.693359375,
  -2.12194440e-4, -2.12194440e-4, -2.12194440e-4, -2.12194440e-4,
  0.499992311000824, 0.499992311000824, 0.499992311000824, 0.499992311000824,
  0.16667114198207855, 0.16667114198207855, 0.16667114198207855, 0.16667114198207855,
  0.041890110820531845, 0.041890110820531845, 0.041890110820531845, 0.041890110820531845,
  0.008312509395182133, 0.008312509395182133, 0.008312509395182133, 0.008312509395182133,
  1, 1, 1, 1,
], 16);
const UNDERFLOW = 0;
const MAGIC = 16;
const LOG2E = 32;
const LN2_HI = 48;
const LN2_LO = 64;
const C0 = 80;
const C1 = 96;
const C2 = 112;
const C3 = 128;
const ONE = 144;

/** Constant `offset` of EXP_CONSTANTS, four lanes. */
// @ts-ignore: decorator (AssemblyScript inlines it; TypeScript allows decorators on classes only)
@inline function constant(offset: usize): v128 {
  return v128.load(EXP_CONSTANTS + offset);
}

/**
 * e^x on four lanes for x ≤ 0 (softmax's shifted scores), within 2.3 ulp of Math.exp over
 * [−87.3, 0] (test/unit/kernels.test.ts holds it to 3): x = n·ln 2 + r with |r| ≤ ln 2 / 2 (ln 2
 * in two parts, so n·ln 2 is exact), e^r = 1 + r + r²·p(r) with p of degree 3, and 2^n put
 * straight into the exponent bits. p's float32 coefficients are fitted to e^r's relative error
 * over that range (near-minimax, by reweighted least squares). Degree 5 in all rather than Cephes'
 * expf's 7 (1 ulp): the softmax of a 2,048-token pass takes 26.5 ms instead of 31, and 2 ulp
 * (2.4e-7) is far inside the 1e-5 the kernels are held to. Below −87.3 (e^x would be subnormal)
 * the result is 0, so exp(−∞) is exactly 0, as Math.exp gives. Only instructions that are one x64
 * instruction each: f32x4.min/max (and clamping with them) cost eight, for NaN and −0.
 * p is evaluated in Estrin's form, (c0 + c1·r) + r²·(c2 + c3·r), rather than Horner's: the
 * softmax loop is bound by the latency of this chain (the CPU cannot hold enough iterations in
 * flight to hide it), and Estrin's has half as many dependent steps.
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
  const p01 = f32x4.add(f32x4.mul(constant(C1), r), constant(C0));
  const p23 = f32x4.add(f32x4.mul(constant(C3), r), constant(C2));
  const p = f32x4.add(p01, f32x4.mul(r2, p23));
  const y = f32x4.add(f32x4.add(r, f32x4.mul(r2, p)), constant(ONE));
  // 2^n: shifting t's bits left by 23 leaves exactly (n + 127) << 23, the exponent field of 2^n.
  const pow2n = i32x4.shl(t, 23);
  return v128.andnot(f32x4.mul(y, pow2n), underflow);
}
