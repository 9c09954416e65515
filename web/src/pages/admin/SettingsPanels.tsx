// Registration policy, FAQ import and re-indexing.
import { useEffect, useId, useRef, useState } from 'react';
import { adminApi, authApi } from '../../api/endpoints';
import { followJob } from '../../api/streams';
import type { AuthProviders } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';

type Policy = AuthProviders['registration'];

/** The registration policy: open, invitation only or closed, stored by the server. */
export function RegistrationPanel() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [policy, setPolicy] = useState<Policy | null>(null);
  const [saved, setSaved] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  useEffect(() => {
    authApi.providers(api).then((p) => setPolicy(p.registration), setError);
  }, [api]);
  const save = async () => {
    if (!policy) return;
    setError(null);
    setSaved(false);
    try {
      await adminApi.setRegistration(api, policy);
      setSaved(true);
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="reg-heading">
      <h2 id="reg-heading">{t('admin.registration')}</h2>
      {policy && (
        <p>
          <label htmlFor={id} className="visually-hidden">
            {t('admin.registration')}
          </label>
          <select id={id} value={policy} onChange={(e) => setPolicy(e.target.value as Policy)}>
            {(['open', 'invite', 'closed'] as const).map((p) => (
              <option key={p} value={p}>
                {t(`admin.registration.${p}`)}
              </option>
            ))}
          </select>{' '}
          <button type="button" onClick={save}>
            {t('common.save')}
          </button>
        </p>
      )}
      {saved && <p role="status">{t('common.saved')}</p>}
      <p className="muted small">{t('admin.registration.config')}</p>
      <ErrorText error={error} />
    </section>
  );
}

export function FaqPanel() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [file, setFile] = useState<File | null>(null);
  const [result, setResult] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const hint = useId();
  const submit = async () => {
    if (!file) return;
    setError(null);
    setResult(null);
    try {
      const r = await adminApi.importFaq(api, await file.text());
      setResult(t('admin.faq.done', { imported: r?.inserted ?? 0, updated: r?.updated ?? 0, unchanged: r?.unchanged ?? 0 }));
    } catch (e) {
      setError(e);
    }
  };
  return (
    <section className="card" aria-labelledby="faq-heading">
      <h2 id="faq-heading">{t('admin.faq')}</h2>
      <p id={hint} className="muted small">
        {t('admin.faq.intro')}
      </p>
      <div className="row">
        <div className="field">
          <label htmlFor={id}>{t('admin.faq.file')}</label>
          <input id={id} type="file" accept=".csv,text/csv" aria-describedby={hint} onChange={(e) => setFile(e.target.files?.[0] ?? null)} />
        </div>
        <button type="button" className="primary" disabled={!file} onClick={() => void submit()}>
          {t('admin.faq.import')}
        </button>
      </div>
      {result && <p role="status">{result}</p>}
      <ErrorText error={error} />
    </section>
  );
}

export function ReindexPanel() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [vectorize, setVectorize] = useState(false);
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const abort = useRef<AbortController | null>(null);
  useEffect(() => () => abort.current?.abort(), []);
  const start = async () => {
    setError(null);
    setDone(false);
    setProgress(0);
    try {
      const { job_id } = await adminApi.reindex(api, vectorize);
      abort.current = new AbortController();
      await followJob(
        api,
        job_id,
        (ev) => {
          if (ev.progress != null) setProgress(ev.progress);
          if (ev.error) setError(new Error(ev.error));
          if (ev.status === 'ready') setDone(true);
        },
        abort.current.signal,
      );
    } catch (e) {
      setError(e);
    } finally {
      setProgress(null);
    }
  };
  return (
    <section className="card" aria-labelledby="reindex-heading">
      <h2 id="reindex-heading">{t('admin.reindex')}</h2>
      <label className="radio">
        <input type="checkbox" checked={vectorize} onChange={(e) => setVectorize(e.target.checked)} /> {t('admin.reindex.vectorize')}
      </label>
      <button type="button" className="primary" disabled={progress !== null} onClick={() => void start()}>
        {t('admin.reindex.start')}
      </button>
      {progress !== null && (
        <p>
          <progress max={1} value={progress} aria-label={t('admin.reindex')} />{' '}
          {t('admin.reindex.progress', { percent: Math.round(progress * 100) })}
        </p>
      )}
      {done && <p role="status">{t('admin.reindex.done')}</p>}
      <ErrorText error={error} />
    </section>
  );
}
