import { mkdtempSync, readFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './config.js';

const tmp = () => mkdtempSync(path.join(os.tmpdir(), 'jimmy-config-'));

describe('loadConfig', () => {
  it('defaults to the embedded database on port 3000 and generates APP_SECRET once', () => {
    const dataDir = tmp();
    const config = loadConfig({ DATA_DIR: dataDir });
    expect(config).toMatchObject({ PORT: 3000, embedded: true, dataDir });
    expect(config.appSecret).toMatch(/^[0-9a-f]{64}$/);
    expect(readFileSync(path.join(dataDir, 'app-secret'), 'utf8').trim()).toBe(config.appSecret);
    expect(loadConfig({ DATA_DIR: dataDir }).appSecret).toBe(config.appSecret);
  });

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATA_DIR: tmp(), DATABASE_URL: '' }).embedded).toBe(true);
  });

  it('names every wrong variable in one error', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: 'eighty', DATABASE_URL: 'mysql://x', LOG_LEVEL: 'loud', APP_SECRET: 'short', DATA_DIR: tmp() });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems.join('\n');
    for (const name of ['PORT', 'DATABASE_URL', 'LOG_LEVEL', 'APP_SECRET']) expect(problems).toContain(name);
    expect(problems).toContain('postgres://');
  });

  it('requires APP_SECRET in production on an external PostgreSQL, where nodes must share it', () => {
    expect(() => loadConfig({ DATABASE_URL: 'postgres://localhost/x', DATA_DIR: tmp() })).toThrow(/APP_SECRET/);
    expect(loadConfig({ DATABASE_URL: 'postgres://localhost/x', APP_SECRET: 'x'.repeat(32) }).embedded).toBe(false);
  });

  it('refuses private network calls unless ALLOW_PRIVATE_NETWORK_CALLS is true, and names a wrong value', () => {
    expect(loadConfig({ DATA_DIR: tmp() }).ALLOW_PRIVATE_NETWORK_CALLS).toBe(false);
    expect(loadConfig({ DATA_DIR: tmp(), ALLOW_PRIVATE_NETWORK_CALLS: 'true' }).ALLOW_PRIVATE_NETWORK_CALLS).toBe(true);
    expect(loadConfig({ DATA_DIR: tmp(), ALLOW_PRIVATE_NETWORK_CALLS: 'false' }).ALLOW_PRIVATE_NETWORK_CALLS).toBe(false);
    expect(() => loadConfig({ DATA_DIR: tmp(), ALLOW_PRIVATE_NETWORK_CALLS: 'yes' })).toThrow(/ALLOW_PRIVATE_NETWORK_CALLS/);
  });
});
