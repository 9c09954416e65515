// API base URL, fixed at build time. Empty means "same origin" (the app served by sanad).
const raw: string = import.meta.env.VITE_API_BASE_URL ?? '';

/** The API origin without a trailing slash ('' for same origin). */
export const apiBaseUrl: string = raw.replace(/\/+$/, '');

/** Joins the base URL and an absolute API path such as "/api/me". */
export function apiUrl(path: string, base: string = apiBaseUrl): string {
  return base + path;
}
