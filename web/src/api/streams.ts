// Streaming routes: the chat answer (POST + SSE) and job progress (GET + SSE).
// Both go through fetch so the bearer token can be sent (EventSource cannot set headers).
import { toApiError, type ApiClient } from './client';
import { readSse } from './sse';
import type { Citation, DoneEvent, Job, JobEvent } from './types';

export interface AnswerHandlers {
  onDelta(text: string): void;
  onCitations(citations: Citation[]): void;
  onDone(done: DoneEvent): void;
  onError?(message: string): void;
}

function parseJson<T>(data: string): T | null {
  try {
    return JSON.parse(data) as T;
  } catch {
    return null;
  }
}

/**
 * Sends a question and streams the answer. Resolves when the stream ends; abort with the
 * signal to stop generation (resolves quietly). Throws ApiError for an HTTP error.
 */
export async function streamAnswer(
  client: ApiClient,
  conversationId: string,
  content: string,
  handlers: AnswerHandlers,
  signal?: AbortSignal,
): Promise<void> {
  const res = await client.fetchAuthed(`/api/conversations/${encodeURIComponent(conversationId)}/messages`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', Accept: 'text/event-stream' },
    body: JSON.stringify({ content }),
    signal,
  });
  if (!res.ok) throw await toApiError(res);
  if (!res.body) return;
  try {
    for await (const ev of readSse(res.body)) {
      if (ev.event === 'delta') {
        const d = parseJson<{ text?: string }>(ev.data);
        if (d?.text) handlers.onDelta(d.text);
      } else if (ev.event === 'citations') {
        const d = parseJson<Citation[] | { citations: Citation[] }>(ev.data);
        if (d) handlers.onCitations(Array.isArray(d) ? d : d.citations ?? []);
      } else if (ev.event === 'done') {
        const d = parseJson<DoneEvent>(ev.data);
        if (d) handlers.onDone(d);
      } else if (ev.event === 'error') {
        const d = parseJson<{ error?: { message?: string }; message?: string }>(ev.data);
        handlers.onError?.(d?.error?.message ?? d?.message ?? ev.data);
      }
    }
  } catch (e) {
    if (signal?.aborted) return;
    throw e;
  }
}

const kJobStatus: Record<Job['state'], JobEvent['status']> = {
  queued: 'queued',
  running: 'processing',
  succeeded: 'ready',
  failed: 'failed',
  cancelled: 'failed',
};

/** Fraction done from a job's progress counters, when they carry a total. */
function jobFraction(progress: Job['progress']): number | undefined {
  if (!progress) return undefined;
  const ratio = (done: unknown, total: unknown) =>
    typeof done === 'number' && typeof total === 'number' && total > 0 ? Math.min(1, done / total) : undefined;
  return ratio(progress.pages_done, progress.pages_total) ?? ratio(progress.done, progress.total);
}

/** Translates one event of /api/jobs/{id}/events (`progress`/`done` carry a Job, `error` an error body). */
export function jobEventFrom(event: string, data: string): JobEvent | null {
  if (event === 'error') {
    const d = parseJson<{ error?: { message?: string } }>(data);
    return { status: 'failed', error: d?.error?.message ?? data, final: true };
  }
  const job = parseJson<Job>(data);
  if (!job || !job.state) return null;
  const status = kJobStatus[job.state] ?? 'processing';
  return {
    status,
    progress: status === 'ready' ? 1 : jobFraction(job.progress),
    error: job.error ?? undefined,
    final: event === 'done' || job.state === 'succeeded' || job.state === 'failed' || job.state === 'cancelled',
  };
}

/** Follows a job's progress events until it ends or the signal aborts. */
export async function followJob(
  client: ApiClient,
  jobId: string,
  onEvent: (e: JobEvent) => void,
  signal?: AbortSignal,
): Promise<void> {
  const res = await client.fetchAuthed(`/api/jobs/${encodeURIComponent(jobId)}/events`, {
    headers: { Accept: 'text/event-stream' },
    signal,
  });
  if (!res.ok) throw await toApiError(res);
  if (!res.body) return;
  try {
    for await (const ev of readSse(res.body)) {
      const e = jobEventFrom(ev.event, ev.data);
      if (!e) continue;
      onEvent(e);
      if (e.final) return;
    }
  } catch (e) {
    if (signal?.aborted) return;
    throw e;
  }
}
