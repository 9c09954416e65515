// Library: folder tree, the selected folder's documents, uploads and permissions.
import { useCallback, useEffect, useId, useMemo, useState, type FormEvent } from 'react';
import { libraryApi } from '../../api/endpoints';
import type { DocumentInfo, Folder } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { Trans } from '../../i18n/Trans';
import { navigate, useLocation } from '../../lib/router';
import { buildTree, findFolder } from '../../lib/tree';
import { DocumentList } from './DocumentList';
import { FolderTree } from './FolderTree';
import { PermissionsDialog } from './PermissionsDialog';
import { UploadZone } from './UploadZone';

export function LibraryPage() {
  const { t } = useI18n();
  const { api } = useAuth();
  const selected = useLocation().query.get('folder');
  const [folders, setFolders] = useState<Folder[]>([]);
  const [documents, setDocuments] = useState<DocumentInfo[]>([]);
  const [filter, setFilter] = useState('');
  const [newName, setNewName] = useState('');
  const [showPerms, setShowPerms] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const ids = { filter: useId(), folder: useId() };
  const forest = useMemo(() => buildTree(folders), [folders]);
  const folder = findFolder(forest, selected);

  useEffect(() => {
    document.title = `${t('library.title')} · ${t('app.name')}`;
  }, [t]);

  const loadFolders = useCallback(() => libraryApi.folders(api).then(setFolders, setError), [api]);
  useEffect(() => void loadFolders(), [loadFolders]);

  const loadDocuments = useCallback(() => {
    if (!selected) return;
    libraryApi.documents(api, selected, filter).then(setDocuments, setError);
  }, [api, selected, filter]);
  useEffect(loadDocuments, [loadDocuments]);

  const select = (id: string) => navigate(`/library?folder=${encodeURIComponent(id)}`);

  const createFolder = async (e: FormEvent) => {
    e.preventDefault();
    if (!newName.trim()) return;
    try {
      const f = await libraryApi.createFolder(api, newName.trim(), selected);
      setNewName('');
      await loadFolders();
      if (f?.id) select(f.id);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <div className="library-layout">
      <div className="library-side">
        <FolderTree forest={forest} selected={selected} onSelect={select} />
        <form className="stack small-form" onSubmit={createFolder}>
          <label htmlFor={ids.folder}>{t('library.newFolder')}</label>
          <input id={ids.folder} dir="auto" value={newName} onChange={(e) => setNewName(e.target.value)} placeholder={t('library.folderName')} />
          <button type="submit">{t('common.create')}</button>
        </form>
      </div>
      <section className="library-main" aria-labelledby="library-heading">
        <h1 id="library-heading">
          {folder ? <Trans k="library.documents" values={{ name: <bdi>{folder.name}</bdi> }} /> : t('library.title')}
        </h1>
        <ErrorText error={error} />
        {!folder ? (
          <p className="muted">{t('library.selectFolder')}</p>
        ) : (
          <>
            <div className="toolbar">
              <div className="field inline">
                <label htmlFor={ids.filter}>{t('library.search')}</label>
                <input id={ids.filter} type="search" dir="auto" value={filter} onChange={(e) => setFilter(e.target.value)} />
              </div>
              <button type="button" onClick={() => setShowPerms(true)}>
                {t('library.permissions')}
              </button>
            </div>
            <UploadZone folderId={folder.id} onChanged={loadDocuments} />
            <DocumentList documents={documents} onChanged={loadDocuments} />
            {showPerms && <PermissionsDialog folder={folder} onClose={() => setShowPerms(false)} />}
          </>
        )}
      </section>
    </div>
  );
}
