/**
 * Every head at once: small multiples of each head's N×N weights, plus their average and their
 * cell-by-cell maximum, each a canvas thumbnail on a button that selects what the heatmap shows.
 * A thumbnail has THUMB_CSS_PX × devicePixelRatio pixels a side, drawn by thumbnail.ts (each
 * pixel the largest weight of its block of cells when N is larger). A long selection
 * gives its heads' overviews (size × size, each value a block's largest weight) as the weights
 * and the average's own overview: the thumbnails downsample those.
 */
import { averageHeads, maxHeads } from '../../../src/common/attention/headAverage';
import { el } from '../shared/dom';
import { t } from './l10n';
import { paintThumbnail, themePixels } from './thumbnail';
import type { HeadChoice } from '../../../src/common/protocol/attentionPanel';

/** What a thumbnail selects: the panel's own head choice. */
export type GalleryChoice = HeadChoice;

/** A thumbnail's side in CSS pixels. */
export const THUMB_CSS_PX = 88;

export class HeadGallery {
  readonly element: HTMLElement;
  private readonly choices: GalleryChoice[];
  private readonly buttons: HTMLButtonElement[];
  private readonly canvases: HTMLCanvasElement[];
  private readonly values: ArrayLike<number>[];

  constructor(
    weights: readonly ArrayLike<number>[],
    private readonly n: number,
    private readonly causal: boolean,
    selected: GalleryChoice,
    private readonly onSelect: (choice: GalleryChoice) => void,
    /** The heads' average, when it is not the mean of `weights` (a long selection's overview of it). */
    average?: ArrayLike<number>,
  ) {
    this.choices = ['average', 'maximum', ...weights.map((_, h) => h)];
    this.values = [average ?? averageHeads(weights), maxHeads(weights), ...weights];
    this.canvases = this.choices.map(() => el('canvas', { className: 'gallery-thumb', attrs: { 'aria-hidden': 'true' } }));
    this.buttons = this.choices.map((choice, index) => {
      const button = el('button', { className: 'gallery-item', attrs: { type: 'button', title: describe(choice, weights.length), 'data-choice': String(choice) } }, [
        this.canvases[index],
        el('span', { className: 'gallery-label', text: label(choice) }),
      ]);
      button.addEventListener('click', () => {
        this.select(choice);
        this.onSelect(choice);
      });
      button.addEventListener('keydown', (event) => this.onKey(event, index));
      return button;
    });
    this.element = el('div', { className: 'head-gallery', attrs: { role: 'group', 'aria-label': t('galleryLabel', weights.length) } }, this.buttons);
    this.select(selected);
    this.repaint();
  }

  /** Marks `choice` as the one shown (no callback). */
  select(choice: GalleryChoice): void {
    this.buttons.forEach((button, index) => button.setAttribute('aria-pressed', String(this.choices[index] === choice)));
  }

  /** Draws every thumbnail with the current theme's colours and devicePixelRatio. */
  repaint(): void {
    const dpr = devicePixelRatio || 1;
    const colours = themePixels();
    for (let index = 0; index < this.canvases.length; index++) paintThumbnail(this.canvases[index], this.values[index], this.n, this.causal, THUMB_CSS_PX, dpr, colours);
  }

  /** Arrow keys, Home and End move the focus between thumbnails; Enter and Space press (button). */
  private onKey(event: KeyboardEvent, index: number): void {
    const last = this.buttons.length - 1;
    const to = { ArrowRight: index + 1, ArrowDown: index + 1, ArrowLeft: index - 1, ArrowUp: index - 1, Home: 0, End: last }[event.key];
    if (to === undefined) return;
    event.preventDefault();
    this.buttons[Math.min(last, Math.max(0, to))].focus();
  }
}

function label(choice: GalleryChoice): string {
  if (choice === 'average') return t('galleryAverage');
  if (choice === 'maximum') return t('galleryMaximum');
  return t('headNumber', choice + 1);
}

function describe(choice: GalleryChoice, heads: number): string {
  if (choice === 'average') return t('galleryAverageTitle', heads);
  if (choice === 'maximum') return t('galleryMaximumTitle', heads);
  return t('galleryHeadTitle', choice + 1);
}
