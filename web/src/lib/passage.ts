// Splits a citation's passage around its quoted span for highlighting.
import type { Citation } from '../api/types';

export interface PassageParts {
  before: string;
  mark: string;
  after: string;
}

/**
 * The server sends the exact words quoted (`quote`); its `start`/`end` are code-point
 * offsets of that quote in the whole document's extracted text, so they do not locate it
 * in anything the panel shows. Without a surrounding `passage` the quote is the passage,
 * highlighted whole; with one, the quote is searched for in it, and failing that nothing
 * is highlighted.
 */
export function splitPassage(c: Pick<Citation, 'quote' | 'passage' | 'start' | 'end'>): PassageParts {
  if (c.passage === undefined) return { before: '', mark: c.quote, after: '' };
  const at = c.quote ? c.passage.indexOf(c.quote) : -1;
  if (at < 0) return { before: c.passage, mark: '', after: '' };
  return { before: c.passage.slice(0, at), mark: c.quote, after: c.passage.slice(at + c.quote.length) };
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
