// Document files need the bearer token, so they are fetched and handed over as blob URLs.
import { toApiError, type ApiClient } from '../api/client';
import { libraryApi } from '../api/endpoints';

async function fetchBlobUrl(api: ApiClient, documentId: string): Promise<string> {
  const res = await api.fetchAuthed(libraryApi.fileUrl(documentId));
  if (!res.ok) throw await toApiError(res);
  return URL.createObjectURL(await res.blob());
}

/** Saves the document under `filename`. */
export async function downloadDocument(api: ApiClient, documentId: string, filename: string): Promise<void> {
  const url = await fetchBlobUrl(api, documentId);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/**
 * Opens the document in a new tab, at `page` for PDFs. The tab is opened synchronously
 * (inside the click) so popup blockers allow it, then pointed at the file once fetched.
 */
export async function openDocument(api: ApiClient, documentId: string, page?: number | null): Promise<void> {
  const tab = window.open('', '_blank');
  try {
    const url = await fetchBlobUrl(api, documentId);
    const target = url + (page != null ? `#page=${page}` : '');
    if (tab) tab.location.href = target;
    else window.location.href = target;
  } catch (e) {
    tab?.close();
    throw e;
  }
}
