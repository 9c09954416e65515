import { describe, expect, it, vi } from 'vitest';
import { ApiClient, ApiError, type TokenStorage } from '../src/api/client';

class MemoryStorage implements TokenStorage {
  map = new Map<string, string>();
  getItem(k: string) {
    return this.map.get(k) ?? null;
  }
  setItem(k: string, v: string) {
    this.map.set(k, v);
  }
  removeItem(k: string) {
    this.map.delete(k);
  }
}

const json = (status: number, body: unknown) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } });

/**
 * A fake server: access token "A<n>" is valid only for the latest n; refresh rotates
 * "R<n>" → "R<n+1>" and rejects any other (reused) refresh token.
 */
function fakeServer(opts: { refreshFails?: boolean } = {}) {
  let generation = 1;
  const calls: { path: string; auth: string | null }[] = [];
  const fetchImpl = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = String(input);
    const path = url.replace(/^https?:\/\/[^/]+/, '');
    const auth = new Headers(init?.headers).get('Authorization');
    calls.push({ path, auth });
    await Promise.resolve();
    if (path === '/api/auth/refresh') {
      const { refresh_token } = JSON.parse(String(init?.body)) as { refresh_token: string };
      if (opts.refreshFails || refresh_token !== `R${generation}`) return json(401, { error: { code: 'unauthenticated', message: 'bad refresh' } });
      generation++;
      return json(200, { access_token: `A${generation}`, refresh_token: `R${generation}`, expires_in: 900, user: { id: 'u' } });
    }
    if (auth !== `Bearer A${generation}`) return json(401, { error: { code: 'unauthenticated', message: 'expired' } });
    if (path === '/api/missing') return json(404, { error: { code: 'not_found', message: 'no such thing' } });
    return json(200, { ok: true, path });
  });
  return { fetchImpl, calls };
}

function setup(opts: { refreshFails?: boolean } = {}) {
  const server = fakeServer(opts);
  const storage = new MemoryStorage();
  const onSignedOut = vi.fn();
  const client = new ApiClient({ baseUrl: 'http://api.test', fetch: server.fetchImpl as typeof fetch, storage, onSignedOut });
  return { server, storage, onSignedOut, client };
}

describe('ApiClient', () => {
  it('sends the bearer token and returns the JSON body', async () => {
    const { client } = setup();
    client.setSession('A1', 'R1');
    await expect(client.request('GET', '/api/me')).resolves.toEqual({ ok: true, path: '/api/me' });
  });

  it('on 401 refreshes once, retries, and keeps the rotated refresh token', async () => {
    const { client, server, storage } = setup();
    client.setSession('stale', 'R1');
    await expect(client.request('GET', '/api/me')).resolves.toMatchObject({ ok: true });
    expect(server.calls.map((c) => c.path)).toEqual(['/api/me', '/api/auth/refresh', '/api/me']);
    expect(client.token).toBe('A2');
    expect(storage.getItem('sanad.refresh_token')).toBe('R2');
  });

  it('shares one refresh between concurrent 401s (rotation must not be raced)', async () => {
    const { client, server, onSignedOut } = setup();
    client.setSession('stale', 'R1');
    const results = await Promise.all([
      client.request('GET', '/api/a'),
      client.request('GET', '/api/b'),
      client.request('GET', '/api/c'),
    ]);
    expect(results).toHaveLength(3);
    expect(server.calls.filter((c) => c.path === '/api/auth/refresh')).toHaveLength(1);
    expect(onSignedOut).not.toHaveBeenCalled();
  });

  it('when refreshing fails, clears the session and signals sign-out', async () => {
    const { client, storage, onSignedOut, server } = setup({ refreshFails: true });
    client.setSession('stale', 'R1');
    await expect(client.request('GET', '/api/me')).rejects.toMatchObject({ status: 401, code: 'unauthenticated' });
    expect(onSignedOut).toHaveBeenCalledTimes(1);
    expect(client.token).toBeNull();
    expect(storage.getItem('sanad.refresh_token')).toBeNull();
    expect(server.calls.filter((c) => c.path === '/api/me')).toHaveLength(1);
  });

  it('refreshes before the first request when only a refresh token is stored (page reload)', async () => {
    const { client, storage, server } = setup();
    storage.setItem('sanad.refresh_token', 'R1');
    await client.request('GET', '/api/me');
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/refresh', '/api/me']);
  });

  it('maps the contract error body to ApiError', async () => {
    const { client } = setup();
    client.setSession('A1', 'R1');
    const err = await client.request('GET', '/api/missing').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ status: 404, code: 'not_found', message: 'no such thing' });
  });

  it('does not refresh for unauthenticated calls such as login', async () => {
    const { client, server } = setup();
    await expect(client.login('a@b.c', 'wrong')).rejects.toMatchObject({ status: 401 });
    expect(server.calls.map((c) => c.path)).toEqual(['/api/auth/login']);
  });
});
