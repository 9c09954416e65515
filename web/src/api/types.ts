// Types of the HTTP contract (/work/shared/API.md). Only what the app reads is typed;
// the server may send more fields.

export type Role = 'admin' | 'member' | string;

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
}

export interface LoginResponse {
  access_token: string;
  refresh_token: string;
  expires_in: number;
  user: User;
}

/** GET /api/auth/providers — assumed shape, see web/README.md. */
export interface AuthProviders {
  password: boolean;
  registration: 'open' | 'invite' | 'closed';
  oidc: { id: string; name: string }[];
}

export interface ApiErrorBody {
  error: { code: string; message: string };
}

export interface Folder {
  id: string;
  name: string;
  parent_id: string | null;
  children?: Folder[];
}

export type DocumentStatus = 'queued' | 'processing' | 'ready' | 'failed';

export interface DocumentInfo {
  id: string;
  title: string;
  filename?: string;
  folder_id: string;
  status: DocumentStatus;
  error?: string | null;
  pages?: number;
  chunks?: number;
  size?: number;
  created_at?: string;
}

export interface UploadResponse {
  document: DocumentInfo;
  job_id: string;
}

/** One event of GET /api/jobs/{id}/events. Assumed fields, see web/README.md. */
export interface JobEvent {
  status: DocumentStatus | 'done';
  progress?: number; // 0..1
  stage?: string;
  error?: string;
}

export type Permission = 'read' | 'write' | 'manage';

export interface PermissionEntry {
  principal: string; // "user:<id>" | "group:<id>" | "everyone"
  permission: Permission;
}

export interface Citation {
  n: number;
  document_id: string;
  chunk_id: string;
  title: string;
  page?: number | null;
  /** Heading trail of the passage, outermost first (optional in the contract). */
  section?: string | string[] | null;
  quote: string;
  /** Optional full passage; when absent `quote` is the passage. */
  passage?: string;
  start?: number;
  end?: number;
}

export interface ConversationSummary {
  id: string;
  title?: string | null;
  updated_at?: string;
}

export interface ChatMessage {
  id?: string;
  role: 'user' | 'assistant';
  content: string;
  citations?: Citation[];
  answered?: boolean;
}

export interface Conversation extends ConversationSummary {
  messages: ChatMessage[];
}

export interface DoneEvent {
  message_id: string;
  answered: boolean;
  timings?: Record<string, number>;
}

export interface Group {
  id: string;
  name: string;
  member_ids?: string[];
}

/** GET /health/ready: one entry per dependency. */
export type HealthReport = Record<string, { status?: string; ok?: boolean; detail?: string } | string | boolean>;
