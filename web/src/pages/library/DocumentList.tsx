import { useState } from 'react';
import { libraryApi } from '../../api/endpoints';
import type { DocumentInfo } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n';
import { isolate } from '../../i18n/Trans';
import { downloadDocument } from '../../lib/documentFile';

export function DocumentList({ documents, onChanged }: { documents: DocumentInfo[]; onChanged(): void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [error, setError] = useState<unknown>(null);

  const remove = async (d: DocumentInfo) => {
    if (!window.confirm(t('library.deleteConfirm', { name: isolate(d.title) }))) return;
    setError(null);
    try {
      await libraryApi.remove(api, d.id);
      onChanged();
    } catch (e) {
      setError(e);
    }
  };

  if (documents.length === 0) return <p className="muted">{t('library.noDocuments')}</p>;
  return (
    <>
      <ErrorText error={error} />
      <table className="doc-table">
        <thead>
          <tr>
            <th scope="col">{t('library.col.title')}</th>
            <th scope="col">{t('library.col.status')}</th>
            <th scope="col">{t('library.col.pages')}</th>
            <th scope="col">{t('library.col.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {documents.map((d) => (
            <tr key={d.id}>
              <td>
                <bdi>{d.title || d.original_name}</bdi>
                {d.status === 'failed' && d.error && <p className="error small">{d.error}</p>}
              </td>
              <td>
                <StatusBadge status={d.status} />
              </td>
              <td>{d.pages ? d.pages : ''}</td>
              <td>
                <div className="row-actions">
                  <button type="button" onClick={() => void downloadDocument(api, d.id, d.original_name || d.title).catch(setError)}>
                    {t('library.download')}
                    <span className="visually-hidden">
                      {' '}
                      <bdi>{d.title}</bdi>
                    </span>
                  </button>
                  <button type="button" className="danger" onClick={() => void remove(d)}>
                    {t('common.delete')}
                    <span className="visually-hidden">
                      {' '}
                      <bdi>{d.title}</bdi>
                    </span>
                  </button>
                </div>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
