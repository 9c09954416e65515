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
  /** The uploaded file's name (used for downloads). */
  original_name?: string;
  folder_id: string;
  status: DocumentStatus;
  error?: string | null;
  pages?: number;
  chunks?: number;
  size_bytes?: number;
  mime_type?: string;
  /** The ingestion job, when one ran. */
  job_id?: string | null;
  created_at?: string;
}

export interface UploadResponse {
  document: DocumentInfo;
  /** Empty when the same content already was in the folder (the existing document is returned). */
  job_id: string;
}

/** A background job as the server sends it (GET /api/jobs/{id} and each job event's data). */
export interface Job {
  id: string;
  type: string;
  state: 'queued' | 'running' | 'succeeded' | 'failed' | 'cancelled';
  /** Free-form counters: ingestion sends pages_done/pages_total/chunks_done, re-indexing done/total/stage. */
  progress?: Record<string, number | string>;
  error?: string | null;
}

/** One job event as the app uses it: followJob() derives it from the server's Job. */
export interface JobEvent {
  status: 'queued' | 'processing' | 'ready' | 'failed';
  progress?: number; // 0..1 when the job reports a total
  error?: string;
  /** True on the last event (job succeeded, failed or was cancelled). */
  final: boolean;
}

export type Permission = 'read' | 'write' | 'manage';

export interface PermissionEntry {
  principal: string; // "user:<id>" | "group:<id>" | "everyone"
  permission: Permission;
}

export interface Citation {
  n: number;
  document_id: string;
  /** The chunk, or the FAQ entry when `kind` is "faq". */
  chunk_id: string;
  title: string;
  /** 1-based page; 0 or absent for formats without pages. */
  page?: number | null;
  /** Heading trail of the passage, outermost first ("A > B"). */
  section?: string | string[] | null;
  /** The exact words quoted. */
  quote: string;
  /** Optional surrounding passage (the server does not send one today). */
  passage?: string;
  /** Code-point offsets of the quote in the document's extracted text. */
  start?: number;
  end?: number;
  /** "faq" for a curated FAQ answer (no document to open). */
  kind?: 'faq' | string;
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

/** GET /health/ready: `{status, checks: {name: {ok, detail, ms}}}` (older flat shapes still read). */
export type HealthReport = Record<string, { status?: string; ok?: boolean; detail?: string } | string | boolean>;

/** POST /api/faq/import: counts by outcome and the rows refused (with their CSV line). */
export interface FaqImportReport {
  folder_id?: string;
  inserted?: number;
  updated?: number;
  unchanged?: number;
  error_count?: number;
  errors?: { line: number; message: string }[];
}
