// The model tokenizers' public face: one entry, its types and its error.
export { loadTokenizer, type TokenizerFiles } from './loadTokenizer';
export type { LoadOptions } from './fromTokenizerJson';
export { TokenizerError, type ModelEncoding, type ModelToken, type ModelTokenizer } from './types';
