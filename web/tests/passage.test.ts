import { describe, expect, it } from 'vitest';
import { healthRows } from '../src/pages/admin/HealthPanel';
import { headingTrail, splitPassage } from '../src/lib/passage';
import { buildTree } from '../src/lib/tree';

describe('splitPassage', () => {
  it('highlights the whole quote when no surrounding passage came (offsets are document offsets)', () => {
    expect(splitPassage({ quote: 'مدة الإشعار شهر 😀', start: 1200, end: 1217 })).toEqual({ before: '', mark: 'مدة الإشعار شهر 😀', after: '' });
    expect(splitPassage({ quote: 'Le délai est de 30 jours.', start: 2, end: 5 }).mark).toBe('Le délai est de 30 jours.');
  });

  it('finds the quote in a surrounding passage, else highlights nothing', () => {
    expect(splitPassage({ passage: 'abc quoted def', quote: 'quoted' })).toEqual({ before: 'abc ', mark: 'quoted', after: ' def' });
    expect(splitPassage({ passage: 'abc def', quote: 'absent' })).toEqual({ before: 'abc def', mark: '', after: '' });
  });

  it('splits heading trails', () => {
    expect(headingTrail('Titre 1 > Chapitre 2 > Article 3')).toEqual(['Titre 1', 'Chapitre 2', 'Article 3']);
    expect(headingTrail(['A', 'B'])).toEqual(['A', 'B']);
    expect(headingTrail(null)).toEqual([]);
  });
});

describe('buildTree', () => {
  it('nests a flat list by parent_id and sorts siblings', () => {
    const t = buildTree([
      { id: '2', name: 'RH', parent_id: null },
      { id: '3', name: 'Contrats', parent_id: '2' },
      { id: '1', name: 'Finance', parent_id: null },
    ]);
    expect(t.map((f) => f.name)).toEqual(['Finance', 'RH']);
    expect(t[1]!.children!.map((f) => f.name)).toEqual(['Contrats']);
  });
});

describe('healthRows', () => {
  it('reads the dependency entries in their several shapes', () => {
    const rows = healthRows({ status: 'degraded', database: { status: 'ok' }, llm: { ok: false, detail: 'no key' }, indexes: 'ok', embedding: false });
    expect(rows).toEqual([
      { name: 'database', ok: true, detail: '' },
      { name: 'llm', ok: false, detail: 'no key' },
      { name: 'indexes', ok: true, detail: 'ok' },
      { name: 'embedding', ok: false, detail: '' },
    ]);
  });
});
