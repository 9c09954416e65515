// The sign-in page against a mocked API: renders in French, switches to Arabic with
// dir="rtl" and a mirrored header, and axe finds no serious or critical violations.
import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { join } from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import { ensureArtifactsDir, launchBrowser, mockApi, startStaticServer } from './harness.mjs';

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

async function seriousViolations(page) {
  const result = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

test('sign-in page: French by default, Arabic right-to-left, accessible', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  await mockApi(page, {
    'GET /api/auth/providers': { body: { password: true, registration: 'open', oidc: [{ id: 'google', name: 'Google' }] } },
    'GET /api/me': { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } },
    'POST /api/auth/refresh': { status: 401, body: { error: { code: 'unauthenticated', message: 'no session' } } },
  });

  await page.goto(server.url + '/');
  await page.waitForURL('**/signin');
  const heading = page.getByRole('heading', { level: 1 });
  await assert.doesNotReject(heading.waitFor());
  assert.equal(await heading.textContent(), 'Connexion');
  assert.equal(await page.getAttribute('html', 'lang'), 'fr');
  assert.equal(await page.getAttribute('html', 'dir'), 'ltr');
  await page.getByRole('link', { name: 'Continuer avec Google' }).waitFor();
  await page.getByRole('link', { name: 'Créer un compte' }).waitFor();
  assert.deepEqual(await seriousViolations(page), []);

  await page.getByLabel('Langue').selectOption('ar');
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');
  assert.equal(await page.getAttribute('html', 'lang'), 'ar');
  assert.equal(await heading.textContent(), 'تسجيل الدخول');
  // Mirrored: in RTL the brand sits at the right end of the header, the language menu at the left.
  const brand = await page.locator('.auth-top .brand').boundingBox();
  const lang = await page.locator('.auth-top .lang-switch').boundingBox();
  assert.ok(brand && lang && brand.x > lang.x, `brand ${brand?.x} should be right of language ${lang?.x}`);
  assert.deepEqual(await seriousViolations(page), []);

  // Remembered across a reload.
  await page.reload();
  await page.waitForFunction(() => document.documentElement.dir === 'rtl');

  const dir = await ensureArtifactsDir();
  await page.screenshot({ path: join(dir, 'signin-ar.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
