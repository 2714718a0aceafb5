import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { bootServer, testEnv } from './harness.js';

/** Embedded mode on purpose, whatever TEST_DATABASE_URL says: this is about PGlite under DATA_DIR. */
const dataDir = mkdtempSync(path.join(os.tmpdir(), 'jimmy-embedded-'));
const env = () => {
  const base = testEnv({ env: { DATA_DIR: dataDir }, drop: async () => undefined });
  delete base.DATABASE_URL;
  return base;
};
afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

// Each test boots whole servers twice (migrations, job schema, queues): on a loaded 2-core machine
// that alone can pass the default 30 s.
describe('embedded database', { timeout: 90_000 }, () => {
  it('keeps data across a restart', async () => {
    const first = await bootServer(env());
    const { companyId } = await first.services.companies.createWithAdmin({
      name: 'Persistente Ltda',
      admin: { name: 'P', email: 'persist@example.com', password: 'persist password' },
    });
    await first.close();

    const second = await bootServer(env());
    try {
      expect(await second.services.companies.exists(companyId)).toBe(true);
      const login = await second.http.inject({
        method: 'POST',
        url: '/api/auth/login',
        payload: { email: 'persist@example.com', password: 'persist password' },
      });
      expect(login.statusCode).toBe(200);
      expect(login.json().user.companyName).toBe('Persistente Ltda');
    } finally {
      await second.close();
    }
  });

  it('refuses a second process on the same DATA_DIR with a clear message', async () => {
    const holder = await bootServer(env());
    try {
      const entry = path.resolve(import.meta.dirname, '../src/main.ts');
      const tsx = path.resolve(import.meta.dirname, '../../../node_modules/tsx/dist/cli.mjs');
      const child = spawn(process.execPath, [tsx, entry], {
        env: { ...process.env, ...env(), PORT: '0' },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      let output = '';
      child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
      child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
      const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
      expect(code).toBe(75);
      expect(output).toContain('already used by another Jimmy Chat process');
      expect(output).toContain(`pid ${process.pid}`);
      // the holder is unharmed
      expect((await holder.http.inject({ method: 'GET', url: '/readyz' })).statusCode).toBe(200);
    } finally {
      await holder.close();
    }
  });
});
