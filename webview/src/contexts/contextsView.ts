/**
 * A comparison on screen: the sentences (the chapter's translations beside its English originals),
 * the cosine tables of the static embeddings and of the contextual outputs, the attention rows
 * side by side, the vectors as colour strips, what each is, and the chapter's paragraphs on the
 * example. Document text goes in as text only (el() sets textContent).
 */
import '@vscode-elements/elements/dist/vscode-button/index.js';
import { viridis } from '../../../src/common/color/viridis';
import type { ContextsHostMessage, ContextsWebviewMessage, SentenceContext } from '../../../src/common/protocol/contexts';
import { el } from '../shared/dom';
import { renderMarkdown } from '../shared/markdown';
import { renderSectionLink } from '../shared/sectionLink';
import { t } from './l10n';

type ContextsMessage = Extract<ContextsHostMessage, { type: 'contexts' }>;
type Post = (message: ContextsWebviewMessage) => void;

/** Cosines as the tables show them (and the UI test reads them). */
export const formatCosine = (value: number | null) => (value === null ? t('noValue') : value.toFixed(3));

export function renderContexts(message: ContextsMessage, post: Post): HTMLElement {
  const { result, passage } = message;
  const main = el('div', { className: 'contexts-main' }, [
    renderSentences(result.sentences, result.word),
    el('div', { className: 'cosine-tables' }, [
      renderCosines('static-cosines', t('staticHeading'), result.staticCosines, allOnes(result.staticCosines) ? t('staticSame') : undefined),
      renderCosines('contextual-cosines', t('contextualHeading'), result.contextualCosines, t('contextualNote')),
    ]),
    renderAttention(result.sentences, result.word),
    renderVectors(result.sentences),
  ]);
  const side = el('aside', { className: 'contexts-side' }, [renderDefinitions(result.engine)]);
  if (passage) {
    const open = renderSectionLink(passage.title, { tooltip: t('openSectionTitle'), open: t('openInChapter') }, () => post({ type: 'openSection', sectionId: passage.id }));
    side.append(el('section', { className: 'passage', attrs: { 'data-section-id': passage.id } }, [el('h2', { className: 'side-heading', text: t('passageHeading') }), el('h3', {}, [open]), renderMarkdown(passage.markdown, 3)]));
  }
  return el('div', { className: 'contexts' }, [renderHeader(message, post), el('div', { className: 'contexts-body' }, [main, side])]);
}

function renderHeader({ subject, result }: ContextsMessage, post: Post): HTMLElement {
  const { engine } = result;
  const facts =
    engine.kind === 'builtin'
      ? t('engineBuiltin', engine.config.dModel, engine.config.heads, engine.config.seed, engine.config.mask === 'causal' ? t('maskCausal') : t('maskNone'), engine.config.positional === 'sinusoidal' ? t('positionalSinusoidal') : t('positionalNone'))
      : t('engineModel', engine.name, engine.type === 'bert' ? 'BERT' : 'GPT-2', engine.layers, engine.heads, engine.hidden);
  const header = el('header', { className: 'contexts-header' }, [
    el('div', { className: 'title-line' }, [el('h1', { text: t('heading', subject.word) }), el('span', { className: 'engine muted', text: `${facts} · ${t('elapsed', result.elapsedMs)}` })]),
  ]);
  const about = subject.example ? t('exampleNote') : t('fromDocument', subject.sourceName ?? '', subject.word);
  const line = el('div', { className: 'about' }, [el('p', { className: subject.example ? 'example-note' : 'muted', text: about })]);
  if (subject.total !== undefined) line.append(el('p', { className: 'capped', attrs: { role: 'note' }, text: t('cappedNotice', subject.word, subject.total, subject.sentences.length) }));
  if (!subject.example) {
    const button = el('vscode-button', { className: 'example-button', attrs: { secondary: '', title: t('compareExampleTitle') }, text: t('compareExample') });
    button.addEventListener('click', () => post({ type: 'compareExample' }));
    line.append(button);
  }
  header.append(line);
  return header;
}

function renderSentences(sentences: readonly SentenceContext[], word: string): HTMLElement {
  const list = el('ol', { className: 'sentence-list' });
  sentences.forEach((sentence, i) => {
    const item = el('li', { className: 'sentence', attrs: { 'data-sentence': String(i) } }, [el('span', { className: 'sentence-label', text: t('sentenceLabel', i + 1) }), sentenceText(sentence)]);
    if (sentence.translation) item.append(el('span', { className: 'translation', attrs: { lang: 'zh-CN' }, text: t('translationLabel', sentence.translation) }));
    if (sentence.missing) {
      const note = sentence.missing.reason === 'absent' ? t('missingAbsent', word) : t('missingInside', word, sentence.missing.token);
      item.append(el('p', { className: 'missing', attrs: { role: 'note' }, text: note }));
    }
    list.append(item);
  });
  return el('section', { className: 'block sentences' }, [el('h2', { text: t('sentencesHeading') }), list]);
}

/** The sentence with the word's occurrence marked. */
function sentenceText(sentence: SentenceContext): HTMLElement {
  const span = el('span', { className: 'sentence-text' });
  const indices = sentence.wordTokens;
  if (!indices) {
    span.textContent = sentence.text;
    return span;
  }
  const start = sentence.tokens[indices[0]].start;
  const end = sentence.tokens[indices[indices.length - 1]].end;
  span.append(sentence.text.slice(0, start), el('mark', { text: sentence.text.slice(start, end) }), sentence.text.slice(end));
  return span;
}

function allOnes(table: readonly (readonly (number | null)[])[]): boolean {
  return table.length > 0 && table.every((row) => row.every((c) => c !== null && Math.abs(c - 1) < 5e-7));
}

function renderCosines(className: string, heading: string, table: readonly (readonly (number | null)[])[], note?: string): HTMLElement {
  const n = table.length;
  const labels = Array.from({ length: n }, (_, i) => t('sentenceLabel', i + 1));
  const head = el('tr', {}, [el('th', { attrs: { scope: 'col' } }), ...labels.map((label) => el('th', { attrs: { scope: 'col' }, text: label }))]);
  const rows = table.map((row, i) =>
    el('tr', {}, [
      el('th', { attrs: { scope: 'row' }, text: labels[i] }),
      ...row.map((value, j) => {
        const cell = el('td', { className: value === null ? 'cos none' : 'cos', text: formatCosine(value), attrs: { 'data-row': String(i), 'data-col': String(j), title: t('cellTitle', i + 1, j + 1, formatCosine(value)) } });
        // Tinted by similarity: 0 (or less) clear, 1 full.
        if (value !== null) cell.style.setProperty('--c', String(Math.max(0, value)));
        return cell;
      }),
    ]),
  );
  const tableElement = el('table', { className: 'cosines', attrs: { 'aria-label': t('tableLabel', heading) } }, [el('thead', {}, [head]), el('tbody', {}, rows)]);
  return el('section', { className: `block ${className}` }, [el('h2', { text: heading }), ...(note ? [el('p', { className: 'muted note', text: note })] : []), tableElement]);
}

function renderAttention(sentences: readonly SentenceContext[], word: string): HTMLElement {
  const rows = sentences.map((sentence, i) => {
    const row = el('div', { className: 'attention-row', attrs: { 'data-sentence': String(i), role: 'list', 'aria-label': t('attentionLabel', i + 1, word, sentence.tokens.length) } });
    const weights = sentence.attention;
    const max = weights ? Math.max(...weights) : 0;
    sentence.tokens.forEach((token, j) => {
      const weight = weights?.[j];
      const chip = el('span', { className: sentence.wordTokens?.includes(j) ? 'att-token word' : 'att-token', attrs: { role: 'listitem', ...(weight !== undefined ? { title: t('weightTitle', token.text, weight.toFixed(4)) } : {}) } }, [
        el('span', { className: 'att-text', text: token.text }),
        el('span', { className: 'att-weight', text: weight !== undefined ? weight.toFixed(2) : t('noValue') }),
      ]);
      if (weight !== undefined) chip.style.setProperty('--w', String(max > 0 ? weight / max : 0));
      row.append(chip);
    });
    return el('div', { className: 'attention-sentence' }, [el('span', { className: 'sentence-label', text: t('sentenceLabel', i + 1) }), row]);
  });
  return el('section', { className: 'block attention' }, [el('h2', { text: t('attentionHeading') }), el('p', { className: 'muted note', text: t('attentionNote') }), ...rows]);
}

/** Every dimension of each vector as a colour, on one scale per kind (so equal vectors look equal). */
function renderVectors(sentences: readonly SentenceContext[]): HTMLElement {
  const section = el('section', { className: 'block vectors' }, [el('h2', { text: t('vectorsHeading') })]);
  const found = sentences.filter((s) => s.staticVector && s.contextual);
  if (found.length === 0) return section;
  const dims = found[0].staticVector!.length;
  section.append(el('p', { className: 'muted note', text: t('vectorsNote', dims) }));
  const scale = (pick: (s: SentenceContext) => readonly number[]) => Math.max(...found.map((s) => Math.max(...pick(s).map(Math.abs))));
  const staticScale = scale((s) => s.staticVector!);
  const contextualScale = scale((s) => s.contextual!);
  sentences.forEach((sentence, i) => {
    if (!sentence.staticVector || !sentence.contextual) return;
    section.append(
      el('div', { className: 'vector-pair' }, [
        el('span', { className: 'sentence-label', text: t('sentenceLabel', i + 1) }),
        el('div', { className: 'strips' }, [strip(sentence.staticVector, staticScale, t('staticStrip')), strip(sentence.contextual, contextualScale, t('contextualStrip'))]),
      ]),
    );
  });
  return section;
}

function strip(vector: readonly number[], scale: number, label: string): HTMLElement {
  const canvas = el('canvas', { className: 'strip', attrs: { width: String(vector.length), height: '1', 'aria-hidden': 'true' } });
  const context = canvas.getContext('2d');
  if (context) {
    const image = context.createImageData(vector.length, 1);
    vector.forEach((value, i) => {
      const [r, g, b] = viridis(scale > 0 ? 0.5 + value / (2 * scale) : 0.5);
      image.data.set([r, g, b, 255], i * 4);
    });
    context.putImageData(image, 0, 0);
  }
  return el('div', { className: 'strip-line' }, [el('span', { className: 'strip-label muted', text: label }), canvas]);
}

function renderDefinitions(engine: ContextsMessage['result']['engine']): HTMLElement {
  const items = engine.kind === 'builtin'
    ? [t('defStaticBuiltin'), t('defContextualBuiltin'), t('defAttentionBuiltin'), t('defEngineBuiltin')]
    : [t('defStaticModel'), t('defContextualModel'), t('defAttentionModel'), t('defEngineModel'), ...(engine.type === 'gpt2' ? [t('defCausalModel')] : [])];
  return el('section', { className: 'definitions' }, [el('h2', { className: 'side-heading', text: t('definitionsHeading') }), el('ul', {}, items.map((text) => el('li', { text })))]);
}
