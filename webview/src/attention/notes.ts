/** The chapter's notes beside the heatmap; each title opens its section of the chapter. */
import type { NoteSection } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { renderMarkdown } from '../shared/markdown';

export function renderNotes(notes: readonly NoteSection[], openSection: (sectionId: string) => void): HTMLElement {
  const aside = el('aside', { className: 'notes', attrs: { 'aria-label': 'Notes from the chapter' } });
  aside.append(el('h2', { className: 'notes-heading', text: 'From the chapter' }));
  if (notes.length === 0) aside.append(el('p', { className: 'muted', text: 'No notes for this analysis.' }));
  for (const note of notes) {
    const open = el('button', { className: 'note-title', attrs: { type: 'button', title: 'Open this section of the chapter' } }, [
      el('span', { text: note.title }),
      el('span', { className: 'note-open', text: 'Open in chapter', attrs: { 'aria-hidden': 'true' } }),
    ]);
    open.addEventListener('click', () => openSection(note.id));
    aside.append(el('section', { className: 'note', attrs: { 'data-section-id': note.id } }, [el('h3', {}, [open]), renderMarkdown(note.markdown, 3)]));
  }
  return aside;
}
