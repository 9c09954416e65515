// Side panel showing one cited passage with its quoted span highlighted.
import { useRef } from 'react';
import type { Citation } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { useFocusReturn } from '../../components/Dialog';
import { useI18n } from '../../i18n';
import { openDocument } from '../../lib/documentFile';
import { headingTrail, splitPassage } from '../../lib/passage';

export function CitationPanel({ citation, onClose }: { citation: Citation; onClose(): void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const ref = useRef<HTMLElement>(null);
  useFocusReturn(ref);
  const parts = splitPassage(citation);
  const trail = headingTrail(citation.section);
  return (
    <aside
      ref={ref}
      className="side-panel"
      aria-labelledby="citation-title"
      tabIndex={-1}
      onKeyDown={(e) => {
        if (e.key === 'Escape') onClose();
      }}
    >
      <header className="panel-head">
        <h2 id="citation-title">{t('source.title', { n: citation.n })}</h2>
        <button type="button" className="icon-button" onClick={onClose} aria-label={t('common.close')}>
          ×
        </button>
      </header>
      <p className="doc-title">
        <bdi>{citation.title}</bdi>
      </p>
      {citation.page != null && citation.page > 0 && <p className="muted">{t('source.page', { page: citation.page })}</p>}
      {trail.length > 0 && (
        <nav aria-label={t('source.trail')}>
          <ol className="trail">
            {trail.map((h, i) => (
              <li key={i}>
                <bdi>{h}</bdi>
              </li>
            ))}
          </ol>
        </nav>
      )}
      <h3 className="visually-hidden">{t('source.passage')}</h3>
      <blockquote className="passage" dir="auto">
        <bdi>
          {parts.before}
          {parts.mark && <mark>{parts.mark}</mark>}
          {parts.after}
        </bdi>
      </blockquote>
      {citation.kind !== 'faq' && citation.document_id && (
        <button type="button" onClick={() => void openDocument(api, citation.document_id, citation.page || undefined).catch(() => undefined)}>
          {t('source.open')}
        </button>
      )}
    </aside>
  );
}
