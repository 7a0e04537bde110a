import { codeUnitsAt } from './alignedText';
import { TokenizerError, type ModelPiece } from './types';

/** A merge (left id, right id) → its rank (its line in the merges) and the id of the merged token. */
export type MergeTable = ReadonlyMap<number, { readonly rank: number; readonly newId: number }>;

/** The key of a pair of ids in a MergeTable: ids are below 2^26 (67 M), so the key stays an exact double. */
export function pairKey(left: number, right: number): number {
  return left * 0x4000000 + right;
}

export interface BpeOptions {
  readonly vocab: ReadonlyMap<string, number>;
  readonly merges: MergeTable;
  readonly unkToken: string | null;
  readonly fuseUnk: boolean;
  /** Take a word found whole in the vocabulary as it is, without merging (tokenizers' ignore_merges; GPT-2: false). */
  readonly ignoreMerges: boolean;
}

/** Words remembered per model, as tokenizers' BPE cache (same capacity); cleared when full rather than evicting one by one. */
const CACHE_CAPACITY = 10_000;

/**
 * The BPE model (models/bpe/model.rs and word.rs): the word starts as one symbol per character;
 * the pair with the lowest merge rank is merged, the leftmost first among equal ranks, until no
 * adjacent pair has a merge. A priority queue keeps that near-linear for long words (GPT-2's
 * pattern makes a whole line of Chinese one word).
 */
export class Bpe {
  private readonly cache = new Map<string, ModelPiece[]>();
  private readonly idToToken: string[] = [];

  constructor(private readonly options: BpeOptions) {
    for (const [token, id] of options.vocab) this.idToToken[id] = token;
  }

  tokenize(word: string): ModelPiece[] {
    if (!word) return [];
    const cached = this.cache.get(word);
    if (cached) return cached;
    const pieces = this.tokenizeUncached(word);
    if (this.cache.size >= CACHE_CAPACITY) this.cache.clear();
    this.cache.set(word, pieces);
    return pieces;
  }

  private tokenizeUncached(word: string): ModelPiece[] {
    const { vocab } = this.options;
    if (this.options.ignoreMerges) {
      const id = vocab.get(word);
      if (id !== undefined) return [{ id, value: word, from: 0, to: word.length }];
    }
    const symbols = this.initialSymbols(word);
    this.mergeAll(symbols);
    const pieces: ModelPiece[] = [];
    for (const s of symbols) if (s.len > 0) pieces.push({ id: s.id, value: this.idToToken[s.id] ?? '', from: s.from, to: s.from + s.len });
    return pieces;
  }

  /** merge_word: one symbol per character; a character missing from the vocabulary is [UNK] (fused with its unknown neighbours if fuse_unk) or, with no unk token, dropped. */
  private initialSymbols(word: string): MutableSymbol[] {
    const { vocab, unkToken, fuseUnk } = this.options;
    const symbols: MutableSymbol[] = [];
    let unk: MutableSymbol | undefined;
    for (let i = 0; i < word.length; ) {
      const width = codeUnitsAt(word, i, word.length);
      const id = vocab.get(word.slice(i, i + width));
      if (id !== undefined) {
        if (unk) symbols.push(unk);
        unk = undefined;
        symbols.push({ id, from: i, len: width, prev: -1, next: -1 });
      } else if (unkToken !== null) {
        const unkId = vocab.get(unkToken);
        if (unkId === undefined) throw new TokenizerError(`the unknown token "${unkToken}" is not in the vocabulary`);
        if (unk && fuseUnk) unk.len += width;
        else {
          if (unk) symbols.push(unk);
          unk = { id: unkId, from: i, len: width, prev: -1, next: -1 };
        }
      }
      i += width;
    }
    if (unk) symbols.push(unk);
    symbols.forEach((s, k) => {
      s.prev = k - 1;
      s.next = k + 1 < symbols.length ? k + 1 : -1;
    });
    return symbols;
  }

  /** word.rs merge_all without dropout: a min-queue on (rank, position); stale entries are skipped when popped. */
  private mergeAll(symbols: MutableSymbol[]): void {
    const { merges } = this.options;
    const queue = new MergeQueue();
    for (let k = 0; k + 1 < symbols.length; k++) {
      const m = merges.get(pairKey(symbols[k].id, symbols[k + 1].id));
      if (m) queue.push({ pos: k, rank: m.rank, newId: m.newId });
    }
    for (let top = queue.pop(); top; top = queue.pop()) {
      const left = symbols[top.pos];
      if (left.len === 0 || left.next === -1) continue;
      const right = symbols[left.next];
      // The pair may have changed since the entry was queued: merge only if it still makes this token.
      if (merges.get(pairKey(left.id, right.id))?.newId !== top.newId) continue;
      left.id = top.newId;
      left.len += right.len;
      left.next = right.next;
      right.len = 0;
      if (right.next !== -1) symbols[right.next].prev = top.pos;
      if (left.prev !== -1) {
        const m = merges.get(pairKey(symbols[left.prev].id, left.id));
        if (m) queue.push({ pos: left.prev, rank: m.rank, newId: m.newId });
      }
      if (left.next !== -1) {
        const m = merges.get(pairKey(left.id, symbols[left.next].id));
        if (m) queue.push({ pos: top.pos, rank: m.rank, newId: m.newId });
      }
    }
  }
}

interface MutableSymbol {
  id: number;
  /** Start in the word, in UTF-16 units, and length (0 once merged into its left neighbour). */
  from: number;
  len: number;
  prev: number;
  next: number;
}

interface QueuedMerge {
  readonly pos: number;
  readonly rank: number;
  readonly newId: number;
}

/** A binary min-heap ordered by rank, then position (word.rs's Merge ordering). */
class MergeQueue {
  private readonly items: QueuedMerge[] = [];

  push(item: QueuedMerge): void {
    const a = this.items;
    a.push(item);
    for (let i = a.length - 1; i > 0; ) {
      const parent = (i - 1) >> 1;
      if (!before(a[i], a[parent])) break;
      [a[i], a[parent]] = [a[parent], a[i]];
      i = parent;
    }
  }

  pop(): QueuedMerge | undefined {
    const a = this.items;
    const top = a[0];
    const last = a.pop();
    if (a.length && last) {
      a[0] = last;
      for (let i = 0; ; ) {
        const l = 2 * i + 1;
        const r = l + 1;
        let min = i;
        if (l < a.length && before(a[l], a[min])) min = l;
        if (r < a.length && before(a[r], a[min])) min = r;
        if (min === i) break;
        [a[i], a[min]] = [a[min], a[i]];
        i = min;
      }
    }
    return top;
  }
}

function before(x: QueuedMerge, y: QueuedMerge): boolean {
  return x.rank !== y.rank ? x.rank < y.rank : x.pos < y.pos;
}
