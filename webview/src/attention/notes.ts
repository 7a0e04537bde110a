/** The chapter's notes beside the heatmap; each title opens its section of the chapter. */
import type { NoteSection } from '../../../src/common/protocol/attentionPanel';
import { el } from '../shared/dom';
import { renderMarkdown } from '../shared/markdown';
import { renderSectionLink } from '../shared/sectionLink';
import { t } from './l10n';

export function renderNotes(notes: readonly NoteSection[], openSection: (sectionId: string) => void): HTMLElement {
  const aside = el('aside', { className: 'notes', attrs: { 'aria-label': t('notesLabel') } });
  aside.append(el('h2', { className: 'notes-heading', text: t('notesHeading') }));
  if (notes.length === 0) aside.append(el('p', { className: 'muted', text: t('noNotes') }));
  for (const note of notes) {
    const open = renderSectionLink(note.title, { tooltip: t('openSectionTitle'), open: t('openInChapter') }, () => openSection(note.id));
    aside.append(el('section', { className: 'note', attrs: { 'data-section-id': note.id } }, [el('h3', {}, [open]), renderMarkdown(note.markdown, 3)]));
  }
  return aside;
}
