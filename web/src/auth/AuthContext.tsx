// Session state: the signed-in user, built on the one ApiClient instance of the app.
import { createContext, useCallback, useContext, useEffect, useMemo, useState, type ReactNode } from 'react';
import { ApiClient } from '../api/client';
import { authApi } from '../api/endpoints';
import type { User } from '../api/types';

type SessionState = 'loading' | 'signed-in' | 'signed-out';

interface AuthValue {
  api: ApiClient;
  user: User | null;
  state: SessionState;
  /** True when the last sign-out came from an expired session rather than the user. */
  expired: boolean;
  signIn(email: string, password: string): Promise<void>;
  signOut(): Promise<void>;
  reload(): Promise<void>;
}

const AuthContext = createContext<AuthValue | null>(null);

function browserStorage() {
  try {
    return window.localStorage;
  } catch {
    return undefined;
  }
}

/**
 * After an OIDC sign-in the server redirects back with a one-time code in the URL
 * fragment (#oidc_code=…, valid one minute, single use) or a reason (#oidc_error=…).
 * The fragment never reaches a server; it is removed from the address bar at once and
 * the code is exchanged for the session by POST /api/auth/oidc/exchange.
 */
async function takeSignInFromFragment(api: ApiClient): Promise<void> {
  const hash = window.location.hash.slice(1);
  if (!hash.includes('oidc_code=') && !hash.includes('oidc_error=')) return;
  const code = new URLSearchParams(hash).get('oidc_code');
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
  if (code) await api.exchangeSignInCode(code).catch(() => undefined);
}

export function AuthProvider({ children, client }: { children: ReactNode; client?: ApiClient }) {
  const [api] = useState(() => client ?? new ApiClient({ storage: browserStorage() }));
  const [user, setUser] = useState<User | null>(null);
  const [state, setState] = useState<SessionState>('loading');
  const [expired, setExpired] = useState(false);

  const reload = useCallback(async () => {
    if (!api.token && !api.hasRefreshToken()) {
      setUser(null);
      setState('signed-out');
      return;
    }
    try {
      const me = await authApi.me(api);
      setUser(me);
      setState('signed-in');
    } catch {
      setUser(null);
      setState('signed-out');
    }
  }, [api]);

  useEffect(() => {
    api.onSignedOut = () => {
      setExpired(true);
      setUser(null);
      setState('signed-out');
    };
    void takeSignInFromFragment(api).then(reload);
  }, [api, reload]);

  const signIn = useCallback(
    async (email: string, password: string) => {
      const u = await api.login(email, password);
      setExpired(false);
      setUser(u);
      setState('signed-in');
    },
    [api],
  );

  const signOut = useCallback(async () => {
    await api.logout();
    setExpired(false);
    setUser(null);
    setState('signed-out');
  }, [api]);

  const value = useMemo(
    () => ({ api, user, state, expired, signIn, signOut, reload }),
    [api, user, state, expired, signIn, signOut, reload],
  );
  return <AuthContext.Provider value={value}>{children}</AuthContext.Provider>;
}

export function useAuth(): AuthValue {
  const v = useContext(AuthContext);
  if (!v) throw new Error('useAuth outside AuthProvider');
  return v;
}
