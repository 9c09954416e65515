import { useId, useState, type FormEvent } from 'react';
import { authApi } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { Link } from '../../lib/router';
import { AuthShell } from './AuthShell';
import { useProviders } from './useProviders';

export function RegisterPage() {
  const { t } = useI18n();
  const { api, reload } = useAuth();
  const providers = useProviders();
  const [form, setForm] = useState({ name: '', email: '', password: '' });
  const [error, setError] = useState<unknown>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const ids = { name: useId(), email: useId(), password: useId(), hint: useId() };

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await authApi.register(api, form);
      if (api.token) await reload();
      else setDone(true);
    } catch (err) {
      setError(err);
    } finally {
      setBusy(false);
    }
  };

  if (providers.registration !== 'open') {
    return (
      <AuthShell title={t('auth.register.title')}>
        <p>{t('auth.register.closed')}</p>
        <Link to="/signin">{t('auth.backToSignIn')}</Link>
      </AuthShell>
    );
  }
  return (
    <AuthShell title={t('auth.register.title')}>
      {done ? (
        <p role="status">{t('auth.register.done')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor={ids.name}>{t('auth.name')}</label>
            <input id={ids.name} autoComplete="name" required value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.email}>{t('auth.email')}</label>
            <input id={ids.email} type="email" dir="ltr" autoComplete="email" required value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </div>
          <div className="field">
            <label htmlFor={ids.password}>{t('auth.password')}</label>
            <input id={ids.password} type="password" autoComplete="new-password" minLength={8} required aria-describedby={ids.hint} value={form.password} onChange={(e) => setForm({ ...form, password: e.target.value })} />
            <small id={ids.hint}>{t('auth.passwordHint')}</small>
          </div>
          <ErrorText error={error} />
          <button type="submit" className="primary" disabled={busy}>
            {t('auth.register.submit')}
          </button>
        </form>
      )}
      <p className="links">
        <Link to="/signin">{t('auth.haveAccount')}</Link>
      </p>
    </AuthShell>
  );
}
