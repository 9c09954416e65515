// Multipart upload with progress events (fetch has no upload progress; XMLHttpRequest does).
import { ApiError, type ApiClient } from './client';
import type { UploadResponse } from './types';

export interface UploadHandle {
  promise: Promise<UploadResponse>;
  abort(): void;
}

function sendOnce(
  client: ApiClient,
  file: File,
  folderId: string,
  onProgress: (fraction: number) => void,
  setXhr: (x: XMLHttpRequest) => void,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    setXhr(xhr);
    xhr.open('POST', client.url('/api/documents'));
    if (client.token) xhr.setRequestHeader('Authorization', `Bearer ${client.token}`);
    xhr.setRequestHeader('Accept', 'application/json');
    xhr.upload.onprogress = (e) => {
      if (e.lengthComputable && e.total > 0) onProgress(e.loaded / e.total);
    };
    xhr.onload = () => resolve({ status: xhr.status, text: xhr.responseText });
    xhr.onerror = () => reject(new ApiError(0, 'network', 'network error'));
    xhr.onabort = () => reject(new ApiError(0, 'aborted', 'aborted'));
    const form = new FormData();
    form.append('file', file, file.name);
    form.append('folder_id', folderId);
    xhr.send(form);
  });
}

/** Uploads one file into a folder; 401 → one refresh → one retry, like the JSON client. */
export function uploadDocument(
  client: ApiClient,
  file: File,
  folderId: string,
  onProgress: (fraction: number) => void,
): UploadHandle {
  let xhr: XMLHttpRequest | null = null;
  const setXhr = (x: XMLHttpRequest) => {
    xhr = x;
  };
  const promise = (async () => {
    if (!client.token && client.hasRefreshToken()) await client.refresh();
    let r = await sendOnce(client, file, folderId, onProgress, setXhr);
    if (r.status === 401 && (await client.refresh())) {
      onProgress(0);
      r = await sendOnce(client, file, folderId, onProgress, setXhr);
    }
    let body: unknown = null;
    try {
      body = JSON.parse(r.text);
    } catch {
      body = null;
    }
    if (r.status < 200 || r.status >= 300) {
      const err = (body as { error?: { code?: string; message?: string } } | null)?.error;
      throw new ApiError(r.status, err?.code ?? `http_${r.status}`, err?.message ?? `HTTP ${r.status}`);
    }
    return body as UploadResponse;
  })();
  return { promise, abort: () => xhr?.abort() };
}
