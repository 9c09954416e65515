import { describe, expect, it, vi } from 'vitest';
import { ApiClient } from '../src/api/client';
import { streamAnswer } from '../src/api/streams';
import type { Citation, DoneEvent } from '../src/api/types';

const enc = new TextEncoder();

/** A response body that sends `chunks` then stays open until the request is aborted. */
function openStream(chunks: string[], signal: AbortSignal | null | undefined): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const c of chunks) controller.enqueue(enc.encode(c));
      signal?.addEventListener('abort', () => controller.error(new DOMException('aborted', 'AbortError')));
    },
  });
}

function clientWith(fetchImpl: (url: string, init: RequestInit) => Promise<Response>) {
  const c = new ApiClient({ baseUrl: '', fetch: fetchImpl as unknown as typeof fetch });
  c.setSession('A1', 'R1');
  return c;
}

describe('streamAnswer', () => {
  it('posts the question for an event stream and dispatches delta, citations and done', async () => {
    const seen: RequestInit[] = [];
    const body =
      'event: delta\ndata: {"text":"Un "}\n\n' +
      'event: delta\ndata: {"text":"mois [1]."}\n\n' +
      'event: citations\ndata: [{"n":1,"document_id":"d","chunk_id":"k","title":"T","page":2,"quote":"q","start":0,"end":1}]\n\n' +
      'event: done\ndata: {"message_id":"m1","answered":true,"timings":{}}\n\n';
    const client = clientWith(async (_url, init) => {
      seen.push(init);
      return new Response(body, { headers: { 'Content-Type': 'text/event-stream' } });
    });
    let text = '';
    let cites: Citation[] = [];
    let done: DoneEvent | null = null;
    await streamAnswer(client, 'c1', 'Préavis ?', {
      onDelta: (t) => (text += t),
      onCitations: (c) => (cites = c),
      onDone: (d) => (done = d),
    });
    expect(text).toBe('Un mois [1].');
    expect(cites.map((c) => c.n)).toEqual([1]);
    expect(done).toEqual({ message_id: 'm1', answered: true, timings: {} });
    const headers = new Headers(seen[0]!.headers);
    expect(headers.get('Accept')).toBe('text/event-stream');
    expect(headers.get('Authorization')).toBe('Bearer A1');
    expect(JSON.parse(String(seen[0]!.body))).toEqual({ content: 'Préavis ?' });
  });

  it('stops quietly when aborted mid-stream (stop generation)', async () => {
    const client = clientWith(async (_url, init) =>
      new Response(openStream(['event: delta\ndata: {"text":"Début"}\n\n'], init.signal), {
        headers: { 'Content-Type': 'text/event-stream' },
      }),
    );
    const controller = new AbortController();
    const onDone = vi.fn();
    let text = '';
    const finished = streamAnswer(
      client,
      'c1',
      'q',
      {
        onDelta: (t) => {
          text += t;
          controller.abort();
        },
        onCitations: () => undefined,
        onDone,
      },
      controller.signal,
    );
    await expect(finished).resolves.toBeUndefined();
    expect(text).toBe('Début');
    expect(onDone).not.toHaveBeenCalled();
  });

  it('rejects with the server error for a non-2xx answer', async () => {
    const client = clientWith(async () =>
      new Response(JSON.stringify({ error: { code: 'not_found', message: 'no conversation' } }), {
        status: 404,
        headers: { 'Content-Type': 'application/json' },
      }),
    );
    await expect(
      streamAnswer(client, 'nope', 'q', { onDelta: () => undefined, onCitations: () => undefined, onDone: () => undefined }),
    ).rejects.toMatchObject({ status: 404, code: 'not_found' });
  });
});
