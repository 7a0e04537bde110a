import { fromTokenizerJson, type LoadOptions } from './fromTokenizerJson';
import { bertFromVocabTxt, gpt2FromVocabJson } from './fromLegacyFiles';
import { TokenizerError, type ModelTokenizer } from './types';

/** The tokenizer files of a Hugging Face model folder, as text; any may be missing. */
export interface TokenizerFiles {
  readonly 'tokenizer.json'?: string;
  readonly 'vocab.txt'?: string;
  readonly 'tokenizer_config.json'?: string;
  readonly 'vocab.json'?: string;
  readonly 'merges.txt'?: string;
}

/**
 * The tokenizer of a BERT or GPT-2 folder. tokenizer.json wins when there is one, as it does for
 * transformers' fast tokenizers (it is the complete description; the other files are what it was
 * made from); otherwise vocab.txt (+ tokenizer_config.json) for BERT, vocab.json + merges.txt
 * for GPT-2. A missing or malformed file is a TokenizerError that names it.
 */
export function loadTokenizer(files: TokenizerFiles, modelType: 'bert' | 'gpt2', options: LoadOptions = {}): ModelTokenizer {
  const json = files['tokenizer.json'];
  if (json !== undefined) return fromTokenizerJson(json, modelType, options);
  const config = files['tokenizer_config.json'];
  if (modelType === 'bert') {
    const vocab = files['vocab.txt'];
    if (vocab === undefined) throw new TokenizerError('A BERT model needs tokenizer.json or vocab.txt: neither was found.', 'vocab.txt', false);
    return bertFromVocabTxt(vocab, config);
  }
  const vocab = files['vocab.json'];
  const merges = files['merges.txt'];
  if (vocab === undefined || merges === undefined) {
    const missing = vocab === undefined ? 'vocab.json' : 'merges.txt';
    throw new TokenizerError(`A GPT-2 model needs tokenizer.json, or vocab.json and merges.txt: ${missing} was not found.`, missing, false);
  }
  return gpt2FromVocabJson(vocab, merges, config, options);
}
