/**
 * The CPU the benchmark ran on, precisely enough to compare runs: a VM reports its model only as,
 * say, "AMD EPYC", while a Zen 1 and a Zen 5 behind that name differ 2–5× in these figures, and in
 * how numpy's AVX-512 or AVX2 kernels compare with WebAssembly's 128-bit SIMD.
 */
import { readFileSync } from 'node:fs';
import { cpus } from 'node:os';

export interface MachineCpu {
  cpus: number;
  cpu: string;
  /** From /proc/cpuinfo, where there is one: "family 23, model 1". */
  cpuId?: string;
  /** Which of the vector extensions that bound the products the CPU has. */
  vectorIsa?: string[];
}

const VECTOR_FLAGS = ['avx2', 'fma', 'avx512f'];

export function machineCpu(): MachineCpu {
  const info = { cpus: cpus().length, cpu: cpus()[0]?.model ?? 'unknown' };
  let text: string;
  try {
    text = readFileSync('/proc/cpuinfo', 'utf8');
  } catch {
    return info; // not Linux
  }
  const field = (name: string): string | undefined => new RegExp(`^${name}\\s*:\\s*(.*)$`, 'm').exec(text)?.[1]?.trim();
  const family = field('cpu family');
  const model = field('model');
  const flags = new Set((field('flags') ?? '').split(/\s+/));
  return {
    ...info,
    ...(family && model ? { cpuId: `family ${family}, model ${model}` } : {}),
    vectorIsa: VECTOR_FLAGS.filter((flag) => flags.has(flag)),
  };
}

/** "2 × AMD EPYC (family 23, model 1; avx2 fma)", for the printed tables. */
export function describeCpu(machine: MachineCpu): string {
  const details = [machine.cpuId, machine.vectorIsa?.join(' ') || undefined].filter(Boolean).join('; ');
  return `${machine.cpus} × ${machine.cpu}${details ? ` (${details})` : ''}`;
}
