/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** API origin fixed at build time, e.g. "https://sanad.example.org"; empty = same origin. */
  readonly VITE_API_BASE_URL?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
