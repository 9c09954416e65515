// The one place that talks HTTP to sanad: bearer tokens, the refresh dance and error bodies.
import { apiBaseUrl } from './config';
import type { LoginResponse, User } from './types';

/** An HTTP error with the server's `{"error": {code, message}}` body when there was one. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/** Where the refresh token lives between page loads (localStorage in the app). */
export interface TokenStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
}

export interface ApiClientOptions {
  baseUrl?: string;
  fetch?: typeof fetch;
  storage?: TokenStorage;
  /** Called once when the session is lost (refresh failed): the app shows sign-in. */
  onSignedOut?: () => void;
}

export interface RequestOptions {
  body?: unknown;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** false for sign-in/registration calls that must not trigger a refresh. */
  auth?: boolean;
}

const kRefreshKey = 'sanad.refresh_token';

/**
 * Typed HTTP client. The access token is kept in memory only; the refresh token in the
 * given storage. A 401 triggers one refresh (shared by concurrent requests, because the
 * server rotates refresh tokens and revokes the family when an old one is reused), then the
 * request is retried once; if refreshing fails the session is cleared and onSignedOut runs.
 */
export class ApiClient {
  readonly baseUrl: string;
  private readonly fetchImpl: typeof fetch;
  private readonly storage: TokenStorage | undefined;
  private accessToken: string | null = null;
  private refreshing: Promise<boolean> | null = null;
  onSignedOut: (() => void) | undefined;

  constructor(options: ApiClientOptions = {}) {
    this.baseUrl = options.baseUrl ?? apiBaseUrl;
    this.fetchImpl = options.fetch ?? ((input, init) => globalThis.fetch(input, init));
    this.storage = options.storage;
    this.onSignedOut = options.onSignedOut;
  }

  url(path: string): string {
    return this.baseUrl + path;
  }

  get token(): string | null {
    return this.accessToken;
  }

  hasRefreshToken(): boolean {
    return !!this.storage?.getItem(kRefreshKey);
  }

  /** Stores the tokens of a login, registration or OIDC callback. */
  setSession(access: string, refresh: string): void {
    this.accessToken = access;
    this.storage?.setItem(kRefreshKey, refresh);
  }

  clearSession(): void {
    this.accessToken = null;
    this.storage?.removeItem(kRefreshKey);
  }

  async login(email: string, password: string): Promise<User> {
    const r = await this.request<LoginResponse>('POST', '/api/auth/login', {
      body: { email, password },
      auth: false,
    });
    this.setSession(r.access_token, r.refresh_token);
    return r.user;
  }

  /** Redeems the one-time code an OIDC callback put in the URL fragment for a session. */
  async exchangeSignInCode(code: string): Promise<User> {
    const r = await this.request<LoginResponse>('POST', '/api/auth/oidc/exchange', {
      body: { code },
      auth: false,
    });
    this.setSession(r.access_token, r.refresh_token);
    return r.user;
  }

  async logout(): Promise<void> {
    const refresh = this.storage?.getItem(kRefreshKey);
    try {
      if (this.accessToken || refresh) {
        await this.request('POST', '/api/auth/logout', { body: { refresh_token: refresh } });
      }
    } catch {
      // Signing out locally must work even when the server is unreachable.
    } finally {
      this.clearSession();
    }
  }

  /** One refresh at a time; resolves true when a new access token was obtained. */
  refresh(): Promise<boolean> {
    if (!this.refreshing) {
      this.refreshing = this.doRefresh().finally(() => {
        this.refreshing = null;
      });
    }
    return this.refreshing;
  }

  private async doRefresh(): Promise<boolean> {
    const refresh = this.storage?.getItem(kRefreshKey);
    if (!refresh) return false;
    let res: Response;
    try {
      res = await this.fetchImpl(this.url('/api/auth/refresh'), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Accept: 'application/json' },
        body: JSON.stringify({ refresh_token: refresh }),
      });
    } catch {
      return false; // network down: keep the refresh token for a later attempt
    }
    if (!res.ok) {
      this.clearSession();
      return false;
    }
    const body = (await res.json()) as LoginResponse;
    this.setSession(body.access_token, body.refresh_token);
    return true;
  }

  /**
   * fetch() with the bearer token and the 401 → refresh → retry-once rule. Returns the raw
   * Response (for streams and files); non-2xx responses other than a final 401 are returned.
   */
  async fetchAuthed(path: string, init: RequestInit = {}, auth = true): Promise<Response> {
    const send = () => {
      const headers = new Headers(init.headers);
      if (auth && this.accessToken) headers.set('Authorization', `Bearer ${this.accessToken}`);
      return this.fetchImpl(this.url(path), { ...init, headers });
    };
    if (auth && !this.accessToken && this.hasRefreshToken()) await this.refresh();
    let res = await send();
    if (res.status === 401 && auth) {
      if (await this.refresh()) {
        res = await send();
      }
      if (res.status === 401) {
        this.clearSession();
        this.onSignedOut?.();
      }
    }
    return res;
  }

  /** JSON request; resolves with the parsed body (undefined for 204) or throws ApiError. */
  async request<T = unknown>(method: string, path: string, options: RequestOptions = {}): Promise<T> {
    const headers: Record<string, string> = { Accept: 'application/json', ...options.headers };
    let body: BodyInit | undefined;
    if (options.body instanceof FormData || typeof options.body === 'string') {
      body = options.body;
    } else if (options.body !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = JSON.stringify(options.body);
    }
    const res = await this.fetchAuthed(
      path,
      { method, headers, body, signal: options.signal },
      options.auth ?? true,
    );
    if (!res.ok) throw await toApiError(res);
    if (res.status === 204) return undefined as T;
    const type = res.headers.get('Content-Type') ?? '';
    if (!type.includes('json')) return (await res.text()) as T;
    return (await res.json()) as T;
  }
}

/** Builds an ApiError from a failed response, reading the contract's error body if present. */
export async function toApiError(res: Response): Promise<ApiError> {
  let code = `http_${res.status}`;
  let message = res.statusText || code;
  try {
    const body = (await res.json()) as { error?: { code?: string; message?: string } };
    if (body.error?.code) code = body.error.code;
    if (body.error?.message) message = body.error.message;
  } catch {
    // Not JSON: keep the status line.
  }
  return new ApiError(res.status, code, message);
}
