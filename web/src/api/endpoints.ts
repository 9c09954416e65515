// Typed wrappers over the routes of API.md. Each takes the client so tests can inject one.
import type { ApiClient } from './client';
import type {
  AuthProviders,
  Conversation,
  ConversationSummary,
  DocumentInfo,
  FaqImportReport,
  Folder,
  Group,
  HealthReport,
  LoginResponse,
  PermissionEntry,
  User,
} from './types';

const enc = encodeURIComponent;

export const authApi = {
  providers: (c: ApiClient) => c.request<AuthProviders>('GET', '/api/auth/providers', { auth: false }),
  register: async (c: ApiClient, body: { email: string; password: string; name: string }) => {
    const r = await c.request<Partial<LoginResponse>>('POST', '/api/auth/register', { body, auth: false });
    if (r && r.access_token && r.refresh_token) c.setSession(r.access_token, r.refresh_token);
    return r;
  },
  forgot: (c: ApiClient, email: string) =>
    c.request('POST', '/api/auth/password/forgot', { body: { email }, auth: false }),
  reset: (c: ApiClient, token: string, password: string) =>
    c.request('POST', '/api/auth/password/reset', { body: { token, password }, auth: false }),
  me: (c: ApiClient) => c.request<User>('GET', '/api/me'),
  /** Full URL the browser navigates to for an OIDC / Google sign-in. */
  oidcStartUrl: (c: ApiClient, provider: string) => c.url(`/api/auth/oidc/${enc(provider)}/start`),
};

export const chatApi = {
  list: (c: ApiClient) =>
    c.request<ConversationSummary[] | { conversations: ConversationSummary[] }>('GET', '/api/conversations').then(
      (r) => (Array.isArray(r) ? r : r.conversations ?? []),
    ),
  create: (c: ApiClient) => c.request<{ id: string }>('POST', '/api/conversations', { body: {} }),
  get: (c: ApiClient, id: string) => c.request<Conversation>('GET', `/api/conversations/${enc(id)}`),
  feedback: (c: ApiClient, messageId: string, rating: 'up' | 'down', comment: string) =>
    c.request('POST', `/api/messages/${enc(messageId)}/feedback`, { body: { rating, comment } }),
};

export const libraryApi = {
  folders: (c: ApiClient) =>
    c.request<Folder[] | { folders: Folder[] }>('GET', '/api/folders').then((r) =>
      Array.isArray(r) ? r : r.folders ?? [],
    ),
  createFolder: (c: ApiClient, name: string, parentId: string | null) =>
    c.request<Folder>('POST', '/api/folders', { body: { name, parent_id: parentId } }),
  permissions: (c: ApiClient, folderId: string) =>
    c.request<{ entries: PermissionEntry[] }>('GET', `/api/folders/${enc(folderId)}/permissions`),
  setPermissions: (c: ApiClient, folderId: string, entries: PermissionEntry[]) =>
    c.request('PUT', `/api/folders/${enc(folderId)}/permissions`, { body: { entries } }),
  documents: (c: ApiClient, folderId: string | null, q = '') => {
    const p = new URLSearchParams();
    if (folderId) p.set('folder_id', folderId);
    if (q) p.set('q', q);
    return c
      .request<DocumentInfo[] | { documents: DocumentInfo[] }>('GET', `/api/documents?${p.toString()}`)
      .then((r) => (Array.isArray(r) ? r : r.documents ?? []));
  },
  document: (c: ApiClient, id: string) => c.request<DocumentInfo>('GET', `/api/documents/${enc(id)}`),
  remove: (c: ApiClient, id: string) => c.request('DELETE', `/api/documents/${enc(id)}`),
  fileUrl: (id: string) => `/api/documents/${enc(id)}/file`,
};

export const adminApi = {
  users: (c: ApiClient) =>
    c.request<User[] | { users: User[] }>('GET', '/api/users').then((r) => (Array.isArray(r) ? r : r.users ?? [])),
  createUser: (c: ApiClient, body: { email: string; password: string; name: string; role: string }) =>
    c.request<User>('POST', '/api/users', { body }),
  groups: (c: ApiClient) =>
    c.request<Group[] | { groups: Group[] }>('GET', '/api/groups').then((r) => (Array.isArray(r) ? r : r.groups ?? [])),
  createGroup: (c: ApiClient, name: string) => c.request<Group>('POST', '/api/groups', { body: { name } }),
  setMembers: (c: ApiClient, groupId: string, userIds: string[]) =>
    c.request('PUT', `/api/groups/${enc(groupId)}/members`, { body: { user_ids: userIds } }),
  /** Sets the registration policy (PUT /api/settings/registration {mode}). */
  setRegistration: (c: ApiClient, policy: 'open' | 'invite' | 'closed') =>
    c.request('PUT', '/api/settings/registration', { body: { mode: policy } }),
  importFaq: (c: ApiClient, csv: string) =>
    c.request<FaqImportReport>('POST', '/api/faq/import', {
      body: csv,
      headers: { 'Content-Type': 'text/csv' },
    }),
  /** Starts an index.rebuild job (administrators). */
  reindex: (c: ApiClient, vectorize: boolean) =>
    c.request<{ job_id: string }>('POST', '/api/admin/reindex', { body: { vectorize } }),
  health: (c: ApiClient) => c.fetchAuthed('/health/ready', { headers: { Accept: 'application/json' } }).then(
    async (res) => ({ ok: res.ok, report: (await res.json().catch(() => ({}))) as HealthReport }),
  ),
};
