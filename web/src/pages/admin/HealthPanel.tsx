// Health of the server's dependencies from GET /health/ready.
import { useCallback, useEffect, useState } from 'react';
import { adminApi } from '../../api/endpoints';
import type { HealthReport } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n, type MessageKey } from '../../i18n';

const kNames: Record<string, MessageKey> = {
  database: 'admin.health.database',
  db: 'admin.health.database',
  indexes: 'admin.health.indexes',
  index: 'admin.health.indexes',
  search: 'admin.health.indexes',
  search_index: 'admin.health.indexes',
  embedding: 'admin.health.embedding',
  embeddings: 'admin.health.embedding',
  embedding_model: 'admin.health.embedding',
  llm: 'admin.health.llm',
  llm_provider: 'admin.health.llm',
  migrations: 'admin.health.migrations',
  workers: 'admin.health.workers',
};

export interface HealthRow {
  name: string;
  ok: boolean;
  detail: string;
}

/** Flattens the report: `{name: {status|ok, detail}}`, `{name: "ok"}` or `{name: true}`. */
export function healthRows(report: HealthReport): HealthRow[] {
  const source = (report as { checks?: HealthReport }).checks ?? report;
  return Object.entries(source)
    .filter(([k]) => k !== 'status')
    .map(([name, v]) => {
      if (typeof v === 'boolean') return { name, ok: v, detail: '' };
      if (typeof v === 'string') return { name, ok: /^(ok|up|ready|healthy)$/i.test(v), detail: v };
      const ok = v.ok ?? /^(ok|up|ready|healthy)$/i.test(v.status ?? '');
      return { name, ok, detail: v.detail ?? (v.status && !/^(ok|up|ready)$/i.test(v.status) ? v.status : '') };
    });
}

export function HealthPanel() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [rows, setRows] = useState<HealthRow[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const load = useCallback(() => {
    setError(null);
    adminApi.health(api).then((r) => setRows(healthRows(r.report)), setError);
  }, [api]);
  useEffect(load, [load]);
  return (
    <section className="card" aria-labelledby="health-heading">
      <h2 id="health-heading">{t('admin.health')}</h2>
      {rows === null && !error && <p role="status">{t('common.loading')}</p>}
      {rows && (
        <ul className="health">
          {rows.map((r) => (
            <li key={r.name}>
              <span className={`dot ${r.ok ? 'ok' : 'down'}`} aria-hidden="true" />
              <strong>{kNames[r.name] ? t(kNames[r.name]!) : <bdi>{r.name}</bdi>}</strong>
              {' — '}
              {r.ok ? t('admin.health.ok') : t('admin.health.down')}
              {r.detail && (
                <span className="muted small">
                  {' '}
                  (<bdi>{r.detail}</bdi>)
                </span>
              )}
            </li>
          ))}
        </ul>
      )}
      <button type="button" onClick={load}>
        {t('admin.health.refresh')}
      </button>
      <ErrorText error={error} />
    </section>
  );
}
