// Administration against a mocked API: health of each dependency from /health/ready,
// users and groups listed, user creation posts the contract's body; axe in English.
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

const kAdmin = { id: 'u0', email: 'admin@example.org', name: 'Admin', role: 'admin' };

test('administration: health, users, groups', async () => {
  const page = await browser.context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(String(e)));
  const users = [kAdmin, { id: 'u2', email: 'salma@example.org', name: 'سلمى', role: 'member' }];
  const seen = await mockApi(page, {
    'GET /api/auth/providers': { body: { password: true, registration: 'invite', oidc: [] } },
    'PUT /api/settings/registration': { body: { mode: 'closed' } },
    'POST /api/auth/login': { body: { access_token: 'A1', refresh_token: 'R1', expires_in: 900, user: kAdmin } },
    'GET /api/conversations': { body: { conversations: [] } },
    'GET /api/users': () => ({ body: { users } }),
    'POST /api/users': (req) => {
      const u = { id: 'u3', ...JSON.parse(req.postData()) };
      delete u.password;
      users.push(u);
      return { status: 201, body: u };
    },
    'GET /api/groups': { body: { groups: [{ id: 'g1', name: 'RH', member_ids: ['u2'] }] } },
  });
  await page.route('**/health/ready', (route) =>
    route.fulfill({
      status: 503,
      contentType: 'application/json',
      body: JSON.stringify({
        status: 'unavailable',
        checks: {
          database: { ok: true, detail: 'sqlite', ms: 0.2 },
          indexes: { ok: true, detail: '120 chunks' },
          embedding: { ok: true, detail: 'multilingual-e5-small' },
          llm: { ok: false, detail: 'no API key' },
        },
      }),
    }),
  );

  await page.goto(server.url + '/signin');
  await page.getByLabel('Langue').selectOption('en');
  await page.getByLabel('Email address').fill(kAdmin.email);
  await page.getByLabel('Password').fill('secret secret');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL(server.url + '/');
  await page.getByRole('link', { name: 'Administration' }).click();
  await page.getByRole('heading', { name: 'Administration', level: 1 }).waitFor();

  const health = page.locator('ul.health');
  await health.waitFor();
  const rows = await health.locator('li').allTextContents();
  assert.ok(rows.some((r) => r.startsWith('Database') && r.includes('Working')), rows.join(' | '));
  assert.ok(rows.some((r) => r.startsWith('LLM provider') && r.includes('Down') && r.includes('no API key')), rows.join(' | '));
  // The registration policy: shown as the server has it, changed with PUT {mode}.
  const policy = page.getByRole('combobox', { name: 'Registration', exact: true });
  await policy.waitFor();
  assert.equal(await policy.inputValue(), 'invite');
  await policy.selectOption('closed');
  await page.locator('section', { has: page.getByRole('heading', { name: 'Registration' }) })
    .getByRole('button', { name: 'Save' }).click();
  await page.getByText('Saved.').waitFor();
  const put = seen.find((r) => r.key === 'PUT /api/settings/registration');
  assert.deepEqual(JSON.parse(put.body), { mode: 'closed' });
  await page.getByRole('cell', { name: 'سلمى' }).waitFor();

  const form = page.locator('section', { has: page.getByRole('heading', { name: 'Users' }) });
  await form.getByLabel('Full name').fill('Yanis Haddad');
  await form.getByLabel('Email address').fill('yanis@example.org');
  await form.getByLabel('Password').fill('longenough');
  await form.getByLabel('Role').selectOption('member');
  await form.getByRole('button', { name: 'Add the user' }).click();
  await page.getByRole('cell', { name: 'Yanis Haddad' }).waitFor();
  const post = seen.find((r) => r.key === 'POST /api/users');
  assert.deepEqual(JSON.parse(post.body), { name: 'Yanis Haddad', email: 'yanis@example.org', password: 'longenough', role: 'member' });

  const axe = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']).analyze();
  assert.deepEqual(
    axe.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical').map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    [],
  );
  const dir = await ensureArtifactsDir();
  await page.screenshot({ path: join(dir, 'admin-en.png'), fullPage: true });
  assert.deepEqual(errors, []);
  await page.close();
});
