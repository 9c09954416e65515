// End-to-end harness: a tiny static server for web/dist (with the SPA fallback sanad
// applies) and Debian's Chromium driven by playwright-core with a fresh profile.
import { createReadStream } from 'node:fs';
import { mkdtemp, mkdir, rm, stat } from 'node:fs/promises';
import { createServer } from 'node:http';
import { tmpdir } from 'node:os';
import { dirname, extname, join, normalize, resolve, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const webDir = resolve(here, '..');
export const distDir = join(webDir, 'dist');
/** Screenshots and traces; the repository's test-artifacts/ unless SANAD_ARTIFACTS_DIR is set. */
export const artifactsDir = process.env.SANAD_ARTIFACTS_DIR ?? resolve(webDir, '..', 'test-artifacts', 'web');

const kTypes = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json',
  '.woff2': 'font/woff2',
};

/** Serves `root` on 127.0.0.1 (random port); unknown paths outside /assets/ get index.html. */
export async function startStaticServer(root = distDir) {
  const server = createServer(async (req, res) => {
    const path = decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname);
    let file = normalize(join(root, path));
    if (!file.startsWith(root + sep) && file !== root) {
      res.writeHead(403).end();
      return;
    }
    let info = await stat(file).catch(() => null);
    if (!info || info.isDirectory()) {
      if (path.startsWith('/assets/') || path.startsWith('/api/')) {
        res.writeHead(404).end();
        return;
      }
      file = join(root, 'index.html');
      info = await stat(file);
    }
    res.writeHead(200, {
      'Content-Type': kTypes[extname(file)] ?? 'application/octet-stream',
      'Content-Length': info.size,
      'Cache-Control': path.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache',
    });
    createReadStream(file).pipe(res);
  });
  await new Promise((ok) => server.listen(0, '127.0.0.1', ok));
  const { port } = server.address();
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((ok) => server.close(ok)),
  };
}

export const kChromiumPath = process.env.SANAD_CHROMIUM ?? '/usr/bin/chromium';
export const kChromiumArgs = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];

/** Starts Chromium with a new empty profile; close() also deletes the profile. */
export async function launchBrowser() {
  await stat(kChromiumPath).catch(() => {
    throw new Error(`${kChromiumPath} not found: install the Debian package chromium (scripts/install-deps.sh test)`);
  });
  const profile = await mkdtemp(join(tmpdir(), 'sanad-e2e-profile-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: kChromiumPath,
    headless: true,
    args: kChromiumArgs,
    viewport: { width: 1280, height: 800 },
    locale: 'fr-FR',
  });
  return {
    context,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

export async function ensureArtifactsDir() {
  await mkdir(artifactsDir, { recursive: true });
  return artifactsDir;
}

/**
 * Answers every /api request from a table keyed "METHOD /path": each entry is
 * `{status, body}` (JSON), `{status, contentType, raw}` (verbatim text, e.g. an SSE
 * stream), or a function of the Playwright request returning one of those. Unknown
 * routes get a 404 in the contract's error shape. Returns the list of requests seen.
 */
export async function mockApi(page, routes) {
  const seen = [];
  await page.route('**/api/**', async (route) => {
    const req = route.request();
    const url = new URL(req.url());
    const key = `${req.method()} ${url.pathname}`;
    seen.push({ key, headers: req.headers(), body: req.postData() });
    let hit = routes[key];
    if (typeof hit === 'function') hit = await hit(req);
    if (!hit) {
      await route.fulfill({ status: 404, contentType: 'application/json', body: JSON.stringify({ error: { code: 'not_found', message: key } }) });
      return;
    }
    if (hit.raw !== undefined) {
      await route.fulfill({ status: hit.status ?? 200, contentType: hit.contentType ?? 'text/plain', body: hit.raw });
      return;
    }
    await route.fulfill({ status: hit.status ?? 200, contentType: 'application/json', body: JSON.stringify(hit.body ?? {}) });
  });
  return seen;
}

/** Serialises events as a text/event-stream body. */
export function sseBody(events) {
  return events.map(([event, data]) => `event: ${event}\ndata: ${JSON.stringify(data)}\n\n`).join('');
}
