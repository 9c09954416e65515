import { useEffect, useState } from 'react';
import { authApi } from '../../api/endpoints';
import type { AuthProviders } from '../../api/types';
import { useAuth } from '../../auth/AuthContext';

const kFallback: AuthProviders = { password: true, registration: 'closed', oidc: [] };

/** The server's sign-in options; password-only with closed registration until known. */
export function useProviders(): AuthProviders {
  const { api } = useAuth();
  const [p, setP] = useState<AuthProviders>(kFallback);
  useEffect(() => {
    let live = true;
    authApi
      .providers(api)
      .then((r) => live && setP({ ...kFallback, ...r, oidc: r.oidc ?? [] }))
      .catch(() => undefined);
    return () => {
      live = false;
    };
  }, [api]);
  return p;
}
