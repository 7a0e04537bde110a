import type { AddedToken } from './addedTokens';
import { pairKey, type MergeTable } from './bpe';
import { TokenizerError } from './types';

/**
 * Reading the tokenizer files, each check failing with a TokenizerError that names the file and
 * what is wrong, so that a user can tell a truncated download from the wrong kind of model.
 */

export type JsonObject = Record<string, unknown>;

export function parseJsonObject(file: string, text: string): JsonObject {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch (error) {
    throw new TokenizerError(`is not valid JSON (${error instanceof Error ? error.message : String(error)})`, file);
  }
  if (!isObject(value)) throw new TokenizerError('should hold a JSON object', file);
  return value;
}

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A field that must be absent or null (→ `fallback`) or of the fallback's type. */
export function field<T extends boolean | number | string>(file: string, object: JsonObject, key: string, fallback: T, where = ''): T {
  const value = object[key];
  if (value === undefined || value === null) return fallback;
  if (typeof value !== typeof fallback) throw new TokenizerError(`${where}"${key}" should be a ${typeof fallback}, not ${JSON.stringify(value)}`, file);
  return value as T;
}

/** `{ "token": id, … }` as in vocab.json and tokenizer.json's model.vocab; ids must be whole numbers ≥ 0. */
export function parseVocabObject(file: string, value: unknown, where: string): Map<string, number> {
  if (!isObject(value)) throw new TokenizerError(`${where} should be an object of token → id`, file);
  const vocab = new Map<string, number>();
  for (const [token, id] of Object.entries(value)) {
    if (typeof id !== 'number' || !Number.isInteger(id) || id < 0 || id >= 0x4000000) {
      throw new TokenizerError(`${where}: the id of "${token}" should be a whole number from 0, not ${JSON.stringify(id)}`, file);
    }
    vocab.set(token, id);
  }
  if (!vocab.size) throw new TokenizerError(`${where} is empty`, file);
  return vocab;
}

/**
 * vocab.txt: one token a line, id = line number (models/wordpiece `read_file`: lines without
 * their CR LF or LF, trailing whitespace trimmed; a repeated token keeps its last line).
 */
export function parseVocabTxt(text: string): Map<string, number> {
  const lines = splitLines(text);
  const vocab = new Map<string, number>();
  lines.forEach((line, index) => vocab.set(line.replace(/\p{White_Space}+$/u, ''), index));
  if (!lines.length) throw new TokenizerError('is empty', 'vocab.txt');
  return vocab;
}

/**
 * merges.txt: "a b" a line, rank = order; `#version` lines skipped (models/bpe
 * `convert_merges_to_hashmap`). Blank lines are skipped too, where tokenizers would refuse the
 * file: only the order of the merges matters, so the ids are the same.
 */
export function parseMergesTxt(text: string): [string, string][] {
  const merges: [string, string][] = [];
  splitLines(text).forEach((line, index) => {
    if (line.startsWith('#version') || line === '') return;
    const parts = line.split(' ');
    if (parts.length !== 2) throw new TokenizerError(`line ${index + 1} should be two tokens separated by one space, not ${JSON.stringify(line)}`, 'merges.txt');
    merges.push([parts[0], parts[1]]);
  });
  return merges;
}

/** tokenizer.json's model.merges: "a b" strings (older files) or ["a", "b"] pairs (newer). */
export function parseMergesJson(file: string, value: unknown): [string, string][] {
  if (!Array.isArray(value)) throw new TokenizerError('model.merges should be a list', file);
  return value.map((merge, index): [string, string] => {
    if (typeof merge === 'string') {
      const parts = merge.split(' ');
      if (parts.length === 2) return [parts[0], parts[1]];
    } else if (Array.isArray(merge) && merge.length === 2 && typeof merge[0] === 'string' && typeof merge[1] === 'string') {
      return [merge[0], merge[1]];
    }
    throw new TokenizerError(`model.merges[${index}] should be "a b" or ["a", "b"], not ${JSON.stringify(merge)}`, file);
  });
}

/** The merges by id, as the BPE builder makes them; a merge of or into a token missing from the vocabulary is an error there too. */
export function buildMergeTable(file: string, vocab: ReadonlyMap<string, number>, merges: readonly [string, string][]): MergeTable {
  const table = new Map<number, { rank: number; newId: number }>();
  merges.forEach(([a, b], rank) => {
    const aId = vocab.get(a);
    const bId = vocab.get(b);
    const newId = vocab.get(a + b);
    const missing = aId === undefined ? a : bId === undefined ? b : newId === undefined ? a + b : undefined;
    if (missing !== undefined) throw new TokenizerError(`merge ${rank + 1} ("${a} ${b}") needs "${missing}", which is not in the vocabulary`, file);
    table.set(pairKey(aId as number, bId as number), { rank, newId: newId as number });
  });
  return table;
}

/** Lines as Rust's `BufRead::lines` gives them: split on LF, a CR before it dropped, no empty last line for a final newline. */
function splitLines(text: string): string[] {
  if (!text) return [];
  const lines = text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));
  if (text.endsWith('\n')) lines.pop();
  return lines;
}

/** An `added_tokens` entry of tokenizer.json, or an `added_tokens_decoder` value of tokenizer_config.json (whose id is its key). */
export function parseAddedToken(file: string, value: unknown, where: string, id?: number): AddedToken {
  if (!isObject(value)) throw new TokenizerError(`${where} should be an object`, file);
  const content = value.content;
  const tokenId = id ?? value.id;
  if (typeof content !== 'string' || typeof tokenId !== 'number' || !Number.isInteger(tokenId) || tokenId < 0) {
    throw new TokenizerError(`${where} should have a "content" string and a whole-number "id"`, file);
  }
  const special = field<boolean>(file, value, 'special', false, `${where}: `);
  return {
    id: tokenId,
    content,
    special,
    // AddedToken's default: special tokens are matched as typed, others after normalization.
    normalized: field<boolean>(file, value, 'normalized', !special, `${where}: `),
    lstrip: field<boolean>(file, value, 'lstrip', false, `${where}: `),
    rstrip: field<boolean>(file, value, 'rstrip', false, `${where}: `),
    singleWord: field<boolean>(file, value, 'single_word', false, `${where}: `),
  };
}

/** A special token setting of tokenizer_config.json: a string, or an AddedToken object with its `content`. */
export function configToken(config: JsonObject, key: string, fallback: string): string {
  const value = config[key];
  if (typeof value === 'string') return value;
  if (isObject(value) && typeof value.content === 'string') return value.content;
  return fallback;
}
