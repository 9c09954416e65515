// Library against a mocked API: folder tree, upload of two files with progress bars then
// indexing events to "ready"/"failed", and the permissions dialog (focus inside, Tab
// trapped, Escape closes, PUT body).
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ensureArtifactsDir, launchBrowser, mockApi, sseBody, startStaticServer } from './harness.mjs';

let server;
let browser;

before(async () => {
  server = await startStaticServer();
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  await server?.close();
});

const kAdmin = { id: 'u0', email: 'admin@example.org', name: 'Admin', role: 'admin' };

test('library: upload with progress, indexing events, permissions dialog', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const logs = [];
  page.on('console', (m) => logs.push(m.text()));
  page.on('requestfailed', (r) => logs.push(`failed ${r.url()} ${r.failure()?.errorText}`));
  const docs = [];
  // The mocked server's document list follows its job events.
  const setStatus = (id, status, error) => {
    for (const d of docs) if (d.id === id) Object.assign(d, { status, error });
    return {};
  };
  const seen = await mockApi(page, {
    'GET /api/auth/providers': { body: { password: true, registration: 'closed', oidc: [] } },
    'POST /api/auth/login': { body: { access_token: 'A1', refresh_token: 'R1', expires_in: 900, user: kAdmin } },
    'GET /api/conversations': { body: { conversations: [] } },
    'GET /api/folders': {
      body: {
        folders: [
          { id: 'f1', name: 'Ressources humaines', parent_id: null, children: [{ id: 'f2', name: 'Contrats', parent_id: 'f1', children: [] }] },
        ],
      },
    },
    'GET /api/documents': () => ({ body: { documents: docs } }),
    'GET /api/documents/d1': () => ({ body: docs.find((d) => d.id === 'd1') }),
    'GET /api/documents/d2': () => ({ body: docs.find((d) => d.id === 'd2') }),
    'POST /api/documents': (req) => {
      // The two uploads race; answer by file name, not by arrival order.
      const n = (req.postDataBuffer() ?? Buffer.alloc(0)).includes('filename="guide.docx"') ? 1 : 2;
      const name = n === 1 ? 'guide.docx' : 'scan.pdf';
      const d = { id: `d${n}`, title: name.replace(/\..*/, ''), original_name: name, folder_id: 'f2', status: 'queued', job_id: `j${n}` };
      docs.push(d);
      return { status: 202, body: { document: d, job_id: `j${n}` } };
    },
    'GET /api/jobs/j1/events': () => ({
      contentType: 'text/event-stream',
      // The server's job events: `progress` then `done`, each carrying the whole Job.
      raw: sseBody([
        ['progress', { id: 'j1', type: 'document.ingest', state: 'running', progress: { pages_done: 1, pages_total: 2, chunks_done: 3 }, error: null }],
        ['done', { id: 'j1', type: 'document.ingest', state: 'succeeded', progress: { pages_done: 2, pages_total: 2, chunks_done: 6 }, error: null }],
      ]),
      ...setStatus('d1', 'ready', null),
    }),
    'GET /api/jobs/j2/events': () => ({
      contentType: 'text/event-stream',
      raw: sseBody([['done', { id: 'j2', type: 'document.ingest', state: 'failed', progress: { pages_done: 0, pages_total: 0 }, error: 'PDF illisible' }]]),
      ...setStatus('d2', 'failed', 'PDF illisible'),
    }),
    'GET /api/users': { body: { users: [kAdmin, { id: 'u2', email: 'karim@example.org', name: 'كريم', role: 'member' }] } },
    'GET /api/groups': { body: { groups: [{ id: 'g1', name: 'RH' }] } },
    'GET /api/folders/f2/permissions': { body: { entries: [{ principal: 'everyone', permission: 'read' }] } },
    'PUT /api/folders/f2/permissions': { status: 204, raw: '' },
  });

  await page.goto(server.url + '/signin');
  await page.getByLabel('Adresse e-mail').fill(kAdmin.email);
  await page.getByLabel('Mot de passe').fill('secret secret');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(server.url + '/');
  await page.getByRole('link', { name: 'Bibliothèque' }).click();
  await page.getByRole('button', { name: 'Contrats' }).click();
  await page.waitForURL('**/library?folder=f2');

  await page.locator('input[type=file]').setInputFiles([
    { name: 'guide.docx', mimeType: 'application/octet-stream', buffer: Buffer.alloc(200_000, 1) },
    { name: 'scan.pdf', mimeType: 'application/pdf', buffer: Buffer.from('%PDF-1.4') },
  ]);
  const list = page.locator('.upload-list');
  await list.locator('li', { hasText: 'guide.docx' }).getByText('Prêt').waitFor({ timeout: 10_000 }).catch(async (e) => {
    throw new Error(`${e.message}\nupload list: ${JSON.stringify(await list.innerHTML().catch(() => '(none)'))}\nrequests: ${seen.map((r) => r.key).join(', ')}\nlog: ${logs.join(' | ')}`);
  });
  await list.locator('li', { hasText: 'scan.pdf' }).getByText('Échec').waitFor();
  await list.getByText('PDF illisible').waitFor();
  const posts = seen.filter((r) => r.key === 'POST /api/documents');
  assert.equal(posts.length, 2);
  assert.equal(posts[0].headers.authorization, 'Bearer A1');
  assert.match(posts[0].headers['content-type'], /^multipart\/form-data/);
  await page.locator('.doc-table tbody tr', { hasText: 'guide' }).waitFor();

  const opener = page.getByRole('button', { name: 'Droits d’accès' });
  await opener.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  await dialog.getByText('Tout le monde').first().waitFor();
  assert.equal(await dialog.evaluate((d) => d.contains(document.activeElement)), true, 'focus moved into the dialog');
  for (let i = 0; i < 12; i++) await page.keyboard.press('Tab');
  assert.equal(await dialog.evaluate((d) => d.contains(document.activeElement)), true, 'Tab stays inside');
  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa']).analyze();
  assert.deepEqual(axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => v.id), []);
  const dir = await ensureArtifactsDir();
  await page.screenshot({ path: join(dir, 'library-permissions-fr.png'), fullPage: true });

  await dialog.getByLabel('Bénéficiaire').selectOption('group:g1');
  await dialog.getByLabel('Droit', { exact: true }).selectOption('write');
  await dialog.getByRole('button', { name: 'Ajouter' }).click();
  await dialog.getByRole('button', { name: 'Enregistrer' }).click();
  await dialog.getByText('Enregistré.').waitFor();
  const put = seen.find((r) => r.key === 'PUT /api/folders/f2/permissions');
  assert.deepEqual(JSON.parse(put.body), {
    entries: [
      { principal: 'everyone', permission: 'read' },
      { principal: 'group:g1', permission: 'write' },
    ],
  });
  await page.keyboard.press('Escape');
  await dialog.waitFor({ state: 'detached' });
  assert.equal(await opener.evaluate((el) => el === document.activeElement), true, 'focus back on the opener');

  await page.getByLabel('Langue').selectOption('ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  const side = await page.locator('.library-side').boundingBox();
  const main = await page.locator('.library-main').boundingBox();
  assert.ok(side && main && side.x > main.x, 'folder tree at the inline start (right) in Arabic');
  await page.screenshot({ path: join(dir, 'library-ar.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
