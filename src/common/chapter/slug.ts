/**
 * Heading ids exactly as VS Code's built-in Markdown preview makes them
 * (extensions/markdown-language-features/src/slugify.ts, `githubSlugifier`), so that
 * `chapter.md#<id>` scrolls to the heading there too.
 */

// VS Code's (github-slugger's) generated regex removes every character that is not a letter, a mark,
// a decimal or letter number, connector punctuation (`_`), a plain space or `-`. The same set written
// with Unicode properties; it was checked equal to that regex on ASCII, Latin-1, general and CJK
// punctuation and the full-width forms.
const REMOVED = /[^\p{L}\p{M}\p{Nd}\p{Nl}\p{Pc} -]/gu;

/** The slug of one heading's text, before de-duplication. */
export function slugify(heading: string): string {
  return heading.trim().toLowerCase().replace(REMOVED, '').replace(/\s/g, '-');
}

/**
 * Slugs for the headings of one document, in order: a repeated slug gets `-1`, `-2`, … as the
 * preview numbers it (skipping any suffixed form another heading already took).
 */
export function createSlugger(): (heading: string) => string {
  const counts = new Map<string, number>();
  return (heading) => {
    const slug = slugify(heading);
    let count = counts.get(slug);
    if (count === undefined) {
      counts.set(slug, 0);
      return slug;
    }
    let candidate: string;
    do candidate = `${slug}-${++count}`;
    while (counts.has(candidate));
    counts.set(slug, count);
    counts.set(candidate, 0);
    return candidate;
  };
}
