import { useId, useState, type FormEvent } from 'react';
import { authApi } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { Link, useLocation } from '../../lib/router';
import { AuthShell } from './AuthShell';

/** Reached from the e-mailed link: /reset?token=… */
export function ResetPage() {
  const { t } = useI18n();
  const { api } = useAuth();
  const token = useLocation().query.get('token') ?? '';
  const [password, setPassword] = useState('');
  const [done, setDone] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();
  const hint = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await authApi.reset(api, token, password);
      setDone(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <AuthShell title={t('auth.reset.title')}>
      {!token ? (
        <p className="error">{t('auth.reset.missingToken')}</p>
      ) : done ? (
        <p role="status">{t('auth.reset.done')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <div className="field">
            <label htmlFor={id}>{t('auth.reset.password')}</label>
            <input id={id} type="password" autoComplete="new-password" minLength={8} required aria-describedby={hint} value={password} onChange={(e) => setPassword(e.target.value)} />
            <small id={hint}>{t('auth.passwordHint')}</small>
          </div>
          <ErrorText error={error} />
          <button type="submit" className="primary">
            {t('auth.reset.submit')}
          </button>
        </form>
      )}
      <p className="links">
        <Link to="/signin">{t('auth.backToSignIn')}</Link>
      </p>
    </AuthShell>
  );
}
