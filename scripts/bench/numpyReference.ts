/** What both benchmarks share with their numpy references: running a script on BLAS threads, and comparing outputs. */
import { spawnSync } from 'node:child_process';

/** Whether python3 with numpy is there to compare with. */
export function numpyAvailable(): boolean {
  return spawnSync('python3', ['-c', 'import numpy'], { stdio: 'ignore' }).status === 0;
}

/** The path of the script `name` beside this file. */
export const numpyScript = (name: string): string => new URL(`./${name}`, import.meta.url).pathname;

/**
 * This process's environment with BLAS on `threads` threads and OpenBLAS choosing its kernels for
 * the CPU. Some machines set OPENBLAS_CORETYPE (with OPENBLAS_L2_SIZE) because old OpenBLAS builds
 * misbehave on their processor; a current numpy's OpenBLAS then runs kernels for an older CPU (here
 * Haswell's AVX2 instead of SkylakeX's AVX-512, half as fast) and the comparison would flatter us.
 * Both are dropped for the reference only; its output is checked against ours, so a wrong result shows.
 */
export function blasThreads(threads: number): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env, OPENBLAS_NUM_THREADS: String(threads), OMP_NUM_THREADS: String(threads) };
  delete env.OPENBLAS_CORETYPE;
  delete env.OPENBLAS_L2_SIZE;
  return env;
}

/** `python3 <name> args…` beside this file, on `threads` BLAS threads; its stdout parsed as JSON. */
export function runNumpyScript<T>(name: string, args: readonly string[], threads: number): T {
  const result = spawnSync('python3', [numpyScript(name), ...args], { env: blasThreads(threads), encoding: 'utf8', maxBuffer: 1 << 24 });
  if (result.status !== 0) throw new Error(`${name} failed: ${result.stderr}`);
  return JSON.parse(result.stdout) as T;
}

/** Largest |a − b| over the largest |b|. */
export function relativeDifference(a: Float32Array, b: Float32Array): number {
  let diff = 0;
  let scale = 0;
  for (let i = 0; i < a.length; i++) {
    diff = Math.max(diff, Math.abs(a[i] - b[i]));
    scale = Math.max(scale, Math.abs(b[i]));
  }
  return diff / scale;
}
