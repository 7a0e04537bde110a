/**
 * The steps of the heads of the analysis on screen, asked of the host when first needed and kept
 * for the last few heads looked at (each holds three N × N matrices). A reply for an older
 * analysis, or one that does not fit the analysis shown, is dropped.
 */
import type { StepsData } from '../../../src/common/attention/steps';
import { parseStepsData } from '../../../src/common/protocol/stepsData';

const KEPT_HEADS = 3;

export type StepsListener = (head: number, result: { data: StepsData } | { error: string }) => void;

export class StepsCache {
  private readonly kept = new Map<number, StepsData>();
  private readonly asked = new Set<number>();
  private readonly listeners = new Set<StepsListener>();

  constructor(
    readonly analysisId: number,
    private readonly n: number,
    private readonly heads: number,
    private readonly ask: (head: number) => void,
  ) {}

  /** The head's steps if kept; otherwise asks for them and returns undefined (listeners hear the reply). */
  get(head: number): StepsData | undefined {
    const data = this.kept.get(head);
    if (data) return data;
    if (!this.asked.has(head)) {
      this.asked.add(head);
      this.ask(head);
    }
    return undefined;
  }

  listen(listener: StepsListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** A `steps` message for this analysis; false when its data is not valid for it. */
  receive(raw: unknown): boolean {
    const data = parseStepsData(raw, this.n, this.heads);
    if (!data) return false;
    const head = data.head.head;
    this.asked.delete(head);
    this.kept.delete(head);
    this.kept.set(head, data);
    while (this.kept.size > KEPT_HEADS) this.kept.delete(this.kept.keys().next().value!);
    for (const listener of this.listeners) listener(head, { data });
    return true;
  }

  fail(message: string): void {
    const heads = [...this.asked];
    this.asked.clear();
    for (const head of heads) for (const listener of this.listeners) listener(head, { error: message });
  }
}
