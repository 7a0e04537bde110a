/**
 * What bounds the kernels' speed on this machine, measured in the same run as the passes: the
 * float32 arithmetic that 128-bit WebAssembly SIMD can do a second in this JavaScript engine, and
 * the arithmetic of the products of one attention pass.
 */

/**
 * Six independent chains of 4-lane multiply and add (WebAssembly has no fused multiply-add): the
 * most a core does with f32x4, bound by its multiply and add pipes, not by latency or memory.
 * Six keeps every chain's multiplicand in a register in both V8s.
 */
const MUL_ADD_LOOP = `
export function mulAdd(iterations: i32, x: f32): f32 {
  const t = f32x4.splat(x);
  const s0 = f32x4.splat(x * 2), s1 = f32x4.splat(x * 3), s2 = f32x4.splat(x * 4);
  const s3 = f32x4.splat(x * 5), s4 = f32x4.splat(x * 6), s5 = f32x4.splat(x * 7);
  let c0 = f32x4.splat(0), c1 = c0, c2 = c0, c3 = c0, c4 = c0, c5 = c0;
  for (let i = 0; i < iterations; i++) {
    c0 = f32x4.add(c0, f32x4.mul(s0, t)); c1 = f32x4.add(c1, f32x4.mul(s1, t));
    c2 = f32x4.add(c2, f32x4.mul(s2, t)); c3 = f32x4.add(c3, f32x4.mul(s3, t));
    c4 = f32x4.add(c4, f32x4.mul(s4, t)); c5 = f32x4.add(c5, f32x4.mul(s5, t));
  }
  return f32x4.extract_lane(f32x4.add(f32x4.add(f32x4.add(c0, c1), f32x4.add(c2, c3)), f32x4.add(c4, c5)), 0);
}`;
const FLOPS_PER_ITERATION = 6 * 2 * 4;

/** GFLOP/s of MUL_ADD_LOOP in this engine: the best of 5 timings of 0.5 G flops (about 10 ms each). */
export async function wasmMulAddGflops(): Promise<number> {
  // Imported by a name held in a variable: asc's type declarations bring AssemblyScript's own
  // globals (its console among them), which would replace Node's in the type-check of every file.
  const compiler = 'assemblyscript/asc';
  const { default: asc } = (await import(compiler)) as { default: AssemblyScriptCompiler };
  const { error, binary, stderr } = await asc.compileString(MUL_ADD_LOOP, { optimizeLevel: 3, runtime: 'stub', enable: ['simd'] });
  if (error || !binary) throw new Error(`AssemblyScript failed to compile the multiply-add loop:\n${stderr.toString()}`);
  const wasm = (globalThis as unknown as { WebAssembly: WebAssemblyApi }).WebAssembly;
  const { instance } = await wasm.instantiate(binary);
  const mulAdd = instance.exports.mulAdd as (iterations: number, x: number) => number;
  // V8 replaces a function's baseline code with optimised code on a later call, once compiled.
  for (let i = 0; i < 3; i++) mulAdd(1e6, 1e-3);
  const iterations = Math.round(5e8 / FLOPS_PER_ITERATION);
  let best = Infinity;
  for (let i = 0; i < 5; i++) {
    const started = performance.now();
    mulAdd(iterations, 1e-9);
    best = Math.min(best, performance.now() - started);
  }
  return (iterations * FLOPS_PER_ITERATION) / best / 1e6;
}

/** The part of asc's API used here. */
interface AssemblyScriptCompiler {
  compileString(source: string, options: object): Promise<{ error: Error | null; binary: Uint8Array | null; stderr: { toString(): string } }>;
}

/** The part of the WebAssembly global used here (the root tsconfig's libs do not declare it). */
interface WebAssemblyApi {
  instantiate(bytes: Uint8Array): Promise<{ instance: { readonly exports: Record<string, unknown> } }>;
}

/**
 * Flops of the attention pass's products: X·[Wq|Wk|Wv], Q·Kᵀ and weights·V per head, concat(Z)·Wo.
 * Under the causal mask a query meets only the keys up to its own: N(N+1)/2 pairs, not N².
 */
export function passProductFlops(n: number, dModel: number, causal: boolean): number {
  const pairs = causal ? (n * (n + 1)) / 2 : n * n;
  return 2 * n * dModel * 3 * dModel + 2 * 2 * pairs * dModel + 2 * n * dModel * dModel;
}
