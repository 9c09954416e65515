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
 * After an OIDC sign-in the server redirects back with the tokens in the URL fragment
 * (#access_token=…&refresh_token=…; assumption, see web/README.md). The fragment never
 * reaches a server; it is removed from the address bar at once.
 */
function takeTokensFromFragment(api: ApiClient): void {
  const hash = window.location.hash.slice(1);
  if (!hash.includes('access_token=')) return;
  const p = new URLSearchParams(hash);
  const access = p.get('access_token');
  const refresh = p.get('refresh_token');
  if (access && refresh) api.setSession(access, refresh);
  window.history.replaceState(null, '', window.location.pathname + window.location.search);
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
    takeTokensFromFragment(api);
    api.onSignedOut = () => {
      setExpired(true);
      setUser(null);
      setState('signed-out');
    };
    void reload();
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
