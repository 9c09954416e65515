import { describe, expect, it } from 'vitest';
import { jobEventFrom } from '../src/api/streams';

const job = (state: string, progress: object, error: string | null = null) =>
  JSON.stringify({ id: 'j1', type: 'document.ingest', state, progress, error });

describe('jobEventFrom (the server sends the whole Job in each event)', () => {
  it('maps a running ingestion with pages to processing and a fraction', () => {
    expect(jobEventFrom('progress', job('running', { pages_done: 1, pages_total: 4, chunks_done: 2 }))).toEqual({
      status: 'processing',
      progress: 0.25,
      error: undefined,
      final: false,
    });
  });

  it('leaves the fraction out when the job reports no total', () => {
    expect(jobEventFrom('progress', job('running', { pages_done: 0, pages_total: 0 }))?.progress).toBeUndefined();
  });

  it('reads the re-index counters done/total', () => {
    expect(jobEventFrom('progress', job('running', { done: 3, total: 4, stage: 'rebuild' }))?.progress).toBe(0.75);
  });

  it('ends on done: succeeded is ready, failed carries the job error', () => {
    expect(jobEventFrom('done', job('succeeded', { chunks_done: 7 }))).toMatchObject({ status: 'ready', progress: 1, final: true });
    expect(jobEventFrom('done', job('failed', {}, 'invalid_argument: the PDF is damaged'))).toMatchObject({
      status: 'failed',
      error: 'invalid_argument: the PDF is damaged',
      final: true,
    });
    expect(jobEventFrom('done', job('cancelled', {}))).toMatchObject({ status: 'failed', final: true });
  });

  it('turns the error event into a final failure with its message', () => {
    expect(jobEventFrom('error', JSON.stringify({ error: { code: 'not_found', message: 'no such job' } }))).toEqual({
      status: 'failed',
      error: 'no such job',
      final: true,
    });
  });

  it('ignores data that is not a job', () => {
    expect(jobEventFrom('progress', 'not json')).toBeNull();
    expect(jobEventFrom('progress', '{}')).toBeNull();
  });
});
