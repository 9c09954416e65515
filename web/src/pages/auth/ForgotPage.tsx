import { useId, useState, type FormEvent } from 'react';
import { authApi } from '../../api/endpoints';
import { useAuth } from '../../auth/AuthContext';
import { ErrorText } from '../../components/ErrorText';
import { useI18n } from '../../i18n';
import { Link } from '../../lib/router';
import { AuthShell } from './AuthShell';

export function ForgotPage() {
  const { t } = useI18n();
  const { api } = useAuth();
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const id = useId();

  const submit = async (e: FormEvent) => {
    e.preventDefault();
    setError(null);
    try {
      await authApi.forgot(api, email);
      setSent(true);
    } catch (err) {
      setError(err);
    }
  };

  return (
    <AuthShell title={t('auth.forgot.title')}>
      {sent ? (
        <p role="status">{t('auth.forgot.sent')}</p>
      ) : (
        <form onSubmit={submit} className="stack">
          <p className="muted">{t('auth.forgot.intro')}</p>
          <div className="field">
            <label htmlFor={id}>{t('auth.email')}</label>
            <input id={id} type="email" dir="ltr" autoComplete="email" required value={email} onChange={(e) => setEmail(e.target.value)} />
          </div>
          <ErrorText error={error} />
          <button type="submit" className="primary">
            {t('auth.forgot.submit')}
          </button>
        </form>
      )}
      <p className="links">
        <Link to="/signin">{t('auth.backToSignIn')}</Link>
      </p>
    </AuthShell>
  );
}
