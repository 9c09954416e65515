// A real `sanad` for end-to-end tests: a fresh data directory (SQLite), accounts created
// and the demo corpus loaded with the command line, then `sanad serve --port 0` serving
// web/dist. stop() sends SIGTERM, waits for the exit and removes the directory.
import { spawn } from 'node:child_process';
import { mkdtemp, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { distDir, webDir } from './harness.mjs';

export const repoDir = resolve(webDir, '..');
/** The binary under test: $SANAD_BINARY (set by tests/web/CMakeLists.txt), else the default build. */
export const sanadBinary = resolve(webDir, process.env.SANAD_BINARY ?? '../build/src/app/sanad');

/** Accounts every real-server test may use (created before the server starts). */
export const kAccounts = {
  admin: { email: 'admin@example.org', password: 'admin-password-1', name: 'Amina Admin', admin: true },
  member: { email: 'karim@example.org', password: 'member-password-1', name: 'كريم', admin: false },
  other: { email: 'lea@example.org', password: 'member-password-2', name: 'Léa', admin: false },
};

const kStartTimeoutMs = 20_000;
const kCommandTimeoutMs = 60_000;

/** Runs `sanad args…` to completion with `env`; rejects with its output when it fails. */
function run(env, args, input) {
  return new Promise((ok, fail) => {
    const child = spawn(sanadBinary, args, { env, cwd: repoDir, stdio: ['pipe', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    const timer = setTimeout(() => child.kill('SIGKILL'), kCommandTimeoutMs);
    child.on('error', (e) => {
      clearTimeout(timer);
      fail(e);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (code === 0) ok(out);
      else fail(new Error(`sanad ${args.join(' ')} exited with ${code ?? signal}:\n${out}`));
    });
    child.stdin.end(input ?? '');
  });
}

/** Resolves with the serving URL once stdout says `sanad listening on http://ADDR:PORT`. */
function waitForListening(child, output) {
  return new Promise((ok, fail) => {
    let buffer = '';
    const timer = setTimeout(() => fail(new Error(`sanad serve did not start in ${kStartTimeoutMs} ms:\n${output()}`)), kStartTimeoutMs);
    child.stdout.on('data', (d) => {
      buffer += d;
      const m = /sanad listening on http:\/\/([^\s:]+|\[[^\]]+\]):(\d+)/.exec(buffer);
      if (m) {
        clearTimeout(timer);
        const host = m[1] === '0.0.0.0' || m[1] === '[::]' ? '127.0.0.1' : m[1];
        ok(`http://${host}:${m[2]}`);
      }
    });
    child.on('exit', (code, signal) => {
      clearTimeout(timer);
      fail(new Error(`sanad serve exited (${code ?? signal}) before listening:\n${output()}`));
    });
  });
}

/**
 * Prepares a data directory (accounts, categories, demo documents in the folder "Démo",
 * demo FAQ) and starts the server. Returns {url, dataDir, log(), stop()}.
 */
export async function startSanad() {
  await stat(sanadBinary).catch(() => {
    throw new Error(`${sanadBinary} not found: build the sanad target or set SANAD_BINARY`);
  });
  await stat(join(distDir, 'index.html')).catch(() => {
    throw new Error(`${distDir}/index.html not found: run scripts/build-web.sh first`);
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'sanad-e2e-data-'));
  const env = {
    PATH: process.env.PATH ?? '/usr/bin:/bin',
    HOME: dataDir,
    SANAD_ENV: 'development',
    SANAD_DATA_DIR: dataDir,
    SANAD_STATIC_DIR: distDir,
    SECRET_KEY: 'e2e-secret-key-0123456789abcdef0123456789abcdef',
    SANAD_LOG_LEVEL: 'warn',
    // Answers without any network: sentences quoted from the passages.
    LLM_PROVIDER: 'extractive',
  };
  let child = null;
  try {
    for (const a of Object.values(kAccounts)) {
      const args = ['user', 'create', '--email', a.email, '--password-stdin', '--name', a.name];
      if (a.admin) args.push('--admin');
      await run(env, args, a.password + '\n');
    }
    await run(env, ['categories', 'init']);
    await run(env, ['index', join(repoDir, 'demo', 'documents'), '--folder', 'Démo']);
    await run(env, ['import-faq', '--csv', join(repoDir, 'demo', 'faq.csv'), '--folder', 'Démo']);
    // As scripts/load-demo.sh does: every signed-in account may read the demo.
    await run(env, ['folder', 'grant', 'Démo', 'everyone', 'read']);

    child = spawn(sanadBinary, ['serve', '--port', '0'], { env, cwd: repoDir, stdio: ['ignore', 'pipe', 'pipe'] });
    let log = '';
    child.stdout.on('data', (d) => (log += d));
    child.stderr.on('data', (d) => (log += d));
    const exited = new Promise((ok) => child.once('exit', ok));
    const url = await waitForListening(child, () => log);
    const server = child;
    return {
      url,
      dataDir,
      log: () => log,
      stop: async () => {
        if (server.exitCode === null && server.signalCode === null) server.kill('SIGTERM');
        await exited;
        await rm(dataDir, { recursive: true, force: true });
      },
    };
  } catch (e) {
    child?.kill('SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
    throw e;
  }
}

/** Signs in through the API (for set-up steps the UI does not need to show). */
export async function apiLogin(url, account) {
  const res = await fetch(`${url}/api/auth/login`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ email: account.email, password: account.password }),
  });
  if (!res.ok) throw new Error(`login ${account.email}: ${res.status} ${await res.text()}`);
  return (await res.json()).access_token;
}
