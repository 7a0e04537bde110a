/**
 * The compiled kernels (src/kernels/assembly/kernels.ts → WebAssembly, 128-bit SIMD), base64:
 * wasmBinary.js beside this file is written by `npm run build` (scripts/build.mjs) and is not in
 * git. A plain JS module, so esbuild bundles it, and tsx (tests, benchmarks) loads it, as it is.
 */
export declare const wasmBase64: string;
