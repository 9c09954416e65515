// Routes: public auth pages when signed out, the app frame when signed in.
import { useEffect } from 'react';
import { useAuth } from './auth/AuthContext';
import { Layout } from './components/Layout';
import { useI18n } from './i18n';
import { Link, navigate, useLocation } from './lib/router';
import { AdminPage } from './pages/admin/AdminPage';
import { ForgotPage } from './pages/auth/ForgotPage';
import { RegisterPage } from './pages/auth/RegisterPage';
import { ResetPage } from './pages/auth/ResetPage';
import { SignInPage } from './pages/auth/SignInPage';
import { ChatPage } from './pages/chat/ChatPage';
import { LibraryPage } from './pages/library/LibraryPage';

const kPublic = ['/signin', '/register', '/forgot', '/reset'];

export function App() {
  const { state } = useAuth();
  const { t } = useI18n();
  const { path } = useLocation();
  const isPublic = kPublic.includes(path);

  useEffect(() => {
    if (state === 'signed-out' && !isPublic) navigate('/signin', true);
    if (state === 'signed-in' && isPublic) navigate('/', true);
  }, [state, isPublic]);

  if (state === 'loading') {
    return (
      <p className="page-loading" role="status">
        {t('common.loading')}
      </p>
    );
  }
  if (state === 'signed-out') {
    if (path === '/register') return <RegisterPage />;
    if (path === '/forgot') return <ForgotPage />;
    if (path === '/reset') return <ResetPage />;
    return <SignInPage />;
  }

  let page;
  if (path === '/' || path.startsWith('/c/')) page = <ChatPage conversationId={path.startsWith('/c/') ? decodeURIComponent(path.slice(3)) : null} />;
  else if (path === '/library') page = <LibraryPage />;
  else if (path === '/admin') page = <AdminPage />;
  else
    page = (
      <section className="page narrow">
        <h1>{t('app.notFound')}</h1>
        <Link to="/">{t('app.home')}</Link>
      </section>
    );
  return <Layout>{page}</Layout>;
}
