import { useId, useState, type FormEvent } from 'react';
import { ApiError } from '../../api/client';
import { authApi } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthContext';
import { useI18n } from '../../i18n';
import { Trans } from '../../i18n/Trans';
import { Link } from '../../lib/router';
import { AuthShell } from './AuthShell';
import { useProviders } from './useProviders';

export function SignInPage() {
  const { t } = useI18n();
  const { api, signIn, expired } = useAuth();
  const providers = useProviders();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const emailId = useId();
  const passwordId = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    try {
      await signIn(email, password);
    } catch (err) {
      setError(err instanceof ApiError && (err.status === 401 || err.status === 400) ? t('auth.signIn.invalid') : String((err as Error).message));
    } finally {
      setBusy(false);
    }
  };

  return (
    <AuthShell title={t('auth.signIn.title')}>
      <p className="muted">{t('auth.signIn.intro')}</p>
      {expired && (
        <p className="notice" role="status">
          {t('auth.signIn.expired')}
        </p>
      )}
      {providers.password && (
        <form onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor={emailId}>{t('auth.email')}</label>
            <input id={emailId} type="email" autoComplete="username" dir="ltr" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <div className="field">
            <label htmlFor={passwordId}>{t('auth.password')}</label>
            <input id={passwordId} type="password" autoComplete="current-password" required value={password} onChange={(e) => setPassword(e.target.value)} />
          </div>
          {error && (
            <p className="error" role="alert">
              {error}
            </p>
          )}
          <button type="submit" className="primary" disabled={busy}>
            {t('auth.signIn.submit')}
          </button>
        </form>
      )}
      {providers.oidc.length > 0 && (
        <div className="stack oidc">
          {providers.password && <p className="divider">{t('auth.or')}</p>}
          {providers.oidc.map((p) => (
            <a key={p.id} className="button" href={authApi.oidcStartUrl(api, p.id)}>
              <Trans k="auth.continueWith" values={{ provider: <bdi>{p.name}</bdi> }} />
            </a>
          ))}
        </div>
      )}
      <p className="links">
        <Link to="/forgot">{t('auth.forgotLink')}</Link>
        {providers.registration === 'open' && <Link to="/register">{t('auth.registerLink')}</Link>}
      </p>
    </AuthShell>
  );
}
