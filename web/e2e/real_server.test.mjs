// The scenarios against a REAL `sanad` (SQLite, demo corpus loaded with the command
// line; see sanad.mjs): sign in as the administrator, create a folder and upload a DOCX
// that becomes ready through the real job events, switch to Arabic (dir=rtl, mirrored
// layout), administration, sign-out, registration, a cited answer with its passage. The
// private-folder scenario checks folder permissions through the UI.
import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ensureArtifactsDir, launchBrowser } from './harness.mjs';
import { apiLogin, kAccounts, repoDir, startSanad } from './sanad.mjs';

let sanad;
let browser;
let page;
const pageErrors = [];

before(async () => {
  sanad = await startSanad();
  browser = await launchBrowser();
  page = await browser.context.newPage();
  page.on('pageerror', (e) => pageErrors.push(String(e)));
});

after(async () => {
  await browser?.close();
  await sanad?.stop();
});

async function seriousViolations() {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function screenshot(name) {
  await page.screenshot({ path: join(await ensureArtifactsDir(), name), fullPage: true });
}

/** Adds the server's log to a failure, which is where its cause usually is. */
function withLog(e) {
  return new Error(`${e.message}\n--- sanad log ---\n${sanad.log().slice(-4000)}`);
}

test('real server: the administrator signs in through the UI', async () => {
  await page.goto(sanad.url + '/');
  await page.waitForURL('**/signin');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  assert.deepEqual(await seriousViolations(), []);
  await page.getByLabel('Adresse e-mail').fill(kAccounts.admin.email);
  await page.getByLabel('Mot de passe').fill(kAccounts.admin.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(sanad.url + '/').catch((e) => Promise.reject(withLog(e)));
  // Administrators get the administration link; the access token is the server's.
  await page.getByRole('link', { name: 'Administration' }).waitFor();
  assert.deepEqual(await seriousViolations(), []);
  await screenshot('real-home-fr.png');
  assert.deepEqual(pageErrors, []);
});

test('real server: the demo folder lists the indexed corpus', async () => {
  await page.getByRole('link', { name: 'Bibliothèque' }).click();
  await page.getByRole('button', { name: 'Démo' }).click();
  await page.waitForURL('**/library?folder=*');
  const rows = page.locator('.doc-table tbody tr');
  await rows.filter({ hasText: 'charte-informatique' }).waitFor();
  // Every file of demo/documents was indexed by `sanad index` and is ready.
  assert.equal(await rows.count(), 13);
  assert.equal(await rows.filter({ hasText: 'Prêt' }).count(), 13);
  assert.deepEqual(await seriousViolations(), []);
});

test('real server: a DOCX uploaded in the library becomes ready', async () => {
  // A new folder (created through the UI): the same content in "Démo" would come back as
  // the existing document, without a job.
  await page.getByLabel('Nouveau dossier').fill('Envois RH');
  await page.getByRole('button', { name: 'Créer' }).click();
  await page.getByRole('button', { name: 'Envois RH' }).click();
  await page.getByText('Ce dossier est vide.').waitFor();

  const docx = join(repoDir, 'demo', 'documents', 'teletravail.docx');
  const jobEvents = page.waitForResponse((r) => /\/api\/jobs\/[^/]+\/events$/.test(new URL(r.url()).pathname));
  await page.locator('input[type=file]').setInputFiles({
    name: 'teletravail.docx',
    mimeType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
    buffer: await readFile(docx),
  });
  const item = page.locator('.upload-list li', { hasText: 'teletravail.docx' });
  await item.getByText('Prêt').waitFor({ timeout: 20_000 }).catch(async (e) => {
    throw withLog(new Error(`${e.message}\nupload list: ${await page.locator('.upload-list').innerHTML().catch(() => '(none)')}`));
  });
  // Readiness came from the job's event stream, not only from the upload's answer.
  const events = await jobEvents;
  assert.equal(events.status(), 200);
  assert.match(events.headers()['content-type'], /^text\/event-stream/);
  await page.locator('.doc-table tbody tr', { hasText: 'teletravail' }).getByText('Prêt').waitFor();

  // The server agrees: the document is ready, with chunks.
  const token = await apiLogin(sanad.url, kAccounts.admin);
  const folders = await (await fetch(`${sanad.url}/api/folders`, { headers: { Authorization: `Bearer ${token}` } })).json();
  // GET /api/folders is a tree; the new folder was created inside the selected one (Démo).
  const flat = (list) => list.flatMap((f) => [f, ...flat(f.children ?? [])]);
  const folder = flat(folders.folders).find((f) => f.name === 'Envois RH');
  assert.ok(folder, 'the folder was created on the server');
  assert.equal(flat(folders.folders).find((f) => f.id === folder.parent_id)?.name, 'Démo');
  const list = await (
    await fetch(`${sanad.url}/api/documents?folder_id=${folder.id}`, { headers: { Authorization: `Bearer ${token}` } })
  ).json();
  assert.equal(list.documents.length, 1);
  assert.equal(list.documents[0].status, 'ready');
  assert.ok(list.documents[0].chunks > 0, 'chunks were made');
  assert.deepEqual(await seriousViolations(), []);
  await screenshot('real-library-upload-fr.png');
  assert.deepEqual(pageErrors, []);
});

test('real server: Arabic switches the layout to right-to-left', async () => {
  await page.getByLabel('Langue').selectOption('ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  await page.getByRole('link', { name: 'المكتبة' }).waitFor();
  // Mirrored: the folder tree sits at the inline start, which is the right in Arabic.
  const side = await page.locator('.library-side').boundingBox();
  const main = await page.locator('.library-main').boundingBox();
  assert.ok(side && main && side.x > main.x, `folder tree (x=${side?.x}) should be right of the documents (x=${main?.x})`);
  // The server's French titles stay readable inside the Arabic page (isolated).
  await page.locator('.doc-table tbody tr', { hasText: 'teletravail' }).locator('bdi').first().waitFor();
  assert.deepEqual(await seriousViolations(), []);
  await screenshot('real-library-ar.png');
  // Remembered after a reload, with the session restored from the refresh token.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.locator('.doc-table tbody tr', { hasText: 'teletravail' }).waitFor();
  await page.getByLabel('اللغة').selectOption('fr');
  await page.waitForFunction(() => document.documentElement.dir === 'ltr');
  assert.deepEqual(pageErrors, []);
});

test('real server: administration shows health, accounts, imports the FAQ and re-indexes', async () => {
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();
  const health = page.locator('ul.health');
  await health.waitFor();
  const rows = await health.locator('li').allTextContents();
  assert.ok(rows.some((r) => r.startsWith('Base de données') && r.includes('Opérationnel')), rows.join(' | '));
  // The index holds the demo corpus; no model and no key: lexical search, extractive answers.
  assert.ok(rows.some((r) => /chunks/.test(r) && r.includes('Opérationnel')), rows.join(' | '));
  assert.ok(rows.some((r) => r.includes('none: lexical search only')), rows.join(' | '));
  assert.ok(rows.some((r) => r.includes('extractive (no LLM configured)')), rows.join(' | '));
  // The accounts created with `sanad user create`, names as given (Arabic isolated).
  await page.getByRole('cell', { name: kAccounts.member.name }).waitFor();
  await page.getByRole('cell', { name: kAccounts.other.email }).waitFor();
  // The demo FAQ through the UI: without a folder it goes to the root folder "FAQ"; a
  // second import finds every row unchanged (re-import never duplicates).
  const faqFile = page.getByLabel('Fichier CSV');
  const importButton = page.getByRole('button', { name: 'Importer' });
  await faqFile.setInputFiles(join(repoDir, 'demo', 'faq.csv'));
  await importButton.click();
  const first = page.getByText(/^\d+ questions importées, 0 mises à jour, 0 inchangées\.$/);
  await first.waitFor().catch(async (e) => {
    throw withLog(new Error(`${e.message}\n${await page.locator('main').innerText()}`));
  });
  const inserted = Number(/^\d+/.exec(await first.innerText())[0]);
  assert.ok(inserted > 0, 'the demo FAQ has rows');
  await importButton.click();
  await page.getByText(`0 questions importées, 0 mises à jour, ${inserted} inchangées.`).waitFor();
  // Re-indexing: an index.rebuild job followed to its end through the real job events.
  await page.getByRole('button', { name: 'Réindexer' }).click();
  await page.getByText('Réindexation terminée.').waitFor({ timeout: 20_000 });
  assert.deepEqual(await seriousViolations(), []);
  await screenshot('real-admin-fr.png');
  assert.deepEqual(pageErrors, []);
});

test('real server: signing out revokes the session on the server', async () => {
  const refresh = await page.evaluate(() => localStorage.getItem('sanad.refresh_token'));
  assert.ok(refresh, 'a refresh token was kept for the session');
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL('**/signin');
  assert.equal(await page.evaluate(() => localStorage.getItem('sanad.refresh_token')), null);
  // The app sent it to POST /api/auth/logout: the server no longer accepts it.
  const res = await fetch(`${sanad.url}/api/auth/refresh`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ refresh_token: refresh }),
  });
  assert.equal(res.status, 401);
  assert.deepEqual(pageErrors, []);
});

test('real server: a visitor registers (open registration) and is signed in as a member', async () => {
  await page.goto(sanad.url + '/signin');
  await page.getByRole('link', { name: 'Créer un compte' }).click();
  await page.getByLabel('Nom complet').fill('Yasmine Benali');
  await page.getByLabel('Adresse e-mail').fill('yasmine@example.org');
  await page.getByLabel('Mot de passe').fill('yasmine-password-1');
  await page.getByRole('button', { name: 'Créer le compte' }).click();
  await page.getByText('Connecté en tant que Yasmine Benali').waitFor().catch(async (e) => {
    throw withLog(new Error(`${e.message}\n${await page.locator('body').innerText()}`));
  });
  // A member: no administration.
  await page.getByRole('link', { name: 'Bibliothèque' }).waitFor();
  assert.equal(await page.getByRole('link', { name: 'Administration' }).count(), 0);
  assert.deepEqual(await seriousViolations(), []);
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL('**/signin');
  assert.deepEqual(pageErrors, []);
});

async function signInThroughUi(account) {
  await page.goto(sanad.url + '/signin');
  await page.getByLabel('Adresse e-mail').fill(account.email);
  await page.getByLabel('Mot de passe').fill(account.password);
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(sanad.url + '/');
}

async function signOutThroughUi() {
  await page.getByRole('button', { name: 'Se déconnecter' }).click();
  await page.waitForURL('**/signin');
}

test('real server: ask a question, get a cited answer, click the citation, see the passage', async () => {
  await signInThroughUi(kAccounts.member);
  const input = page.getByLabel('Votre question');
  await input.fill('Combien de jours de congé pour le décès d’un parent ?');
  await input.press('Enter');
  await page.waitForURL('**/c/*');
  const answer = page.locator('li.msg-assistant').last();
  // Streamed over SSE by the extractive answerer: the reply is quoted from the sources.
  const chip = answer.locator('.sources').getByRole('button', { name: /^Source 1/ });
  await chip.waitFor({ timeout: 30_000 }).catch(async (e) => {
    throw withLog(new Error(`${e.message}\n${await page.locator('main').innerText()}`));
  });
  assert.equal(await answer.getAttribute('aria-busy'), null, 'the answer finished streaming');
  assert.equal(await answer.locator('.not-found-title').count(), 0, 'answered from the documents');
  const answerText = (await answer.locator('.markdown').innerText()).replace(/\s+/g, ' ');
  await chip.click();
  const panel = page.locator('aside.side-panel');
  await panel.waitFor();
  const quoted = ((await panel.locator('mark').first().textContent()) ?? '').replace(/\s+/g, ' ').trim();
  assert.ok(quoted.length > 0, 'the quoted span is highlighted');
  // The citation is what the answer says: the extractive answer quotes its source.
  assert.ok(answerText.includes(quoted.slice(0, 40)), `answer «${answerText}» should contain the quote «${quoted}»`);
  assert.match(quoted, /jour/i);
  assert.deepEqual(await seriousViolations(), []);
  await screenshot('real-chat-citation-fr.png');
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  // The conversation is kept on the server and listed, titled by the question.
  await page.locator('.conv-list').getByText('Combien de jours de congé', { exact: false }).waitFor();
  await signOutThroughUi();
  assert.deepEqual(pageErrors, []);
});

test(
  'real server: a member cannot see another member’s private folder',
  async () => {
    const admin = await apiLogin(sanad.url, kAccounts.admin);
    const call = async (method, path, body) => {
      const res = await fetch(`${sanad.url}${path}`, {
        method,
        headers: { Authorization: `Bearer ${admin}`, 'Content-Type': 'application/json' },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      assert.ok(res.ok, `${method} ${path}: ${res.status} ${await res.clone().text()}`);
      return res.status === 204 ? null : res.json();
    };
    const users = (await call('GET', '/api/users')).users;
    const karim = users.find((u) => u.email === kAccounts.member.email);
    const folder = await call('POST', '/api/folders', { name: 'Privé Karim', parent_id: null });
    await call('PUT', `/api/folders/${folder.id}/permissions`, {
      entries: [{ principal: `user:${karim.id}`, permission: 'manage' }],
    });

    await signInThroughUi(kAccounts.member);
    await page.getByRole('link', { name: 'Bibliothèque' }).click();
    await page.getByRole('button', { name: 'Privé Karim' }).waitFor();
    await signOutThroughUi();

    await signInThroughUi(kAccounts.other);
    await page.getByRole('link', { name: 'Bibliothèque' }).click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await page.waitForLoadState('networkidle');
    assert.equal(await page.getByRole('button', { name: 'Privé Karim' }).count(), 0, 'Léa does not see Karim’s folder');
    // Nor through the API.
    const lea = await apiLogin(sanad.url, kAccounts.other);
    const res = await fetch(`${sanad.url}/api/documents?folder_id=${folder.id}`, { headers: { Authorization: `Bearer ${lea}` } });
    assert.ok(res.status === 403 || res.status === 404, `documents of the private folder: ${res.status}`);
    assert.deepEqual(await seriousViolations(), []);
    await screenshot('real-library-member-fr.png');
    await signOutThroughUi();
  },
);
