import { describe, expect, it } from 'vitest';
import { renderMarkdown } from '../src/lib/markdown';

function dom(html: string): HTMLElement {
  const div = document.createElement('div');
  div.innerHTML = html;
  return div;
}

describe('renderMarkdown', () => {
  it('renders ordinary markdown', () => {
    const d = dom(renderMarkdown('# Titre\n\n**gras** et `code`\n\n- a\n- b'));
    expect(d.querySelector('h1')?.textContent).toBe('Titre');
    expect(d.querySelector('strong')?.textContent).toBe('gras');
    expect(d.querySelectorAll('li')).toHaveLength(2);
  });

  it('never produces script elements; raw HTML is shown as text', () => {
    const html = renderMarkdown('Bonjour <script>alert(1)</script>\n\n<script>alert(2)</script>');
    const d = dom(html);
    expect(d.querySelector('script')).toBeNull();
    expect(d.textContent).toContain('<script>alert(1)</script>');
  });

  it('removes event-handler attributes', () => {
    const d = dom(renderMarkdown('<img src=x onerror="alert(1)"> <b onclick="x()">b</b> <a href="https://e.org" onmouseover="x()">l</a>'));
    expect(d.querySelector('[onerror], [onclick], [onmouseover]')).toBeNull();
    expect(d.querySelector('img')).toBeNull();
  });

  it('drops javascript:, data: and vbscript: link targets but keeps safe ones', () => {
    const d = dom(
      renderMarkdown('[a](javascript:alert(1)) [b](JaVaScRiPt:alert(1)) [c](data:text/html,x) [d](vbscript:x) [e](https://example.org/p) [f](/api/documents/1/file) [g](mailto:a@b.c)'),
    );
    const hrefs = Array.from(d.querySelectorAll('a')).map((a) => a.getAttribute('href'));
    expect(hrefs.filter((h) => h && /^(javascript|data|vbscript):/i.test(h))).toEqual([]);
    expect(hrefs).toContain('https://example.org/p');
    expect(hrefs).toContain('/api/documents/1/file');
    expect(hrefs).toContain('mailto:a@b.c');
    for (const a of d.querySelectorAll('a[href]')) expect(a.getAttribute('rel')).toContain('noopener');
  });

  it('never loads remote images, markdown or HTML, and keeps the alt text', () => {
    const d = dom(renderMarkdown('![tracking pixel](https://evil.example/p.png)\n\n<img src="https://evil.example/q.png">'));
    expect(d.querySelector('img')).toBeNull();
    expect(d.querySelector('[src], [srcset]')).toBeNull();
    expect(d.textContent).toContain('tracking pixel');
  });

  it('turns known citation markers into chips, leaves unknown ones as text', () => {
    const d = dom(renderMarkdown('Le délai est de 30 jours [1]. Voir aussi [7].', [1, 2]));
    const chips = d.querySelectorAll('[data-cite]');
    expect(chips).toHaveLength(1);
    expect(chips[0]!.getAttribute('data-cite')).toBe('1');
    expect(d.textContent).toContain('[7]');
  });

  it('does not put chips inside attribute values', () => {
    const d = dom(renderMarkdown('[lien](https://example.org/a?x=[1]) [1]', [1]));
    const href = d.querySelector('a')?.getAttribute('href') ?? '';
    expect(href.startsWith('https://example.org/a?x=')).toBe(true);
    expect(href).not.toMatch(/cite|</);
    expect(d.querySelectorAll('[data-cite]')).toHaveLength(1);
  });
});
