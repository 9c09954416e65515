// Splits a citation's passage around its quoted span for highlighting.
import type { Citation } from '../api/types';

export interface PassageParts {
  before: string;
  mark: string;
  after: string;
}

/**
 * Passage = `citation.passage` when present, else `citation.quote`. `start`/`end` are
 * offsets in Unicode code points into the passage (assumption, see web/README.md); when
 * they are missing or out of range the quote is searched for in the passage instead, and
 * failing that nothing is highlighted.
 */
export function splitPassage(c: Pick<Citation, 'quote' | 'passage' | 'start' | 'end'>): PassageParts {
  const passage = c.passage ?? c.quote;
  const chars = Array.from(passage);
  const { start, end } = c;
  if (typeof start === 'number' && typeof end === 'number' && start >= 0 && end > start && end <= chars.length) {
    return {
      before: chars.slice(0, start).join(''),
      mark: chars.slice(start, end).join(''),
      after: chars.slice(end).join(''),
    };
  }
  if (c.passage !== undefined && c.quote) {
    const at = passage.indexOf(c.quote);
    if (at >= 0) {
      return { before: passage.slice(0, at), mark: c.quote, after: passage.slice(at + c.quote.length) };
    }
  }
  if (c.passage === undefined) return { before: '', mark: passage, after: '' };
  return { before: passage, mark: '', after: '' };
}

/** The heading trail as a list, whatever form the server sent. */
export function headingTrail(section: Citation['section']): string[] {
  if (!section) return [];
  if (Array.isArray(section)) return section.filter(Boolean);
  return section
    .split(/\s*(?:>|›|»|\/)\s*/)
    .map((s) => s.trim())
    .filter(Boolean);
}
