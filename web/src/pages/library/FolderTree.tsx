import type { Folder } from '../../api/types';
import { useI18n } from '../../i18n';

interface Props {
  forest: Folder[];
  selected: string | null;
  onSelect(id: string): void;
}

function Branch({ folders, selected, onSelect }: { folders: Folder[]; selected: string | null; onSelect(id: string): void }) {
  return (
    <ul>
      {folders.map((f) => (
        <li key={f.id}>
          <button
            type="button"
            className={`tree-item${f.id === selected ? ' selected' : ''}`}
            aria-current={f.id === selected ? 'true' : undefined}
            onClick={() => onSelect(f.id)}
          >
            <bdi>{f.name}</bdi>
          </button>
          {f.children && f.children.length > 0 && <Branch folders={f.children} selected={selected} onSelect={onSelect} />}
        </li>
      ))}
    </ul>
  );
}

/** The folder tree as nested lists of buttons (Tab moves through them in reading order). */
export function FolderTree({ forest, selected, onSelect }: Props) {
  const { t } = useI18n();
  return (
    <nav className="folder-tree" aria-labelledby="folders-heading">
      <h2 id="folders-heading" className="small">
        {t('library.folders')}
      </h2>
      {forest.length === 0 ? <p className="muted small">{t('library.noFolders')}</p> : <Branch folders={forest} selected={selected} onSelect={onSelect} />}
    </nav>
  );
}
