/**
 * How long the extension host's event loop waited past a 10 ms timer while something ran, and how
 * much of that wait its own thread spent computing. On this 2-core VM the thread also waits for a
 * core (both workers compute) and the whole VM stalls now and then, with the thread idle: a CPU
 * profile of such waits had no sample of ours in them. The thread's CPU time (Node 23.9 and
 * later: code-server's host; not in a web worker host) tells the two apart: a wait is blocked by
 * the host's own work for at most the CPU time the thread used meanwhile.
 */

/** The longest wait, and the longest part of any wait that the thread spent computing (undefined where unmeasured). */
export interface EventLoopLag {
  readonly lagMs: number;
  readonly busyMs?: number;
  /** Every wait over 20 ms: when (ms after the start), how long, and the CPU time used in it. */
  readonly spikes: string;
}

type ThreadCpu = () => { user: number; system: number };

export async function measureEventLoopLag<T>(body: () => Promise<T>): Promise<{ result: T } & EventLoopLag> {
  const threadCpu = (process as { threadCpuUsage?: ThreadCpu }).threadCpuUsage?.bind(process);
  const cpuMs = () => {
    const usage = threadCpu?.();
    return usage ? (usage.user + usage.system) / 1000 : undefined;
  };
  const started = performance.now();
  let expected = started + 10;
  let lastCpu = cpuMs();
  let lagMs = 0;
  let busyMs: number | undefined = lastCpu === undefined ? undefined : 0;
  const spikes: string[] = [];
  const timer = setInterval(() => {
    const now = performance.now();
    const cpu = cpuMs();
    const lag = now - expected;
    const used = cpu !== undefined && lastCpu !== undefined ? cpu - lastCpu : undefined;
    lagMs = Math.max(lagMs, lag);
    if (used !== undefined) busyMs = Math.max(busyMs ?? 0, Math.min(lag, used));
    if (lag > 20) spikes.push(`${(expected - started).toFixed(0)}+${lag.toFixed(0)}${used === undefined ? '' : ` (cpu ${used.toFixed(0)})`}`);
    expected = now + 10;
    lastCpu = cpu;
  }, 10);
  try {
    const result = await body();
    return { result, lagMs, busyMs, spikes: spikes.join(', ') };
  } finally {
    clearInterval(timer);
  }
}

/** One line for the log: the longest wait, and how much of the longest was the thread's own work. */
export function describeLag({ lagMs, busyMs, spikes }: EventLoopLag): string {
  const busy = busyMs === undefined ? '' : `; at most ${busyMs.toFixed(1)} ms of a wait was the host's own work (its thread's CPU time)`;
  return `the host's event loop lagged at most ${lagMs.toFixed(1)} ms${busy}; waits over 20 ms: ${spikes || 'none'}`;
}
