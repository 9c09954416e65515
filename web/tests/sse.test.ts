import { describe, expect, it } from 'vitest';
import { readSse, SseParser, type SseEvent } from '../src/api/sse';

function feedAll(chunks: string[]): SseEvent[] {
  const p = new SseParser();
  return chunks.flatMap((c) => p.feed(c));
}

function streamOf(parts: Uint8Array[]): ReadableStream<Uint8Array> {
  return new ReadableStream({
    start(controller) {
      for (const p of parts) controller.enqueue(p);
      controller.close();
    },
  });
}

describe('SseParser', () => {
  it('parses named events with JSON data', () => {
    const evs = feedAll(['event: delta\ndata: {"text":"Bon"}\n\nevent: done\ndata: {"message_id":"m1","answered":true}\n\n']);
    expect(evs).toEqual([
      { event: 'delta', data: '{"text":"Bon"}' },
      { event: 'done', data: '{"message_id":"m1","answered":true}' },
    ]);
  });

  it('handles events split at every possible position', () => {
    const text = 'event: delta\r\ndata: {"text":"a"}\r\n\r\nevent: citations\ndata: [1]\n\n';
    const whole = feedAll([text]);
    for (let i = 1; i < text.length; i++) {
      expect(feedAll([text.slice(0, i), text.slice(i)])).toEqual(whole);
    }
    expect(whole.map((e) => e.event)).toEqual(['delta', 'citations']);
  });

  it('treats CR, LF and CRLF as line ends, including a CRLF split across chunks', () => {
    expect(feedAll(['data: x\r', '\n\r', '\n'])).toEqual([{ event: 'message', data: 'x' }]);
    expect(feedAll(['data: y\r\r'])).toEqual([{ event: 'message', data: 'y' }]);
  });

  it('joins multi-line data, ignores comments, strips one leading space only', () => {
    const evs = feedAll([': keep-alive\n', 'data:  two\ndata:line\n\n']);
    expect(evs).toEqual([{ event: 'message', data: ' two\nline' }]);
  });

  it('dispatches nothing for a block without data and drops an unterminated event', () => {
    const p = new SseParser();
    expect(p.feed('event: delta\n\n')).toEqual([]);
    expect(p.feed('event: delta\ndata: {"text":"x"}\n')).toEqual([]);
    p.end();
    expect(p.feed('\n')).toEqual([]);
  });

  it('keeps the last event id', () => {
    expect(feedAll(['id: 7\ndata: a\n\ndata: b\n\n'])).toEqual([
      { event: 'message', data: 'a', id: '7' },
      { event: 'message', data: 'b', id: '7' },
    ]);
  });
});

describe('readSse', () => {
  it('decodes UTF-8 split inside a multi-byte character (Arabic)', async () => {
    const bytes = new TextEncoder().encode('event: delta\ndata: {"text":"مرحبا"}\n\n');
    const cut = bytes.indexOf(0xd9) + 1; // inside the first Arabic letter
    const evs: SseEvent[] = [];
    for await (const ev of readSse(streamOf([bytes.slice(0, cut), bytes.slice(cut)]))) evs.push(ev);
    expect(evs).toHaveLength(1);
    expect(JSON.parse(evs[0]!.data)).toEqual({ text: 'مرحبا' });
  });
});
