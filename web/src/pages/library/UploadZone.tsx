// Drag-and-drop (or chosen) files, each uploaded with its own progress bar, then followed
// through indexing via the job's event stream.
import { useEffect, useId, useRef, useState, type DragEvent } from 'react';
import { libraryApi } from '../../api/endpoints';
import { followJob } from '../../api/streams';
import type { DocumentStatus } from '../../api/types';
import { uploadDocument } from '../../api/upload';
import { useAuth } from '../../auth/AuthContext';
import { StatusBadge } from '../../components/StatusBadge';
import { useI18n } from '../../i18n';

interface UploadItem {
  key: string;
  name: string;
  sent: number; // 0..1
  status: DocumentStatus | 'uploading';
  indexing?: number; // 0..1
  error?: string;
}

export function UploadZone({ folderId, onChanged }: { folderId: string; onChanged(): void }) {
  const { t } = useI18n();
  const { api } = useAuth();
  const [items, setItems] = useState<UploadItem[]>([]);
  const [over, setOver] = useState(false);
  const inputId = useId();
  const aborts = useRef<(() => void)[]>([]);

  useEffect(() => () => aborts.current.forEach((a) => a()), []);

  const patch = (key: string, p: Partial<UploadItem>) =>
    setItems((list) => list.map((it) => (it.key === key ? { ...it, ...p } : it)));

  const start = (files: FileList | File[]) => {
    for (const file of Array.from(files)) {
      const key = `${file.name}-${file.size}-${Date.now()}-${Math.random()}`;
      setItems((list) => [...list, { key, name: file.name, sent: 0, status: 'uploading' }]);
      const handle = uploadDocument(api, file, folderId, (f) => patch(key, { sent: f }));
      aborts.current.push(handle.abort);
      handle.promise
        .then(async (r) => {
          patch(key, { sent: 1, status: r.document?.status ?? 'queued', error: r.document?.error ?? undefined });
          onChanged();
          // No job: the same content was already in this folder and that document came back.
          if (!r.job_id) return;
          const controller = new AbortController();
          aborts.current.push(() => controller.abort());
          let final = false;
          await followJob(
            api,
            r.job_id,
            (ev) => {
              final = ev.final;
              patch(key, { status: ev.status, indexing: ev.progress, error: ev.error });
            },
            controller.signal,
          );
          if (!final || controller.signal.aborted) return;
          // The document row has the last word (its status and a readable error).
          const doc = await libraryApi.document(api, r.document.id).catch(() => null);
          if (doc) patch(key, { status: doc.status, error: doc.error ?? undefined });
          onChanged();
        })
        .catch((e: Error) => patch(key, { status: 'failed', error: e.message }));
    }
  };

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    if (e.dataTransfer.files.length > 0) start(e.dataTransfer.files);
  };

  return (
    <section className="upload" aria-labelledby="uploads-heading">
      <div
        className={`dropzone${over ? ' over' : ''}`}
        role="group"
        aria-label={t('library.dropLabel')}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
      >
        <span>{t('library.drop')} </span>
        <input
          id={inputId}
          className="visually-hidden-input"
          type="file"
          multiple
          onChange={(e) => {
            if (e.target.files) start(e.target.files);
            e.target.value = '';
          }}
        />
        <label htmlFor={inputId} className="link-like">
          {t('library.choose')}
        </label>
      </div>
      {items.length > 0 && (
        <>
          <h3 id="uploads-heading" className="small">
            {t('library.uploads')}
          </h3>
          <ul className="upload-list">
            {items.map((it) => (
              <li key={it.key}>
                <bdi className="file-name">{it.name}</bdi>
                {it.status === 'uploading' ? (
                  <progress max={1} value={it.sent} aria-label={it.name} />
                ) : (
                  <>
                    <StatusBadge status={it.status} />
                    {it.status === 'processing' && it.indexing != null && (
                      <>
                        <progress max={1} value={it.indexing} aria-label={it.name} />
                        <span className="small">{t('library.indexing', { percent: Math.round(it.indexing * 100) })}</span>
                      </>
                    )}
                  </>
                )}
                {it.error && (
                  <span className="error small" role="alert">
                    {it.error}
                  </span>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      {items.length === 0 && <h3 id="uploads-heading" className="visually-hidden">{t('library.uploads')}</h3>}
    </section>
  );
}
