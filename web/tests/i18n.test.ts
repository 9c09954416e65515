import { describe, expect, it } from 'vitest';
import { catalogues, format, kLanguages } from '../src/i18n';
import { fr } from '../src/i18n/fr';

const placeholders = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort();

describe('message catalogues', () => {
  const keys = Object.keys(fr).sort();

  for (const lang of kLanguages) {
    it(`${lang} has exactly the French keys, none empty`, () => {
      const cat = catalogues[lang] as Record<string, string>;
      expect(Object.keys(cat).sort()).toEqual(keys);
      for (const k of keys) expect(cat[k]?.trim(), `${lang}:${k}`).toBeTruthy();
    });

    it(`${lang} uses the same placeholders as French`, () => {
      const cat = catalogues[lang] as Record<string, string>;
      for (const k of keys) expect(placeholders(cat[k]!), `${lang}:${k}`).toEqual(placeholders((fr as Record<string, string>)[k]!));
    });
  }

  it('every Arabic string contains Arabic script (no untranslated copies)', () => {
    const ar = catalogues.ar as Record<string, string>;
    expect(keys.filter((k) => !/\p{Script=Arabic}/u.test(ar[k]!))).toEqual([]);
  });

  it('format replaces placeholders and leaves unknown ones', () => {
    expect(format('Source {n} : {title}', { n: 2, title: 'Guide' })).toBe('Source 2 : Guide');
    expect(format('{a} {b}', { a: 'x' })).toBe('x {b}');
  });
});
