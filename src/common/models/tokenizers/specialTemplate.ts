import type { ModelToken } from './types';

/** A special token the post-processor adds around the text: [CLS], [SEP], a BOS. */
export interface TemplateToken {
  readonly id: number;
  readonly text: string;
}

/**
 * The single-sequence template of TemplateProcessing / BertProcessing (processors/template.rs,
 * bert.rs): the special tokens before the text's tokens ($A) and after them. BERT's is
 * [CLS] $A [SEP]; GPT-2's is empty.
 */
export interface SpecialTemplate {
  readonly before: readonly TemplateToken[];
  readonly after: readonly TemplateToken[];
}

export const NO_TEMPLATE: SpecialTemplate = { before: [], after: [] };

/**
 * The tokens with the template's special tokens around them. tokenizers gives these (0, 0); here
 * their empty span sits where they stand, at 0 before the text and at its end after it.
 */
export function applyTemplate(template: SpecialTemplate, tokens: readonly ModelToken[], textLength: number): ModelToken[] {
  const special = (t: TemplateToken, at: number): ModelToken => ({ text: t.text, id: t.id, start: at, end: at, special: true });
  return [...template.before.map((t) => special(t, 0)), ...tokens, ...template.after.map((t) => special(t, textLength))];
}
