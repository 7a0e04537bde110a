/**
 * The benchmark's targets timed pass by pass (`npm run bench -- --paired`). On this 2-core VM the
 * speed drifts by up to ±30 % over minutes, and the main benchmark times each implementation's
 * passes one after another, so two rows can land on different minutes. Here each round times one
 * pass of every implementation, in an order shuffled from round to round, and each round's ratio
 * compares passes taken within a few seconds of each other. The other Node and numpy serve their
 * passes from processes of their own, a line on stdin asking for one pass and a line on stdout
 * answering with its milliseconds.
 */
import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';

/** One pass, resolving to its milliseconds. */
export type TimedPass = () => Promise<number>;

/** Serves `passes` on stdin and stdout: "ready" first, then for each line naming a pass, its milliseconds. */
export async function servePasses(passes: Readonly<Record<string, TimedPass>>): Promise<void> {
  process.stdout.write('ready\n');
  for await (const line of createInterface({ input: process.stdin })) {
    const pass = passes[line.trim()];
    process.stdout.write(`${pass ? await pass() : 'unknown pass'}\n`);
  }
}

export interface PassServer {
  pass(name: string): Promise<number>;
  close(): void;
}

/** Starts a process that serves passes (servePasses, or attention_numpy.py --serve) and waits for its "ready". */
export async function startPassServer(command: string, args: readonly string[], env: NodeJS.ProcessEnv = process.env): Promise<PassServer> {
  const child = spawn(command, args, { env, stdio: ['pipe', 'pipe', 'inherit'] });
  const lines = createInterface({ input: child.stdout })[Symbol.asyncIterator]();
  const next = async (): Promise<string> => {
    const { value, done } = await lines.next();
    if (done) throw new Error(`${command} ${args.join(' ')} stopped`);
    return value as string;
  };
  const greeting = await next();
  if (greeting !== 'ready') throw new Error(`${command} ${args.join(' ')} said "${greeting}", not "ready"`);
  return {
    async pass(name) {
      child.stdin.write(`${name}\n`);
      const answer = await next();
      const ms = Number(answer);
      if (!Number.isFinite(ms)) throw new Error(`asked for pass "${name}", ${command} answered "${answer}"`);
      return ms;
    },
    close: () => child.stdin.end(),
  };
}

/**
 * `rounds` rounds of one timed pass of each implementation, each round in an order of its own
 * (roundOrder), so that none always comes first or after the same one. Each timed pass comes right
 * after an untimed one of the same implementation, as in a run of passes: numpy's pass right after
 * another process's took 40 % longer than one after its own (it asks for huge pages for its arrays;
 * with NUMPY_MADVISE_HUGEPAGE=0 its passes took the same time wherever they came).
 * Returns the milliseconds as times[round][implementation].
 */
export async function pairedRounds(passes: readonly TimedPass[], rounds: number): Promise<number[][]> {
  const times: number[][] = [];
  for (let r = 0; r < rounds; r++) {
    const row = new Array<number>(passes.length);
    for (const i of roundOrder(r, passes.length)) {
      await passes[i]();
      row[i] = await passes[i]();
    }
    times.push(row);
  }
  return times;
}

/** The order of round r: a shuffle of 0 … count − 1 (Fisher–Yates) seeded by r, the same on every run. */
export function roundOrder(round: number, count: number): number[] {
  const order = Array.from({ length: count }, (_, i) => i);
  let state = (round + 1) * 2654435761;
  const random = () => ((state = (Math.imul(state, 1103515245) + 12345) >>> 0) / 2 ** 32);
  for (let i = count - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

/** The median of `values` (the mean of the middle two for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

/** Each round's ratio a / b, their median, and in how many rounds it was at most `limit`. */
export function roundRatios(times: readonly number[][], a: number, b: number, limit: number): { median: number; met: number; rounds: number; ratios: number[] } {
  const ratios = times.map((row) => row[a] / row[b]);
  return { median: median(ratios), met: ratios.filter((ratio) => ratio <= limit).length, rounds: ratios.length, ratios };
}
