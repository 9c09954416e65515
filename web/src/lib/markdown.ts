// Safe markdown: answers come from a language model fed with documents, so they are
// untrusted. Raw HTML is shown as text, images are never loaded (their alt text is shown),
// links are limited to http(s)/mailto/relative, and DOMPurify sanitises the result.
import DOMPurify from 'dompurify';
import { Marked, type Tokens } from 'marked';

function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

const marked = new Marked({
  gfm: true,
  breaks: false,
  async: false,
  renderer: {
    html(token: Tokens.HTML | Tokens.Tag): string {
      return escapeHtml(token.text);
    },
    image(token: Tokens.Image): string {
      return escapeHtml(token.text || '');
    },
  },
});

const kSafeUrl = /^(?:https?:|mailto:|#|\/(?!\/)|\.{0,2}\/(?!\/)|[^:/?#]*(?:[/?#]|$))/i;

let purifier: ReturnType<typeof DOMPurify> | null = null;

function getPurifier(): ReturnType<typeof DOMPurify> {
  if (purifier) return purifier;
  const p = DOMPurify(window);
  p.addHook('afterSanitizeAttributes', (node) => {
    if (node.nodeName === 'A') {
      const href = node.getAttribute('href') ?? '';
      if (!kSafeUrl.test(href.trim())) node.removeAttribute('href');
      node.setAttribute('target', '_blank');
      node.setAttribute('rel', 'noopener noreferrer nofollow');
    }
  });
  purifier = p;
  return p;
}

const kForbidTags = ['img', 'picture', 'source', 'video', 'audio', 'iframe', 'object', 'embed', 'form',
  'input', 'button', 'textarea', 'select', 'style', 'link', 'meta', 'base', 'svg', 'math'];

/** Turns inline citation markers "[n]" into chips (buttons carrying data-cite="n"). */
function markCitations(html: string, known: ReadonlySet<number>): string {
  // Only text between tags is touched, never attribute values.
  return html.replace(/>([^<]*)</g, (_m, text: string) =>
    '>' +
    text.replace(/\[(\d{1,3})\]/g, (whole, n: string) =>
      known.has(Number(n)) ? `<cite-chip data-cite="${n}">${n}</cite-chip>` : whole,
    ) +
    '<',
  );
}

/**
 * Markdown to sanitised HTML. `citations` lists the citation numbers that exist; their
 * "[n]" markers become <span class="cite-chip" data-cite="n"> elements the caller wires up.
 */
export function renderMarkdown(source: string, citations: readonly number[] = []): string {
  let html = marked.parse(source) as string;
  if (citations.length > 0) html = markCitations(`>${html}<`, new Set(citations)).slice(1, -1);
  const clean = getPurifier().sanitize(html, {
    FORBID_TAGS: kForbidTags,
    FORBID_ATTR: ['style', 'class', 'id', 'srcset'],
    ADD_TAGS: ['cite-chip'],
    ALLOW_DATA_ATTR: true,
    ALLOW_UNKNOWN_PROTOCOLS: false,
  });
  return clean.replace(
    /<cite-chip data-cite="(\d+)">\d+<\/cite-chip>/g,
    '<span class="cite-chip" role="button" tabindex="0" data-cite="$1">$1</span>',
  );
}
