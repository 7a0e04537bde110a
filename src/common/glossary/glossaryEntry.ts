/** One glossary term of the bundled chapter, shown when the reader hovers it in any document. */
export interface GlossaryEntry {
  /** Stable key (ASCII), e.g. `self-attention`. */
  readonly id: string;
  /** The term as the chapter writes it. */
  readonly term: string;
  /** Other spellings, Chinese and English; Latin letters match whatever their case. */
  readonly aliases: readonly string[];
  /** A verbatim excerpt of the chapter that defines the term. */
  readonly definition: string;
  /** Id of the chapter section the definition comes from (see parseChapter). */
  readonly sectionId: string;
}
