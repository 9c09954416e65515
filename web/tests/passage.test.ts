import { describe, expect, it } from 'vitest';
import { healthRows } from '../src/pages/admin/HealthPanel';
import { headingTrail, splitPassage } from '../src/lib/passage';
import { buildTree } from '../src/lib/tree';

describe('splitPassage', () => {
  it('highlights by code-point offsets, including Arabic and astral characters', () => {
    expect(splitPassage({ quote: 'Le délai est de 30 jours.', start: 16, end: 24 })).toEqual({
      before: 'Le délai est de ',
      mark: '30 jours',
      after: '.',
    });
    expect(splitPassage({ quote: '😀 مدة الإشعار شهر', start: 2, end: 5 }).mark).toBe('مدة');
  });

  it('falls back to searching the quote in the passage when offsets are unusable', () => {
    expect(splitPassage({ passage: 'abc quoted def', quote: 'quoted', start: 40, end: 99 })).toEqual({
      before: 'abc ',
      mark: 'quoted',
      after: ' def',
    });
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
