// Signed-in chat against a mocked API: sign in, ask, the streamed answer shows a citation
// chip, the chip opens the source panel with the quoted span highlighted, Escape closes
// it, an unsupported question shows the "not found" state; the page passes axe in Arabic.
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

const kUser = { id: 'u1', email: 'amina@example.org', name: 'Amina Benali', role: 'member' };
// As the server sends it: the exact words quoted, offsets into the document's text.
const kCitation = {
  n: 1,
  document_id: 'd1',
  chunk_id: 'k1',
  title: 'Règlement intérieur.pdf',
  page: 4,
  section: 'Titre II > Contrat de travail',
  quote: 'Le préavis de démission est de un mois',
  start: 1013,
  end: 1051,
};

test('chat: streamed answer, citation panel, not-found state, Arabic layout', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  let asked = 0;
  const seen = await mockApi(page, {
    'GET /api/auth/providers': { body: { password: true, registration: 'closed', oidc: [] } },
    'POST /api/auth/login': { body: { access_token: 'A1', refresh_token: 'R1', expires_in: 900, user: kUser } },
    'GET /api/conversations': { body: [] },
    'POST /api/conversations': { body: { id: 'c1' } },
    'POST /api/conversations/c1/messages': () => {
      asked++;
      if (asked === 1) {
        return {
          contentType: 'text/event-stream',
          raw: sseBody([
            ['delta', { text: 'Le préavis est **d’un mois** ' }],
            ['delta', { text: '[1].' }],
            ['citations', [kCitation]],
            ['done', { message_id: 'm1', answered: true, timings: {} }],
          ]),
        };
      }
      return {
        contentType: 'text/event-stream',
        raw: sseBody([
          ['delta', { text: 'Je ne trouve pas la réponse dans vos documents.' }],
          ['done', { message_id: 'm2', answered: false, timings: {} }],
        ]),
      };
    },
  });

  await page.goto(server.url + '/signin');
  await page.getByLabel('Adresse e-mail').fill(kUser.email);
  await page.getByLabel('Mot de passe').fill('correct horse battery');
  await page.getByRole('button', { name: 'Se connecter' }).click();
  await page.waitForURL(server.url + '/');

  const input = page.getByLabel('Votre question');
  await input.fill('Quel est le préavis de démission ?');
  await input.press('Enter');
  await page.waitForURL('**/c/c1');
  await page.getByText('d’un mois').waitFor();
  const ask = seen.find((r) => r.key === 'POST /api/conversations/c1/messages');
  assert.equal(ask.headers.accept, 'text/event-stream');
  assert.equal(ask.headers.authorization, 'Bearer A1');
  assert.deepEqual(JSON.parse(ask.body), { content: 'Quel est le préavis de démission ?' });

  const chip = page.getByRole('button', { name: 'Source 1 : Règlement intérieur.pdf' }).last();
  await chip.click();
  const panel = page.locator('aside.side-panel');
  await panel.waitFor();
  assert.equal(await panel.locator('mark').textContent(), 'Le préavis de démission est de un mois');
  assert.match(await panel.textContent(), /Page 4/);
  assert.deepEqual(await panel.locator('.trail li').allTextContents(), ['Titre II', 'Contrat de travail']);
  await page.keyboard.press('Escape');
  await panel.waitFor({ state: 'detached' });
  assert.equal(await chip.evaluate((el) => el === document.activeElement), true, 'focus returns to the chip');

  await input.fill('Quelle est la couleur du ciel ?');
  await page.getByRole('button', { name: 'Envoyer' }).click();
  await page.getByText('Introuvable dans vos documents').waitFor();

  await page.getByLabel('Langue').selectOption('ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  await page.getByText('غير موجود في مستنداتك').waitFor();
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  const serious = result.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  assert.deepEqual(serious.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`), []);
  // Mirrored: the conversation list is on the right in RTL.
  const list = await page.locator('.conv-list').boundingBox();
  const main = await page.locator('.chat-main').boundingBox();
  assert.ok(list && main && list.x > main.x, 'conversation list at the inline start (right) in Arabic');

  const dir = await ensureArtifactsDir();
  await page.screenshot({ path: join(dir, 'chat-ar.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
